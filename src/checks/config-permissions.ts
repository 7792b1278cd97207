import {defineCheck} from '../model/finding.js'
import {makeFinding, shellQuote} from './util.js'

export const configPermissions = defineCheck({
  id: 'config.permissions',
  title: 'The config is private (0600)',
  section: 'config',
  run({facts}) {
    const mode = facts.config.mode
    if (facts.config.status !== 'ok' || mode === undefined || (mode & 0o077) === 0) return []
    return [
      makeFinding('warning', `The config holds the gateway token but has mode ${(mode & 0o777).toString(8).padStart(4, '0')}: other users can read it.`, {
        places: [{kind: 'config', file: facts.config.path}],
        fix: {summary: 'Make it private, as the product writes it.', command: `chmod 600 ${shellQuote(facts.config.path)}`},
      }),
    ]
  },
})
