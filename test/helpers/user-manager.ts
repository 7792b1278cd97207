/**
 * A real, private `systemd --user` manager for e2e tests (src/docs/CLAWDBOT.md §11).
 *
 * Containment comes first: started from the root cgroup, systemd --user adopts every process
 * of the machine. So the starting shell moves itself into a fresh cgroup (both the v2 and the
 * name=systemd hierarchy), checks /proc/self/cgroup, and only then execs the manager inside a
 * private mount namespace with a tmpfs /run/systemd (the "booted" marker). Everything is stopped
 * by pid: the manager, then any pid still listed in our own cgroup tree. Never by name.
 */
import {spawn, execFile, type ChildProcess} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {existsSync, openSync, closeSync, readFileSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {CGROUP_HIERARCHIES, SYSTEMD, assertTierCanRun} from '../tiers/preconditions.mjs'

const HIERARCHIES = CGROUP_HIERARCHIES

export interface UserManager {
  /** HOME and XDG_RUNTIME_DIR (and PATH) to use for every systemctl --user call. */
  env: Record<string, string>
  home: string
  runtimeDir: string
  /** A scratch dir for logs, configs and the like (removed by stop()). */
  scratch: string
  pid: number
  cgroup: string
  unitDir: string
  writeUnit(name: string, text: string): Promise<string>
  systemctl(...args: string[]): Promise<{code: number | null; stdout: string; stderr: string}>
  stop(): Promise<void>
}

const live = new Set<UserManager>()
// Last line of defence if a test process dies without afterAll: SIGKILL the managers by pid.
process.once('exit', () => {
  for (const m of live) killQuietly(m.pid, 'SIGKILL')
})

/** A private systemd --user needs what the e2e tier needs (root for mount and cgroup rights): one rule, in test/tiers. */
export function checkPrerequisites(): void {
  assertTierCanRun('e2e')
}

export async function startUserManager(): Promise<UserManager> {
  checkPrerequisites()
  const base = await mkdtemp(path.join(tmpdir(), 'clawdoc-um-'))
  const home = path.join(base, 'home')
  const runtimeDir = path.join(base, 'run')
  const scratch = path.join(base, 'scratch')
  await mkdir(home, {mode: 0o700})
  await mkdir(runtimeDir, {mode: 0o700})
  await mkdir(scratch, {mode: 0o700})
  const unitDir = path.join(home, '.config', 'systemd', 'user')
  await mkdir(unitDir, {recursive: true})
  const cgroup = `clawdoc-test-${process.pid}-${randomBytes(4).toString('hex')}`
  for (const h of HIERARCHIES) await mkdir(path.join(h, cgroup))
  const env = {HOME: home, XDG_RUNTIME_DIR: runtimeDir, PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8'}

  const script = [
    'set -e',
    ...HIERARCHIES.map((h) => `echo $$ > "${h}/$1/cgroup.procs"`),
    // Refuse to go on unless containment really happened.
    'grep -qx "0::/$1" /proc/self/cgroup || { echo "cgroup containment failed" >&2; exit 97; }',
    'grep -qx "[0-9]*:name=systemd:/$1" /proc/self/cgroup || { echo "cgroup containment failed (v1)" >&2; exit 97; }',
    `exec unshare -m sh -c 'mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system && exec ${SYSTEMD} --user'`,
  ].join('\n')
  const logFile = path.join(base, 'manager.log')
  const logFd = openSync(logFile, 'a')
  const child = spawn('sh', ['-c', script, 'sh', cgroup], {env, stdio: ['ignore', logFd, logFd]})
  closeSync(logFd)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (child.pid === undefined) throw new Error('could not spawn sh for the user manager')

  const m: UserManager = {
    env,
    home,
    runtimeDir,
    scratch,
    pid: child.pid,
    cgroup,
    unitDir,
    async writeUnit(name, text) {
      const target = path.join(unitDir, name)
      const tmp = `${target}.${process.pid}.tmp`
      await writeFile(tmp, text, {mode: 0o644})
      await rename(tmp, target)
      return target
    },
    systemctl: (...args) => run('systemctl', ['--user', ...args], env),
    stop: () => stopManager(m, child, exited, base),
  }
  live.add(m)
  try {
    await waitRunning(m, child, logFile)
  } catch (err) {
    await m.stop()
    throw err
  }
  return m
}

async function waitRunning(m: UserManager, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`systemd --user exited early (${child.exitCode ?? child.signalCode}): ${readFileSync(logFile, 'utf8').slice(-2000)}`)
    }
    const r = await m.systemctl('show', '--property=SystemState')
    if (r.code === 0 && /^SystemState=(running|degraded)$/m.test(r.stdout)) return
    await new Promise((res) => setTimeout(res, 100))
  }
  throw new Error(`systemd --user did not reach running within 30 s: ${readFileSync(logFile, 'utf8').slice(-2000)}`)
}

async function stopManager(m: UserManager, child: ChildProcess, exited: Promise<void>, base: string): Promise<void> {
  if (!live.has(m)) return
  live.delete(m)
  // SIGTERM makes a user manager start exit.target: units are stopped, then it exits.
  if (child.exitCode === null && child.signalCode === null) {
    killQuietly(m.pid, 'SIGTERM')
    if (!(await within(exited, 15_000))) {
      killQuietly(m.pid, 'SIGKILL')
      await within(exited, 5_000)
    }
  }
  // Anything the manager left behind lives in *our* cgroup: kill exactly those pids.
  for (let i = 0; i < 50; i++) {
    const pids = await pidsIn(path.join(HIERARCHIES[0], m.cgroup))
    if (pids.length === 0) break
    for (const pid of pids) killQuietly(pid, 'SIGKILL')
    await new Promise((res) => setTimeout(res, 100))
  }
  for (const h of HIERARCHIES) await removeCgroupTree(path.join(h, m.cgroup))
  await rm(base, {recursive: true, force: true})
}

async function within(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const t = new Promise<boolean>((res) => (timer = setTimeout(() => res(false), ms)))
  const r = await Promise.race([p.then(() => true), t])
  clearTimeout(timer)
  return r
}

async function pidsIn(dir: string): Promise<number[]> {
  if (!existsSync(dir)) return []
  const out: number[] = []
  const procs = await readFile(path.join(dir, 'cgroup.procs'), 'utf8')
  out.push(...procs.split('\n').filter(Boolean).map(Number))
  for (const e of await readdir(dir, {withFileTypes: true})) if (e.isDirectory()) out.push(...(await pidsIn(path.join(dir, e.name))))
  return out
}

/** rmdir depth-first (cgroup dirs cannot be removed recursively with rm). */
async function removeCgroupTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return
  for (const e of await readdir(dir, {withFileTypes: true})) if (e.isDirectory()) await removeCgroupTree(path.join(dir, e.name))
  await rmdir(dir)
}

function killQuietly(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch (err) {
    // ESRCH: already gone, which is the goal. Anything else is a real problem.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
  }
}

export function run(file: string, args: string[], env: Record<string, string>): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile(file, args, {env, timeout: 30_000}, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
      resolve({code, stdout: String(stdout), stderr: String(stderr)})
    })
  })
}
