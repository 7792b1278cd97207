import {defineCheck} from '../model/finding.js'
import {makeFinding, newTokenFix} from './util.js'
import {names} from '../model/profiles/names.js'

export const authEmptyTokenDisables = defineCheck({
  id: 'auth.empty-token-disables',
  title: 'An empty gateway.auth.token does not switch auth off',
  section: 'tokens',
  run({facts, views}) {
    const gw = views.productConfig
    if (!gw?.authToken || !gw.authToken.value.isEmpty || gw.authToken.nonString) return []
    if (gw.authMode === 'password') return []
    const fix = newTokenFix({facts, views}, 'Generate a token into every place.')
    return [
      gw.authMode === 'token'
        ? makeFinding(
          'error',
          'gateway.auth.mode is "token" but gateway.auth.token is empty: the gateway refuses to start ("no token is configured").',
          {copies: [gw.authToken], fix},
        )
        : makeFinding(
          'error',
          `gateway.auth.token is "" with no auth.mode: the gateway turns auth OFF and accepts any client (${names(facts).tokenVar} is ignored).`,
          {copies: [gw.authToken], fix},
        ),
    ]
  },
})
