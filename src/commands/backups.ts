import {backupsFront} from '../cli/backups-cli.js'
import {BaseCommand} from '../cli/base-command.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {BACKUPS_FLAGS} from '../cli/specs.js'
import type {BackupsResult} from '../render/backups.js'

export type {BackupsResult}

export default class Backups extends BaseCommand {
  static override summary = 'List the backups clawdoc made of each file it wrote (masked), and prune old ones.'
  static override description =
    'Shows, for every file sync-token and restore write, each backup with its time, its set id (for clawdoc restore) and the length and sha256 prefix of the ' +
      'token it holds. --prune N keeps the newest N backups of each file.'
  static override examples = ['<%= config.bin %> backups', '<%= config.bin %> backups --prune 3 --dry-run', '<%= config.bin %> backups --prune 3 --yes']
  static override spec = BACKUPS_FLAGS
  static override flags = toOclifFlags(BACKUPS_FLAGS)

  async run(): Promise<BackupsResult> {
    return this.answer(await backupsFront((await this.parsedBy(BACKUPS_FLAGS)).flags, this.io()))
  }
}
