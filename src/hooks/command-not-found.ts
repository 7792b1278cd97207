import {Help, type Hook} from '@oclif/core'

import {reportError} from '../cli/output.js'
import {suggest} from '../cli/suggest.js'
import {ClawdocError} from '../model/errors.js'

/**
 * An id oclif does not know: `help [COMMAND]` shows the help (there is no help plugin); anything else
 * is a usage error that names the closest command ("did you mean"), exit 2, as JSON with --json.
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const [first, ...rest] = opts.id.split(':')
  if (first === 'help') {
    await new Help(opts.config).showHelp([...rest, ...(opts.argv ?? [])])
    return
  }
  const ids = opts.config.commandIDs.filter((id) => !id.includes(':'))
  const near = suggest(opts.id, ids)
  const hint = near ? `Did you mean \`clawdoc ${near}\`? Commands: ${ids.join(', ')}.` : `Commands: ${ids.join(', ')}. See: clawdoc --help`
  reportError('clawdoc', new ClawdocError('USAGE', `Unknown command "${opts.id.replaceAll(':', ' ')}".`, {hint}), opts.argv?.includes('--json') ?? false)
}

export default hook
