import {defineCheck} from '../model/finding.js'
import {clawdoc, isLoopbackUrl, makeFinding, syncFix} from './util.js'

export const tokenAuthVsRemote = defineCheck({
  id: 'token.auth-vs-remote',
  title: 'gateway.remote.token matches gateway.auth.token where it matters',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const gw = views.productConfig
    if (!gw) return []
    const remoteMode = gw.mode === 'remote'
    if (remoteMode && !gw.remoteToken) {
      return [
        makeFinding('error', 'gateway.mode is remote but gateway.remote.token is not set: the CLI sends no token and gets "gateway token missing".', {
          places: [gw.places['gateway.mode'] ?? {kind: 'config', file: facts.config.path, key: 'gateway.mode'}],
          fix: {summary: 'Set gateway.remote.token to the remote gateway\'s token.', command: clawdoc(facts, 'sync-token', '--dry-run')},
        }),
      ]
    }
    if (!gw.authToken || !gw.remoteToken) return []
    // The remote CLI trims what it sends; the server compares its own value untrimmed.
    if (gw.authToken.value.equals(gw.remoteToken.value.trimmed())) return []
    const copies = [gw.authToken, gw.remoteToken]
    if (!remoteMode) {
      return [
        makeFinding('info', 'gateway.remote.token differs from gateway.auth.token; harmless in local mode (remote.token is not used), although the ' +
          'gateway\'s error hint says to make them match.', {
          copies,
          fix: syncFix(facts, 'Optional: make them equal to silence the misleading hint.'),
        }),
      ]
    }
    const local = gw.remoteUrl === undefined || isLoopbackUrl(gw.remoteUrl)
    return [
      makeFinding(
        local ? 'error' : 'info',
        local
          ? 'gateway.mode is remote and points at this machine, but gateway.remote.token differs from gateway.auth.token: every CLI call gets 1008 token ' +
            'mismatch.'
          : 'gateway.remote.token differs from this machine\'s gateway.auth.token; that is expected if gateway.remote.url is another gateway (check it with: ' +
            'clawdoc doctor --remote).',
        {copies, fix: local ? syncFix(facts) : undefined},
      ),
    ]
  },
})
