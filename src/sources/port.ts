import * as path from 'node:path'

import type {Context} from './context.js'
import {debugCaught} from '../model/debug.js'
import {errnoCode} from '../model/errors.js'
import type {LegacyUnitsFacts, PortFacts, PortListener, ServiceFacts} from '../model/facts.js'
import {childPids, isDescendant, listPids, procFsOf, readCgroup, readCmdline, redactArgs, type ProcCtx} from './proc.js'

const TCP_LISTEN = '0A'

/** Socket inodes listening on `port` in a /proc/net/tcp{,6} table (any local address). */
export function listeningInodes(table: string, port: number): Set<string> {
  const inodes = new Set<string>()
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/)
    if (f.length < 10 || f[3] !== TCP_LISTEN) continue
    const localPort = parseInt(f[1].split(':').at(-1) ?? '', 16)
    if (localPort === port && f[9] !== '0') inodes.add(f[9])
  }
  return inodes
}

/** The kernel's TCP tables (/proc/net/tcp and tcp6) as read once, or why they could not be read. */
export type TcpTables = {ok: true; tables: string[]} | {ok: false; reason: string}

/**
 * Read /proc/net/tcp and tcp6, both at once. Every read of either walks the kernel's whole socket
 * hash table (milliseconds on a machine with much memory, however few sockets it has), so callers
 * start this early, beside their other reads, and hand the promise to readPort. Never rejects.
 */
export async function readTcpTables(ctx: Pick<Context, 'fs' | 'procRoot'>): Promise<TcpTables> {
  const reads = await Promise.all(
    ['tcp', 'tcp6'].map(async (name) => {
      const file = path.join(ctx.procRoot, 'net', name)
      try {
        return {file, text: String(await ctx.fs.readFile(file, 'utf8'))}
      } catch (err) {
        return {file, err}
      }
    }),
  )
  const tables: string[] = []
  for (const r of reads) {
    if (r.text !== undefined) tables.push(r.text)
    // tcp6 is absent when IPv6 is disabled; any other failure is an error.
    else if (errnoCode(r.err) !== 'ENOENT') return {ok: false, reason: `cannot read ${r.file} (${errnoCode(r.err) ?? 'error'})`}
  }
  return tables.length ? {ok: true, tables} : {ok: false, reason: `no TCP tables under ${ctx.procRoot}/net`}
}

/**
 * Who listens on the gateway port, and is it the service's process?
 * The listener is normally a *child* of the unit's MainPID (src/docs/CLAWDBOT.md §10), so ownership is
 * decided by cgroup or ancestry, never by pid equality or process name.
 * `tables`: a read of readTcpTables already under way (by default, one starts now).
 */
export async function readPort(
  ctx: Pick<Context, 'fs' | 'procRoot' | 'procFs'>,
  port: number,
  portSource: PortFacts['portSource'],
  service: ServiceFacts,
  tables: Promise<TcpTables> = readTcpTables(ctx),
): Promise<PortFacts> {
  // The service's own processes and their fds are read while the tables are: the listener is normally among them.
  const own = serviceFds(ctx, service)
  // (Awaited below once something listens; until then its failure must not count as unhandled.)
  own.catch(() => undefined)
  const read = await tables
  if (!read.ok) return {port, portSource, status: 'error', listening: false, listeners: [], reason: read.reason}
  const inodes = new Set<string>()
  for (const table of read.tables) for (const ino of listeningInodes(table, port)) inodes.add(ino)
  if (inodes.size === 0) return {port, portSource, status: 'ok', listening: false, listeners: []}

  const pids = await pidsHoldingSockets(ctx, inodes, await own)
  const listeners: PortListener[] = []
  for (const pid of pids) listeners.push(await describeListener(ctx, pid, service))
  // Sockets we could not attribute (another user's process, or a namespace we cannot see).
  if (listeners.length === 0) listeners.push({})
  return {port, portSource, status: 'ok', listening: true, listeners}
}

/**
 * The pids holding the listening sockets, ascending. Each socket is attributed to the first
 * process found holding it: the service's own processes are searched first, and the scan of
 * the rest of /proc stops once every socket has a holder. Reading every fd of every process
 * is the slow part on a busy machine (thousands of readlinks), and a process that shares the
 * service's own socket does not keep the gateway from binding: only a *different* socket on
 * the port does, and that one is still searched for until found.
 */
async function pidsHoldingSockets(ctx: ProcCtx, inodes: Set<string>, first: ProcessFds[]): Promise<number[]> {
  const wanted = new Set([...inodes].map((i) => `socket:[${i}]`))
  const found = new Set<number>()
  const seen = new Set<number>()
  const match = (pid: number, targets: string[]) => {
    for (const target of targets) {
      if (wanted.delete(target)) found.add(pid)
    }
  }
  const scan = async (pid: number) => {
    seen.add(pid)
    match(pid, await fdTargets(ctx, pid))
  }
  // The service's fds were read beside the tables, maybe before them: a process of the service that holds none of
  // the sockets is read again in the scan below, in case it bound in between.
  for (const {pid, targets} of first) {
    match(pid, targets)
    if (found.has(pid)) seen.add(pid)
  }
  if (wanted.size > 0) {
    for (const pid of await listPids(ctx)) {
      if (wanted.size === 0) break
      if (!seen.has(pid)) await scan(pid)
    }
  }
  return [...found].sort((a, b) => a - b)
}

