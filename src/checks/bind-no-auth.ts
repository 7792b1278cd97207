import {resolveParties} from '../model/parties.js'
import type {Check} from '../model/finding.js'
import {clawdoc, configUsable, makeFinding} from './util.js'

export const bindNoAuth: Check = {
  id: 'bind.no-auth',
  title: 'A non-loopback bind has auth',
  run(facts) {
    if (!configUsable(facts)) return []
    const bind = facts.config.gateway.bind
    if (bind === undefined || bind === 'loopback') return []
    if (resolveParties(facts).server.authMode !== 'none') return []
    return [
      makeFinding('bind.no-auth', 'error', `gateway.bind is "${bind}" and the gateway has no token or password: the product refuses to start it.`, {
        places: [facts.config.gateway.places['gateway.bind'] ?? {kind: 'config', file: facts.config.path, key: 'gateway.bind'}],
        fix: {summary: 'Generate a token into every place.', command: clawdoc(facts, 'sync-token', '--generate', '--yes')},
      }),
    ]
  },
}
