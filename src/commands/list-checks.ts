import type {ListChecksResult} from '../app/list-checks.js'
import {BaseCommand} from '../cli/base-command.js'
import {listChecksFront} from '../cli/explain-cli.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {LIST_CHECKS_FLAGS} from '../cli/specs.js'

export default class ListChecks extends BaseCommand {
  static override summary = 'List the check ids doctor runs (for --only and --skip), with their titles.'
  static override examples = ['<%= config.bin %> list-checks', '<%= config.bin %> list-checks --json']
  static override spec = LIST_CHECKS_FLAGS
  static override flags = toOclifFlags(LIST_CHECKS_FLAGS)

  async run(): Promise<ListChecksResult> {
    await this.parsedBy(LIST_CHECKS_FLAGS)
    return this.answer(listChecksFront(this.io()))
  }
}
