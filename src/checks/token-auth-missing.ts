import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding, newTokenFix, stripDot} from './util.js'
import {profileOf} from '../model/profiles/index.js'

export const tokenAuthMissing = defineCheck({
  id: 'token.auth-missing',
  title: 'The gateway has a token',
  section: 'tokens',
  run({facts, views}) {
    if (facts.config.status === 'missing') return []
    // A config that cannot be read or parsed may hold a token: config.unparsable says what to fix first, and
    // sync-token refuses to write a token next to it, so asking for one here would be advice that cannot run.
    if (facts.config.status === 'unreadable' || facts.config.status === 'parse-error') return []
    // In remote mode the clients here use gateway.remote.token, and no gateway runs here (unless the
    // unit starts it with --allow-unconfigured): a local token is not asked for.
    if (views.productConfig?.mode === 'remote' && !facts.unit.allowUnconfigured) return []
    const server = views.parties.server
    // A release that makes up a token when it has none (profile.withoutToken): every client but a paired device is locked out.
    if (server.authMode === 'token' && !server.copy) {
      const logs = profileOf(facts).errors.runtimeTokenWarning
      return [
        makeFinding('error', 'No gateway token is configured anywhere the server looks (gateway.auth.token, the unit, <stateDir>/.env): ' +
          `${stripDot(server.reason)}` +
          `${logs ? ` (it logs "${logs}")` : ''}; only a paired device gets in, every other client is refused.`, {
          places: [{kind: 'config', file: facts.config.path, key: 'gateway.auth.token'}],
          fix: newTokenFix({facts, views}, 'Generate a token and write it to every place.'),
        }),
      ]
    }
    if (server.authMode !== 'none') return []
    const gw = views.productConfig
    // auth.token: "" is reported by auth.empty-token-disables.
    if (gw?.authToken?.value.isEmpty) return []
    if (facts.config.discardedByProduct && facts.config.gateway.authToken) {
      return [
        makeFinding('error', 'gateway.auth.token is in the file, but the product discards the whole config (see the config checks), so the gateway runs ' +
          'without a token.', {
          copies: [facts.config.gateway.authToken],
          fix: {
            summary: 'Fix the config problem first; the token then counts again.',
            command: clawdoc(facts, 'doctor', '--only', 'config.invalid,config.var-unset,config.include'),
          },
        }),
      ]
    }
    return [
      makeFinding('warning', 'No gateway token is configured anywhere the server looks (gateway.auth.token, the unit, <stateDir>/.env): the gateway runs ' +
        'without auth.', {
        places: [{kind: 'config', file: facts.config.path, key: 'gateway.auth.token'}],
        fix: newTokenFix({facts, views}, `Generate a token the way ${profileOf(facts).product} does and write it to every place.`),
      }),
    ]
  },
})