/** Where each of a process' fds points (`socket:[N]`, paths), read in parallel. */
async function fdTargets(ctx: ProcCtx, pid: number): Promise<string[]> {
  const fdDir = path.join(ctx.procRoot, String(pid), 'fd')
  let fds: string[]
  try {
    fds = (await procFsOf(ctx).readdir(fdDir)).map(String)
  } catch (err) {
    // Exited meanwhile (ENOENT) or not ours (EACCES): it cannot be attributed; keep scanning.
    if (errnoCode(err) === undefined) throw err
    debugCaught(`readdir ${fdDir}`, err)
    return []
  }
  const targets = await Promise.all(fds.map((fd) => readlinkOrUndefined(ctx, path.join(fdDir, fd))))
  return targets.filter((t): t is string => t !== undefined)
}

interface ProcessFds {
  pid: number
  targets: string[]
}

/** The fd targets of the service's processes (serviceTree), parents first. */
async function serviceFds(ctx: ProcCtx, service: ServiceFacts): Promise<ProcessFds[]> {
  const pids = await serviceTree(ctx, service)
  return Promise.all(pids.map(async (pid) => ({pid, targets: await fdTargets(ctx, pid)})))
}

/** MainPID and its descendants (from /proc/<pid>/task/<tid>/children), parents first. */
async function serviceTree(ctx: ProcCtx, service: ServiceFacts): Promise<number[]> {
  if (service.status !== 'ok' || service.mainPid === undefined) return []
  const out: number[] = []
  const queue = [service.mainPid]
  // Bounded: a gateway has a launcher and a child or two; a fork bomb must not stall the read.
  while (queue.length && out.length < 64) {
    const pid = queue.shift() as number
    if (out.includes(pid)) continue
    out.push(pid)
    queue.push(...(await childPids(ctx, pid)))
  }
  return out
}

async function readlinkOrUndefined(ctx: ProcCtx, p: string): Promise<string | undefined> {
  try {
    return String(await procFsOf(ctx).readlink(p))
  } catch (err) {
    // The fd was closed between readdir and readlink (ENOENT): a normal race on a live system.
    if (errnoCode(err) === undefined) throw err
    debugCaught(`readlink ${p}`, err)
    return undefined
  }
}

async function describeListener(ctx: ProcCtx, pid: number, service: ServiceFacts): Promise<PortListener> {
  const argv = await readCmdline(ctx, pid)
  const command = argv.status === 'ok' ? redactArgs(argv.value).join(' ') : undefined
  return {pid, command, belongsToService: await belongsToService(ctx, pid, service)}
}

/**
 * In the unit's cgroup (or below it), or a descendant of MainPID. A unit that systemd reports
 * with neither (inactive, failed) owns no process, so any listener is foreign.
 * undefined: systemd did not answer, so there is nothing to compare with.
 */
export async function belongsToService(ctx: ProcCtx, pid: number, service: ServiceFacts): Promise<boolean | undefined> {
  if (service.status !== 'ok') return undefined
  if (service.controlGroup) {
    const cg = await readCgroup(ctx, pid)
    if (cg !== undefined && (cg === service.controlGroup || cg.startsWith(`${service.controlGroup}/`))) return true
  }
  if (service.mainPid !== undefined && (await isDescendant(ctx, pid, service.mainPid))) return true
  return false
}

/**
 * Name the legacy unit (clawdbot-gateway beside openclaw-gateway) whose cgroup or process tree holds a listener that is
 * not the service's, by the same rule as belongsToService: restart then blocks on it instead of signalling it.
 */
export async function tagLegacyListeners(ctx: ProcCtx, port: PortFacts, legacy: LegacyUnitsFacts | undefined): Promise<PortFacts> {
  const units = legacy?.status === 'ok' ? legacy.units.filter((u) => u.controlGroup !== undefined || u.mainPid !== undefined) : []
  if (units.length === 0 || port.status !== 'ok') return port
  const listeners: PortListener[] = []
  for (const l of port.listeners) {
    if (l.pid === undefined || l.belongsToService === true) {
      listeners.push(l)
      continue
    }
    let owner: string | undefined
    for (const u of units) {
      const asService: ServiceFacts = {unit: u.unit, status: 'ok', controlGroup: u.controlGroup, mainPid: u.mainPid}
      if (await belongsToService(ctx, l.pid, asService)) {
        owner = u.unit
        break
      }
    }
    listeners.push(owner ? {...l, legacyUnit: owner} : l)
  }
  return {...port, listeners}
}
