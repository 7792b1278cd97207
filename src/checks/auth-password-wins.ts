import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {makeFinding} from './util.js'

export const authPasswordWins = defineCheck({
  id: 'auth.password-wins',
  title: 'A password does not silently replace the token',
  section: 'tokens',
  run({facts, views}) {
    const server = views.parties.server
    const gw = views.productConfig
    if (gw?.authMode !== undefined || server.authMode !== 'password' || !server.value) return []
    const pw = gw?.authPassword ?? facts.unit.password
    return [
      makeFinding('warning', 'A gateway password is set and gateway.auth.mode is not: password mode wins and the token is ignored, so token-only clients get ' +
        '"password missing".', {
        copies: [...(pw ? [pw] : []), server.copy!],
        fix: {
          summary: 'Set gateway.auth.mode to "token" (or remove the password) to make the token count.',
          command: `${profileOf(facts).product} config set gateway.auth.mode token`,
        },
      }),
    ]
  },
})
