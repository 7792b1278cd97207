import {Args} from '@oclif/core'

import type {ExplainResult} from '../app/explain.js'
import {BaseCommand} from '../cli/base-command.js'
import {explainFront} from '../cli/explain-cli.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {EXPLAIN_FLAGS} from '../cli/specs.js'

export default class Explain extends BaseCommand {
  static override summary = 'Explain a pasted clawdbot or openclaw error for the release in play: which checks cause it and what to do next.'
  static override examples = [
    '<%= config.bin %> explain "gateway closed (1008): unauthorized: gateway token mismatch"',
    'openclaw gateway health 2>&1 | <%= config.bin %> explain --product openclaw -',
  ]
  static override args = {text: Args.string({description: 'the error text ("-" reads it from stdin)', required: true})}
  static override spec = EXPLAIN_FLAGS
  static override flags = toOclifFlags(EXPLAIN_FLAGS)

  async run(): Promise<ExplainResult> {
    const {flags, args} = await this.parsedBy(EXPLAIN_FLAGS)
    return this.answer(await explainFront(args.text ?? '', flags, this.io()))
  }
}
