import {defineCheck} from '../model/finding.js'
import {makeFinding, syncFix} from './util.js'

export const configLegacyToken = defineCheck({
  id: 'config.legacy-token',
  title: 'No legacy gateway.token',
  section: 'config',
  tokenGroup: true,
  run({facts}) {
    const legacy = facts.config.gateway.legacyToken
    if (!legacy) return []
    return [
      makeFinding('warning', 'gateway.token is a legacy key: the server ignores it (use gateway.auth.token), and bridges that still read it may hold a ' +
        'different value.', {
        copies: [legacy],
        fix: syncFix(facts, 'Move the value to gateway.auth.token and keep both equal.'),
      }),
    ]
  },
})
