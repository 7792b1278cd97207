import {defineCheck} from '../model/finding.js'
import {makeFinding, newTokenFix} from './util.js'

export const bindNoAuth = defineCheck({
  id: 'bind.no-auth',
  title: 'A non-loopback bind has auth',
  section: 'tokens',
  run({facts, views}) {
    if (!views.productConfig) return []
    const bind = views.productConfig.bind
    if (bind === undefined || bind === 'loopback') return []
    if (views.parties.server.authMode !== 'none') return []
    return [
      makeFinding('error', `gateway.bind is "${bind}" and the gateway has no token or password: the product refuses to start it.`, {
        places: [views.productConfig.places['gateway.bind'] ?? {kind: 'config', file: facts.config.path, key: 'gateway.bind'}],
        fix: newTokenFix({facts, views}, 'Generate a token into every place.'),
      }),
    ]
  },
})
