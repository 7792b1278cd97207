import {backupsExitCode, runBackups} from '../app/backups.js'
import {restoreExitCode, runRestore} from '../app/restore.js'
import {
  backupsResult,
  renderBackupsHuman,
  renderRestoreHuman,
  restorePreview,
  restoreResult,
  type BackupsResult,
  type RestoreResult,
} from '../render/backups.js'
import {createContext} from '../sources/context.js'
import {locate} from '../app/locate.js'
import {confirmChange} from './confirm.js'
import type {Parsed} from './flag-spec.js'
import type {Answer, Io} from './output.js'
import type {BACKUPS_FLAGS, RESTORE_FLAGS} from './specs.js'

/** `clawdoc backups [--prune N]` for a front end: the use case, then text or JSON. */
export async function backupsFront(flags: Parsed<typeof BACKUPS_FLAGS>, io: Io): Promise<Answer<BackupsResult>> {
  const ctx = createContext()
  const {paths} = await locate(ctx, flags)
  const o = await runBackups(ctx, {
    paths,
    prune: flags.prune,
    dryRun: flags['dry-run'],
    confirm: (remove) =>
      confirmChange({
        yes: flags.yes,
        canAsk: io.stdinIsTTY && !io.json,
        preview: remove.map((e) => `remove ${e.backup.path}`),
        question: `Remove ${remove.length} backup(s)?`,
        log: io.log,
      }),
  })
  io.log(renderBackupsHuman(o, flags['dry-run']))
  return {doc: backupsResult(o, flags['dry-run']), exitCode: backupsExitCode(o)}
}

/** `clawdoc restore [TIME]` for a front end: preview, confirmation, the use case, then text or JSON. */
export async function restoreFront(flags: Parsed<typeof RESTORE_FLAGS>, time: string | undefined, io: Io): Promise<Answer<RestoreResult>> {
  const ctx = createContext()
  const {paths} = await locate(ctx, flags)
  const o = await runRestore(ctx, {
    paths,
    time,
    dryRun: flags['dry-run'],
    confirm: (files) =>
      confirmChange({
        yes: flags.yes,
        canAsk: io.stdinIsTTY && !io.json,
        preview: files.flatMap((f) => restorePreview(f, true)),
        question: `Restore ${files.filter((f) => f.status === 'restore').length} file(s)?`,
        log: io.log,
      }),
  })
  const result = restoreResult(o, flags['dry-run'])
  io.log(renderRestoreHuman(o, result, flags['dry-run']))
  return {doc: result, exitCode: restoreExitCode(o)}
}
