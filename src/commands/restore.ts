import {Args} from '@oclif/core'

import {restoreFront} from '../cli/backups-cli.js'
import {BaseCommand} from '../cli/base-command.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {RESTORE_FLAGS} from '../cli/specs.js'
import type {RestoreResult} from '../render/backups.js'

export type {RestoreResult}

export default class Restore extends BaseCommand {
  static override summary = 'Put back one set of backups (every file of one sync-token or restore run), safely.'
  static override description =
    'Shows a masked preview, then writes with the same lock, backups and rollback as sync-token, and runs systemctl --user daemon-reload when a unit file ' +
      'changed. The files it replaces are backed up too, so a restore can be undone. TIME is a set id from clawdoc backups (default: the newest set).'
  static override examples = [
    '<%= config.bin %> restore --dry-run',
    '<%= config.bin %> restore --yes',
    '<%= config.bin %> restore 20261125T142233.123Z-000 --yes',
  ]
  static override args = {
    time: Args.string({description: 'set id (or a unique prefix, or its ISO time) from clawdoc backups; default: the newest set'}),
  }
  static override spec = RESTORE_FLAGS
  static override flags = toOclifFlags(RESTORE_FLAGS)

  async run(): Promise<RestoreResult> {
    const {flags, args} = await this.parsedBy(RESTORE_FLAGS)
    return this.answer(await restoreFront(flags, args.time, this.io()))
  }
}
