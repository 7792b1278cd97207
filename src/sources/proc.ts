import * as path from 'node:path'

import type {Context} from './context.js'
import type {ProcFs} from './proc-fs.js'
import {errnoCode} from '../model/errors.js'

/** Narrow procfs access: where /proc is and how to read it (tests pass a memfs tree). */
export type ProcCtx = Pick<Context, 'fs' | 'procRoot' | 'procFs'>

/** How to read the per-process files: procFs when the context has one (the real /proc), else its fs. */
export const procFsOf = (ctx: ProcCtx): ProcFs => ctx.procFs ?? ctx.fs

export type ProcRead<T> = {status: 'ok'; value: T} | {status: 'no-process' | 'unreadable'; reason: string}

async function readProcFile(ctx: ProcCtx, pid: number, name: string): Promise<ProcRead<Buffer>> {
  const file = path.join(ctx.procRoot, String(pid), name)
  try {
    const buf = await procFsOf(ctx).readFile(file)
    return {status: 'ok', value: Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf))}
  } catch (err) {
    const code = errnoCode(err)
    if (code === 'ENOENT' || code === 'ESRCH') return {status: 'no-process', reason: `pid ${pid} does not exist`}
    if (code === 'EACCES' || code === 'EPERM') return {status: 'unreadable', reason: `no permission to read ${file}`}
    // procfs can also fail with e.g. EINVAL for a zombie or a racing exit: unreadable, not a crash.
    return {status: 'unreadable', reason: `cannot read ${file} (${code ?? 'unknown error'})`}
  }
}

/** `/proc/<pid>/environ` as a map. Never logs values. */
export async function readProcEnviron(ctx: ProcCtx, pid: number): Promise<ProcRead<Map<string, string>>> {
  const r = await readProcFile(ctx, pid, 'environ')
  if (r.status !== 'ok') return r
  const env = new Map<string, string>()
  for (const entry of r.value.toString('utf8').split('\0')) {
    const eq = entry.indexOf('=')
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1))
  }
  return {status: 'ok', value: env}
}

/** `/proc/<pid>/cmdline` as argv. */
export async function readCmdline(ctx: ProcCtx, pid: number): Promise<ProcRead<string[]>> {
  const r = await readProcFile(ctx, pid, 'cmdline')
  if (r.status !== 'ok') return r
  const args = r.value.toString('utf8').split('\0')
  if (args.at(-1) === '') args.pop()
  return {status: 'ok', value: args}
}

/** The cgroup v2 path (`0::/x`), else the name=systemd v1 path, as systemd reports ControlGroup. */
export async function readCgroup(ctx: ProcCtx, pid: number): Promise<string | undefined> {
  const r = await readProcFile(ctx, pid, 'cgroup')
  if (r.status !== 'ok') return undefined
  const lines = r.value.toString('utf8').split('\n')
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3)
  const v1 = lines.find((l) => /^\d+:name=systemd:/.test(l))?.replace(/^\d+:name=systemd:/, '')
  // On hybrid hosts systemd may manage either hierarchy; prefer the one that is not the root.
  return v2 && v2 !== '/' ? v2 : (v1 ?? v2)
}

/** Parent pid from `/proc/<pid>/stat` (the comm field may contain spaces and parens). */
export async function readPpid(ctx: ProcCtx, pid: number): Promise<number | undefined> {
  const r = await readProcFile(ctx, pid, 'stat')
  if (r.status !== 'ok') return undefined
  const s = r.value.toString('utf8')
  const fields = s.slice(s.lastIndexOf(')') + 2).split(' ')
  const ppid = Number(fields[1])
  return Number.isInteger(ppid) ? ppid : undefined
}

/**
 * Direct children of `pid`, from each thread's `task/<tid>/children` (a child belongs to the
 * thread that forked it). Empty when the kernel lacks CONFIG_PROC_CHILDREN or the pid is gone.
 */
export async function childPids(ctx: ProcCtx, pid: number): Promise<number[]> {
  const taskDir = path.join(ctx.procRoot, String(pid), 'task')
  let tids: string[]
  try {
    tids = (await procFsOf(ctx).readdir(taskDir)).map(String)
  } catch (err) {
    // Gone (ENOENT) or not ours (EACCES): no children we could name; callers fall back to a full scan.
    void errnoCode(err)
    return []
  }
  const lists = await Promise.all(tids.map((tid) => readProcFile(ctx, pid, path.join('task', tid, 'children'))))
  return lists.flatMap((r) => (r.status === 'ok' ? r.value.toString('utf8').split(/\s+/).filter((w) => /^\d+$/.test(w)).map(Number) : []))
}

/** Every numeric entry of /proc. */
export async function listPids(ctx: ProcCtx): Promise<number[]> {
  const names = (await procFsOf(ctx).readdir(ctx.procRoot)).map(String)
  return names.filter((n) => /^\d+$/.test(n)).map(Number)
}

/** Is `pid` `ancestor` or one of its descendants? Walks parents (bounded, pid 1 stops it). */
export async function isDescendant(ctx: ProcCtx, pid: number, ancestor: number): Promise<boolean> {
  let cur: number | undefined = pid
  for (let i = 0; i < 64 && cur !== undefined && cur > 1; i++) {
    if (cur === ancestor) return true
    cur = await readPpid(ctx, cur)
  }
  return false
}

/** Drop values of arguments that look like secrets: `--token X`, `--token=X`, `--password X`. */
export function redactArgs(args: readonly string[]): string[] {
  const out: string[] = []
  const secretFlag = /^--?(token|password|auth-token|pass)$/i
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const m = /^(--?(?:token|password|auth-token|pass))=/i.exec(a)
    if (m) out.push(`${m[1]}=<redacted>`)
    else if (secretFlag.test(a)) {
      out.push(a)
      if (i + 1 < args.length) out.push('<redacted>')
      i++
    } else out.push(a)
  }
  return out
}

/** Does `pid` still run? A zombie (exited, not yet reaped by its parent) counts as gone. */
export async function isAlive(ctx: ProcCtx, pid: number): Promise<boolean> {
  const r = await readProcFile(ctx, pid, 'stat')
  if (r.status === 'no-process') return false
  if (r.status !== 'ok') return true
  const s = r.value.toString('utf8')
  return s.slice(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3) !== 'Z'
}
