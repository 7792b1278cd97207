import {constants} from 'node:fs'
import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import {removeQuietly, type StepHook, type WriteFs} from './atomic-write.js'

/** `20261125T142233.123Z` in UTC: fixed width, so names sort by time and never depend on the machine's zone. */
export function backupStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '')
}

/**
 * The id of one run's set of backups: stamp plus a zero-padded counter (`20261125T142233.123Z-000`).
 * Every file of one apply gets the same id, so the set can be put back together.
 */
export function backupSetId(ms: number, n: number): string {
  return `${backupStamp(ms)}-${String(n).padStart(3, '0')}`
}

/** `<name>.clawdoc-<YYYYmmddTHHMMSS.mmmZ>-<NNN>.bak` next to the file: names sort lexically in creation order. */
export function backupPathFor(target: string, ms: number, n = 0): string {
  return path.join(path.dirname(target), `${path.basename(target)}.clawdoc-${backupSetId(ms, n)}.bak`)
}

export interface BackupName {
  /** Base name of the file backed up. */
  target: string
  /** Set id as written in the name (old names: `20261125T142233` or `20261125T142233-1`). */
  id: string
  /** Creation time (UTC ms) and counter: the sort key for old and new names alike. */
  ms: number
  n: number
  /** Written by a clawdoc before millisecond names (`…-1.bak` sorted before the first). */
  legacy: boolean
}

const NEW_RE = /^(.+)\.clawdoc-((\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z-(\d{3}))\.bak$/
const OLD_RE = /^(.+)\.clawdoc-((\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(?:-(\d+))?)\.bak$/

/** Read a backup's name (new and old forms); undefined for any other file. */
export function parseBackupName(name: string): BackupName | undefined {
  const m = NEW_RE.exec(name)
  if (m) {
    const ms = Date.UTC(+m[3], +m[4] - 1, +m[5], +m[6], +m[7], +m[8], +m[9])
    return {target: m[1], id: m[2], ms, n: Number(m[10]), legacy: false}
  }
  const o = OLD_RE.exec(name)
  if (!o) return undefined
  const ms = Date.UTC(+o[3], +o[4] - 1, +o[5], +o[6], +o[7], +o[8])
  return {target: o[1], id: o[2], ms, n: o[9] === undefined ? 0 : Number(o[9]), legacy: true}
}

/** Oldest first: by time, then counter (old `-1` names after the first one of their second). */
export function compareBackups(a: Pick<BackupName, 'ms' | 'n'>, b: Pick<BackupName, 'ms' | 'n'>): number {
  return a.ms - b.ms || a.n - b.n
}

/**
 * The counter for a new set at `ms`: the first one no target has a backup for yet, so one run's
 * backups share one id (two runs in one millisecond get `-001`, ...).
 */
export async function freeSetCounter(fs: Pick<WriteFs, 'readdir'>, targets: string[], ms: number): Promise<number> {
  const stamp = backupStamp(ms)
  let next = 0
  for (const dir of new Set(targets.map((t) => path.dirname(t)))) {
    let names: string[]
    try {
      names = await fs.readdir(dir)
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') continue
      throw err
    }
    const bases = new Set(targets.filter((t) => path.dirname(t) === dir).map((t) => path.basename(t)))
    for (const name of names) {
      const b = parseBackupName(name)
      if (b && !b.legacy && bases.has(b.target) && b.id.startsWith(stamp)) next = Math.max(next, b.n + 1)
    }
  }
  return next
}

export interface BackupOptions {
  /** Time and counter of the set (freeSetCounter). */
  ms: number
  n: number
  /** Mode of the original. The backup is never wider than owner read/write: it holds an old secret. */
  mode: number
  owner?: {uid: number; gid: number}
  onStep?: StepHook
}

/**
 * Write `bytes` (the current content of `target`) to a new backup file next to
 * it. O_EXCL: an existing backup is never overwritten. Throws on any failure:
 * no backup, no write.
 */
export async function createBackup(fs: WriteFs, target: string, bytes: Buffer, opts: BackupOptions): Promise<string> {
  const p = backupPathFor(target, opts.ms, opts.n)
  const fh = await fs.open(p, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
  try {
    try {
      await fh.write(bytes)
      // A 0644 unit that holds a token must not leave a 0644 copy of an old token behind.
      await fh.chmod(opts.mode & 0o600)
      if (opts.owner) await fh.chown(opts.owner.uid, opts.owner.gid)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await fs.fsyncDir(path.dirname(p))
  } catch (err) {
    // A half-written backup is worse than none: it could be restored later by hand.
    await removeQuietly(fs, p)
    throw err
  }
  if (opts.onStep) await opts.onStep('backup-written', target)
  return p
}
