import {defineCheck, type FindingDraft} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {makeFinding, newTokenFix} from './util.js'

export const authModeConfusion = defineCheck({
  id: 'auth.mode-confusion',
  title: 'gateway.auth.mode matches the secret that is configured',
  section: 'tokens',
  run({facts, views}) {
    const gw = views.productConfig
    if (!gw) return []
    const server = views.parties.server
    const out: FindingDraft[] = []
    const place = gw.places['gateway.auth.mode'] ?? {kind: 'config' as const, file: facts.config.path, key: 'gateway.auth.mode'}
    if (gw.authMode === 'password' && !gw.authPassword && !facts.unit.password) {
      out.push(makeFinding('error', 'gateway.auth.mode is "password" but no password is configured: the gateway refuses clients, and the token is never ' +
        'checked.', {
        places: [place],
        fix: {
          summary: 'Set gateway.auth.mode to "token" if you meant to use the token.',
          command: `${profileOf(facts).product} config set gateway.auth.mode token`,
        },
      }))
    }
    if (gw.authMode === 'token' && (!server.value || server.value.isEmpty) && !gw.authToken?.value.isEmpty) {
      out.push(makeFinding('error', 'gateway.auth.mode is "token" but no token is configured anywhere the server looks: the gateway refuses to start.', {
        places: [place],
        fix: newTokenFix({facts, views}, 'Generate a token into every place.'),
      }))
    }
    return out
  },
})
