import {defineCheck} from '../model/finding.js'
import {isLoopbackUrl, makeFinding, syncFix} from './util.js'

// A mismatch that breaks a client is token.remote-cli's (remote mode, this machine's gateway) and a
// missing remote token is token.client-missing's. What is left here is a hint: the two keys differ
// where that breaks nothing, although the product's own error text says to make them match.
export const tokenAuthVsRemote = defineCheck({
  id: 'token.auth-vs-remote',
  title: 'gateway.remote.token and gateway.auth.token (hint only)',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const gw = views.productConfig
    if (!gw?.authToken || !gw.remoteToken) return []
    // The remote CLI trims what it sends; the server compares its own value untrimmed.
    if (gw.authToken.value.equals(gw.remoteToken.value.trimmed())) return []
    const copies = [gw.authToken, gw.remoteToken]
    if (gw.mode !== 'remote') {
      return [
        makeFinding('info', 'gateway.remote.token differs from gateway.auth.token; harmless in local mode (remote.token is not used), although the ' +
          'gateway\'s error hint says to make them match.', {
          copies,
          fix: syncFix(facts, 'Optional: make them equal to silence the misleading hint.'),
        }),
      ]
    }
    if (isLoopbackUrl(gw.remoteUrl ?? 'ws://127.0.0.1') && facts.unit.status === 'ok') return []
    return [
      makeFinding(
        'info',
        'gateway.remote.token differs from this machine\'s gateway.auth.token; that is expected: in remote mode only gateway.remote.token is used, ' +
          'and it must match the gateway at gateway.remote.url (check it with: clawdoc doctor --remote).',
        {copies},
      ),
    ]
  },
})
