import {resolveParties} from '../model/parties.js'
import type {Check, Finding} from '../model/finding.js'
import {clawdoc, configUsable, makeFinding} from './util.js'

export const authEmptyTokenDisables: Check = {
  id: 'auth.empty-token-disables',
  title: 'An empty gateway.auth.token does not switch auth off',
  run(facts) {
    if (!configUsable(facts)) return []
    const gw = facts.config.gateway
    if (!gw.authToken || !gw.authToken.value.isEmpty || gw.authToken.nonString) return []
    if (gw.authMode === 'token') {
      return [
        makeFinding('auth.empty-token-disables', 'error', 'gateway.auth.mode is "token" but gateway.auth.token is empty: the gateway refuses to start ("no token is configured").', {
          copies: [gw.authToken],
          fix: {summary: 'Generate a token into every place.', command: clawdoc(facts, 'sync-token', '--generate', '--yes')},
        }),
      ]
    }
    if (gw.authMode === 'password') return []
    return [
      makeFinding('auth.empty-token-disables', 'error', 'gateway.auth.token is "" with no auth.mode: the gateway turns auth OFF and accepts any client (CLAWDBOT_GATEWAY_TOKEN is ignored).', {
        copies: [gw.authToken],
        fix: {summary: 'Generate a token into every place.', command: clawdoc(facts, 'sync-token', '--generate', '--yes')},
      }),
    ]
  },
}

export const authPasswordWins: Check = {
  id: 'auth.password-wins',
  title: 'A password does not silently replace the token',
  run(facts) {
    const parties = resolveParties(facts)
    const gw = configUsable(facts) ? facts.config.gateway : undefined
    if (gw?.authMode !== undefined || parties.server.authMode !== 'password' || !parties.server.value) return []
    const pw = gw?.authPassword ?? facts.unit.password
    return [
      makeFinding('auth.password-wins', 'warning', 'A gateway password is set and gateway.auth.mode is not: password mode wins and the token is ignored, so token-only clients get "password missing".', {
        copies: [...(pw ? [pw] : []), parties.server.copy!],
        fix: {summary: 'Set gateway.auth.mode to "token" (or remove the password) to make the token count.', command: 'clawdbot config set gateway.auth.mode token'},
      }),
    ]
  },
}

export const authModeConfusion: Check = {
  id: 'auth.mode-confusion',
  title: 'gateway.auth.mode matches the secret that is configured',
  run(facts) {
    if (!configUsable(facts)) return []
    const gw = facts.config.gateway
    const parties = resolveParties(facts)
    const out: Finding[] = []
    const place = gw.places['gateway.auth.mode'] ?? {kind: 'config' as const, file: facts.config.path, key: 'gateway.auth.mode'}
    if (gw.authMode === 'password' && !gw.authPassword && !facts.unit.password) {
      out.push(makeFinding('auth.mode-confusion', 'error', 'gateway.auth.mode is "password" but no password is configured: the gateway refuses clients, and the token is never checked.', {
        places: [place],
        fix: {summary: 'Set gateway.auth.mode to "token" if you meant to use the token.', command: 'clawdbot config set gateway.auth.mode token'},
      }))
    }
    if (gw.authMode === 'token' && (!parties.server.value || parties.server.value.isEmpty) && !gw.authToken?.value.isEmpty) {
      out.push(makeFinding('auth.mode-confusion', 'error', 'gateway.auth.mode is "token" but no token is configured anywhere the server looks: the gateway refuses to start.', {
        places: [place],
        fix: {summary: 'Generate a token into every place.', command: clawdoc(facts, 'sync-token', '--generate', '--yes')},
      }))
    }
    return out
  },
}
