import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import {cleanupStaleTemps, nodeWriteFs, pidAlive, writeFileAtomic, type StepHook, type WriteFs} from './atomic-write.js'
import {backupSetId, createBackup, freeSetCounter} from './backup.js'
import {acquireLock} from './lock.js'

/** One whole-file change: `before` is what the plan read, `after` what it wants. */
export interface FileEdit {
  path: string
  before: Buffer
  after: Buffer
  /** Why, one sentence, no secret (e.g. "gateway.auth.token"). */
  reason: string
}

export interface WrittenFile {
  path: string
  backup: string
  /** Set when `path` is a symlink: the file actually written. */
  realPath?: string
}

export interface ApplyResult {
  written: WrittenFile[]
  /** Id of this run's set of backups (`clawdoc restore ID` puts it back); unset when nothing was backed up. */
  backupSet?: string
  rolledBack: boolean
  /** The first error, one sentence, no secret. */
  error?: string
  /** Files that already held the new content (e.g. a rerun after a crash). */
  unchanged: string[]
  /** Stale lock broken, temp files cleaned, symlinks followed. */
  notes: string[]
  /** Files that could not be restored during rollback: restore them from `backup` by hand. */
  restoreFailed?: WrittenFile[]
}

export interface ApplyOptions {
  fs?: WriteFs
  now: () => number
  /** Directory of the lock file (`<stateDir>`). */
  lockDir: string
  pid?: number
  /** Effective uid: as root, new files get the original owner back. */
  uid?: number
  isAlive?: (pid: number) => boolean
  /** Called at each step (crash tests pause and kill the process there). */
  onStep?: StepHook
}

interface Target {
  edit: FileEdit
  real: string
  mode: number
  owner?: {uid: number; gid: number}
  backup?: string
}

/**
 * Write all edits or none. Throws ClawdocError('LOCKED') when another clawdoc
 * holds the lock; every other failure is reported in the result, after the
 * files already replaced were restored from their backups.
 */
export async function applyEdits(edits: FileEdit[], opts: ApplyOptions): Promise<ApplyResult> {
  const fs = opts.fs ?? nodeWriteFs
  const pid = opts.pid ?? process.pid
  const isAlive = opts.isAlive ?? pidAlive
  const lock = await acquireLock(fs, opts.lockDir, {pid, now: opts.now, isAlive})
  const result: ApplyResult = {written: [], rolledBack: false, unchanged: [], notes: [...lock.notes]}
  try {
    await opts.onStep?.('locked', lock.path)
    await run(fs, edits, {...opts, pid, isAlive}, result)
  } finally {
    await lock.release()
  }
  return result
}

type RunOpts = ApplyOptions & {pid: number; isAlive: (pid: number) => boolean}

async function run(fs: WriteFs, edits: FileEdit[], opts: RunOpts, result: ApplyResult): Promise<void> {
  const targets: Target[] = []
  try {
    for (const edit of edits) {
      const t = await prepare(fs, edit, opts, result)
      if (!t) continue
      if (targets.some((o) => o.real === t.real)) throw new Error(`${edit.path} is edited twice in one plan (merge the edits)`)
      targets.push(t)
    }
  } catch (err) {
    result.error = describe(err)
    return
  }
  // Every backup exists before the first write: a failed backup aborts with nothing changed.
  // One time and counter for the whole run: its backups form one set that restore can put back.
  const ms = opts.now()
  let n: number
  try {
    n = await freeSetCounter(fs, targets.map((t) => t.real), ms)
  } catch (err) {
    result.error = `Could not list the existing backups, so nothing was changed: ${describe(err)}`
    return
  }
  if (targets.length > 0) result.backupSet = backupSetId(ms, n)
  for (const t of targets) {
    try {
      t.backup = await createBackup(fs, t.real, t.edit.before, {ms, n, mode: t.mode, owner: t.owner, onStep: opts.onStep})
    } catch (err) {
      result.error = `Could not back up ${t.edit.path}, so nothing was changed: ${describe(err)}`
      return
    }
  }
  const done: Target[] = []
  for (const t of targets) {
    // A failure after the rename (dir fsync) leaves the new file in place: it must be rolled back too.
    let renamed = false
    const onStep: StepHook = async (step, file) => {
      if (step === 'renamed') renamed = true
      await opts.onStep?.(step, file)
    }
    try {
      // Re-check right before replacing: narrows the window for a concurrent writer (e.g. the product's `config set`).
      if (!(await fs.readFile(t.real)).equals(t.edit.before)) throw new Error(`${t.edit.path} changed since it was read`)
      await writeFileAtomic(fs, t.real, t.edit.after, {mode: t.mode, owner: t.owner, pid: opts.pid, onStep})
      done.push(t)
    } catch (err) {
      if (renamed) done.push(t)
      result.error = `Could not write ${t.edit.path}: ${describe(err)}`
      await rollback(fs, done, opts, result)
      return
    }
  }
  result.written = done.map((t) => written(t))
  await opts.onStep?.('done', '')
}

async function prepare(fs: WriteFs, edit: FileEdit, opts: RunOpts, result: ApplyResult): Promise<Target | undefined> {
  const real = await fs.realpath(edit.path)
  if (real !== path.resolve(edit.path)) result.notes.push(`${edit.path} is a link: writing through it to ${real}.`)
  const removed = await cleanupStaleTemps(fs, path.dirname(real), opts.isAlive)
  for (const name of removed) result.notes.push(`Removed ${name}, left by an interrupted clawdoc run.`)
  const st = await fs.stat(real)
  const current = await fs.readFile(real)
  if (current.equals(edit.after)) {
    result.unchanged.push(edit.path)
    return undefined
  }
  if (!current.equals(edit.before)) {
    throw new Error(`${edit.path} changed since it was read; nothing was written. Run the command again`)
  }
  const owner = opts.uid === 0 ? {uid: st.uid, gid: st.gid} : undefined
  return {edit, real, mode: st.mode & 0o7777, owner}
}

/** Put back every file already replaced, newest first, with the same atomic write. */
async function rollback(fs: WriteFs, done: Target[], opts: RunOpts, result: ApplyResult): Promise<void> {
  result.rolledBack = true
  for (const t of [...done].reverse()) {
    try {
      await writeFileAtomic(fs, t.real, t.edit.before, {mode: t.mode, owner: t.owner, pid: opts.pid})
    } catch (err) {
      ;(result.restoreFailed ??= []).push(written(t))
      result.notes.push(`Could not restore ${t.edit.path} (${describe(err)}); copy ${t.backup} over it by hand.`)
    }
  }
}

function written(t: Target): WrittenFile {
  const w: WrittenFile = {path: t.edit.path, backup: t.backup ?? ''}
  if (t.real !== path.resolve(t.edit.path)) w.realPath = t.real
  return w
}

/** One line, no secret: fs errors carry a code and a path, never file content. */
function describe(err: unknown): string {
  const code = errnoCode(err)
  const msg = err instanceof Error ? err.message.split('\n')[0] : String(err)
  return code && !msg.startsWith(code) ? `${code}: ${msg}` : msg
}
