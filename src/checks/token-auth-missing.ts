import {resolveParties} from '../parties.js'
import type {Check} from '../types.js'
import {clawdoc, configUsable, makeFinding} from './util.js'

export const tokenAuthMissing: Check = {
  id: 'token.auth-missing',
  title: 'The gateway has a token',
  run(facts) {
    if (facts.config.status === 'missing') return []
    const server = resolveParties(facts).server
    if (server.authMode !== 'none') return []
    const gw = configUsable(facts) ? facts.config.gateway : undefined
    // auth.token: "" is reported by auth.empty-token-disables.
    if (gw?.authToken?.value.isEmpty) return []
    return [
      makeFinding('token.auth-missing', 'warning', 'No gateway token is configured anywhere the server looks (gateway.auth.token, the unit, <stateDir>/.env): the gateway runs without auth.', {
        places: [{kind: 'config', file: facts.config.path, key: 'gateway.auth.token'}],
        fix: {summary: 'Generate a token the way clawdbot does and write it to every place.', command: clawdoc(facts, 'sync-token', '--generate', '--yes')},
      }),
    ]
  },
}
