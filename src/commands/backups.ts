import {Flags} from '@oclif/core'

import {BaseCommand, locationFlags} from '../cli/base-command.js'
import {confirmChange} from '../cli/confirm.js'
import {createContext} from '../sources/context.js'
import {backupsExitCode, runBackups} from '../app/backups.js'
import {backupsResult, renderBackupsHuman, type BackupsResult} from '../render/backups.js'
import {resolvePaths} from '../sources/paths.js'

export type {BackupsResult}

export default class Backups extends BaseCommand {
  static override summary = 'List the backups clawdoc made of each file it wrote (masked), and prune old ones.'
  static override description =
    'Shows, for every file sync-token and restore write, each backup with its time, its set id (for clawdoc restore) and the length and sha256 prefix of the token it holds. --prune N keeps the newest N backups of each file.'
  static override examples = ['<%= config.bin %> backups', '<%= config.bin %> backups --prune 3 --dry-run', '<%= config.bin %> backups --prune 3 --yes']
  static override flags = {
    ...locationFlags,
    prune: Flags.integer({description: 'keep the newest N backups of each file and remove the others (they hold old tokens)', min: 0}),
    'dry-run': Flags.boolean({description: 'with --prune: show what would be removed and remove nothing', default: false}),
    yes: Flags.boolean({char: 'y', description: 'with --prune: do not ask before removing', default: false}),
  }

  async run(): Promise<BackupsResult> {
    const {flags} = await this.parse(Backups)
    const ctx = createContext()
    const o = await runBackups(ctx, {
      paths: resolvePaths(ctx, flags),
      prune: flags.prune,
      dryRun: flags['dry-run'],
      confirm: (remove) =>
        confirmChange({yes: flags.yes, json: this.jsonEnabled(), preview: remove.map((e) => `remove ${e.backup.path}`), question: `Remove ${remove.length} backup(s)?`, log: (s) => this.log(s)}),
    })
    this.log(renderBackupsHuman(o, flags['dry-run']))
    process.exitCode = backupsExitCode(o)
    return backupsResult(o, flags['dry-run'])
  }
}
