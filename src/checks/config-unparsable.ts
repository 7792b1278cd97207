import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {makeFinding} from './util.js'

export const configUnparsable = defineCheck({
  id: 'config.unparsable',
  title: 'Config file parses',
  section: 'config',
  run({facts}) {
    const {config} = facts
    const {product, names} = profileOf(facts)
    if (config.status !== 'parse-error' && config.status !== 'unreadable') return []
    const what = config.status === 'unreadable' ? 'cannot be read' : 'is not valid JSON5'
    const problem = config.error?.message ? ` ${config.error.message}` : ''
    return [
      makeFinding('error', `The config ${what}, so ${product} runs on an empty config (default port, no config token).${problem}`, {
        places: [config.error?.place ?? {kind: 'config', file: config.path}],
        fix: {
          summary:
            config.status === 'unreadable'
              ? 'Give the file back to its owner with mode 0600.'
              : `Fix the file at the line shown, or restore the newest backup (${names.configFileName}.bak).`,
          command: config.status === 'unreadable' ? `chmod 600 ${config.path}` : undefined,
        },
      }),
    ]
  },
})
