import {Args, Flags} from '@oclif/core'

import {BaseCommand, locationFlags} from '../cli/base-command.js'
import {confirmChange} from '../cli/confirm.js'
import {createContext} from '../sources/context.js'
import {restoreExitCode, runRestore} from '../app/restore.js'
import {renderRestoreHuman, restorePreview, restoreResult, type RestoreResult} from '../render/backups.js'
import {resolvePaths} from '../sources/paths.js'

export type {RestoreResult}

export default class Restore extends BaseCommand {
  static override summary = 'Put back one set of backups (every file of one sync-token or restore run), safely.'
  static override description =
    'Shows a masked preview, then writes with the same lock, backups and rollback as sync-token, and runs systemctl --user daemon-reload when a unit file changed. The files it replaces are backed up too, so a restore can be undone. TIME is a set id from clawdoc backups (default: the newest set).'
  static override examples = ['<%= config.bin %> restore --dry-run', '<%= config.bin %> restore --yes', '<%= config.bin %> restore 20261125T142233.123Z-000 --yes']
  static override args = {
    time: Args.string({description: 'set id (or a unique prefix, or its ISO time) from clawdoc backups; default: the newest set'}),
  }
  static override flags = {
    ...locationFlags,
    'dry-run': Flags.boolean({description: 'show the masked preview and change nothing', default: false}),
    yes: Flags.boolean({char: 'y', description: 'do not ask before writing', default: false}),
  }

  async run(): Promise<RestoreResult> {
    const {args, flags} = await this.parse(Restore)
    const ctx = createContext()
    const o = await runRestore(ctx, {
      paths: resolvePaths(ctx, flags),
      time: args.time,
      dryRun: flags['dry-run'],
      confirm: (files) =>
        confirmChange({
          yes: flags.yes,
          json: this.jsonEnabled(),
          preview: files.flatMap((f) => restorePreview(f, true)),
          question: `Restore ${files.filter((f) => f.status === 'restore').length} file(s)?`,
          log: (s) => this.log(s),
        }),
    })
    const result = restoreResult(o, flags['dry-run'])
    this.log(renderRestoreHuman(o, result, flags['dry-run']))
    process.exitCode = restoreExitCode(o)
    return result
  }
}
