import {constants} from 'node:fs'
import * as path from 'node:path'

import {ClawdocError, errnoCode} from '../model/errors.js'
import {removeQuietly, tempPathFor, type WriteFs} from './atomic-write.js'

export const LOCK_NAME = '.clawdoc.lock'

/**
 * The places a set's lock may live, in order; the first that is a directory is used. It depends on the
 * paths only, never on which files are left to write: sync-token, restore and backups --prune on one
 * setup, and a rerun after a crash with only the unit left, all meet at the same lock.
 */
export function lockDirCandidates(paths: {stateDir: string; configPath: string; home: string}): string[] {
  return [paths.stateDir, path.dirname(paths.configPath), paths.home]
}

export interface LockOptions {
  pid: number
  now: () => number
  isAlive: (pid: number) => boolean
}

export interface Lock {
  path: string
  /** What happened on the way (a stale lock broken), one sentence each. */
  notes: string[]
  release(): Promise<void>
}

interface LockInfo {
  pid: number
  startedAt: number
}

function parseLock(buf: Buffer): LockInfo | undefined {
  try {
    const v: unknown = JSON.parse(buf.toString('utf8'))
    if (v && typeof v === 'object' && Number.isInteger((v as LockInfo).pid) && typeof (v as LockInfo).startedAt === 'number') {
      return v as LockInfo
    }
    return undefined
  } catch (err) {
    // Garbage in the lock file is data, not a failure: the caller treats it as stale.
    if (err instanceof SyntaxError) return undefined
    throw err
  }
}

/**
 * Take `<lockDir>/.clawdoc.lock`. The content (pid + start time) is written to a
 * temp file first and hard-linked into place: link(2) fails if the lock exists
 * (like O_EXCL) and the lock is never seen half-written. A lock whose pid is
 * gone is broken with a note; a live one is a LOCKED error.
 */
export async function acquireLock(fs: WriteFs, lockDir: string, opts: LockOptions): Promise<Lock> {
  const lockPath = path.join(lockDir, LOCK_NAME)
  const notes: string[] = []
  const info: LockInfo = {pid: opts.pid, startedAt: opts.now()}
  const tmp = tempPathFor(lockPath, opts.pid)
  try {
    const fh = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
    try {
      await fh.write(Buffer.from(JSON.stringify(info) + '\n'))
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch (err) {
    await removeQuietly(fs, tmp)
    throw new ClawdocError('APPLY_FAILED', `Cannot create the lock file in ${lockDir} (${errnoCode(err) ?? 'error'}).`, {
      hint: 'Check that the directory exists and is writable.',
      cause: err,
    })
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await fs.link(tmp, lockPath)
        return {path: lockPath, notes, release: () => releaseLock(fs, lockPath, opts.pid)}
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST') throw err
      }
      await breakIfStale(fs, lockPath, opts, notes)
    }
    throw new ClawdocError('LOCKED', `Could not take the lock ${lockPath}: it keeps being re-created.`, {
      hint: 'Another clawdoc is running; wait for it to finish.',
    })
  } finally {
    await removeQuietly(fs, tmp)
  }
}

async function breakIfStale(fs: WriteFs, lockPath: string, opts: LockOptions, notes: string[]): Promise<void> {
  let seen: Buffer
  try {
    seen = await fs.readFile(lockPath)
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return // released meanwhile: just retry
    throw err
  }
  const holder = parseLock(seen)
  // Our own pid counts as alive: a second apply in this very process must wait too.
  if (holder && (holder.pid === opts.pid || opts.isAlive(holder.pid))) {
    const since = new Date(holder.startedAt).toISOString()
    throw new ClawdocError('LOCKED', `Another clawdoc (pid ${holder.pid}, started ${since}) is changing these files right now.`, {
      hint: `Wait for it to finish and run this again. If pid ${holder.pid} is not clawdoc, remove ${lockPath}.`,
    })
  }
  // Move it aside rather than unlink: if someone replaced it with a live lock since we read it, we can put that back.
  const aside = tempPathFor(lockPath + '-stale', opts.pid)
  try {
    await fs.rename(lockPath, aside)
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return
    throw err
  }
  const moved = await fs.readFile(aside)
  if (!moved.equals(seen)) {
    // Lost a race with another breaker: restore its lock (no-clobber) and let the retry judge it.
    await fs.link(aside, lockPath).catch((err: unknown) => {
      if (errnoCode(err) !== 'EEXIST') throw err
    })
  } else {
    notes.push(holder ? `Removed a stale lock left by pid ${holder.pid}, which no longer runs.` : `Removed an unreadable lock file ${lockPath}.`)
  }
  await removeQuietly(fs, aside)
}

async function releaseLock(fs: WriteFs, lockPath: string, pid: number): Promise<void> {
  try {
    const holder = parseLock(await fs.readFile(lockPath))
    // Only remove our own lock: if it was broken and re-taken by someone else, leave theirs.
    if (holder?.pid === pid) await fs.unlink(lockPath)
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err
  }
}
