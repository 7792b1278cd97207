import {constants} from 'node:fs'
import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import {removeQuietly, type StepHook, type WriteFs} from './atomic-write.js'

/** `20261125T142233` in UTC, so names sort by time and never depend on the machine's zone. */
export function backupStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15)
}

/** `<name>.clawdoc-<YYYYmmddTHHMMSS>[-N].bak` next to the file. */
export function backupPathFor(target: string, ms: number, n = 0): string {
  const suffix = n === 0 ? '' : `-${n}`
  return path.join(path.dirname(target), `${path.basename(target)}.clawdoc-${backupStamp(ms)}${suffix}.bak`)
}

export interface BackupOptions {
  now: () => number
  /** Mode of the original; the backup gets the same (a 0600 secrets file must not become 0644). */
  mode: number
  owner?: {uid: number; gid: number}
  onStep?: StepHook
}

/**
 * Write `bytes` (the current content of `target`) to a new backup file next to
 * it. O_EXCL: an existing backup is never overwritten; two runs in the same
 * second get `-1`, `-2`, ... Throws on any failure: no backup, no write.
 */
export async function createBackup(fs: WriteFs, target: string, bytes: Buffer, opts: BackupOptions): Promise<string> {
  const ms = opts.now()
  for (let n = 0; n < 100; n++) {
    const p = backupPathFor(target, ms, n)
    let fh
    try {
      fh = await fs.open(p, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
    } catch (err) {
      if (errnoCode(err) === 'EEXIST') continue
      throw err
    }
    try {
      try {
        await fh.write(bytes)
        await fh.chmod(opts.mode & 0o7777)
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
  throw new Error(`too many backups of ${path.basename(target)} in one second`)
}
