import {defineCheck, type FindingDraft} from '../model/finding.js'
import {clawdoc, makeFinding, PARTY_NAME, partyFix, partyScope, stripDot, type ClientParty} from './util.js'

const CLIENTS: ClientParty[] = ['local-cli', 'remote-cli', 'gateway-tools']

export const tokenClientMissing = defineCheck({
  id: 'token.client-missing',
  title: 'Every client in play sends a token',
  section: 'tokens',
  tokenGroup: true,
  run(d) {
    const {facts, views} = d
    const server = views.parties.server
    const out: FindingDraft[] = []
    for (const party of CLIENTS) {
      const scope = partyScope(d, party)
      const p = views.parties[party]
      if (!scope.inPlay || p.value) continue
      // Against this machine's server: only a token-mode server refuses a client without one.
      // Against another machine's gateway (remote mode): that gateway's auth is unknown, but a
      // remote CLI without gateway.remote.token is refused by any gateway that has a token.
      if (scope.localServer && (server.authMode !== 'token' || !server.copy)) continue
      const against = scope.localServer && server.copy ? `the server expects ${server.copy.label}` : 'the gateway at gateway.remote.url expects its token'
      const fix =
        party === 'remote-cli'
          ? {
              summary:
                'Set gateway.remote.token to the token of the gateway at gateway.remote.url (read it there with `clawdoc doctor`), ' +
                `e.g. \`<paste> | ${clawdoc(facts, 'sync-token', '--token-stdin', '--yes')}\`.`,
            }
          : partyFix(d, p)
      const who = `${PARTY_NAME[party].replace(/^t/, 'T')} send${party === 'gateway-tools' ? '' : 's'}`
      out.push(
        makeFinding('error', `${who} no token (${stripDot(p.reason)}), but ${against}: 1008 "gateway token missing".`, {
          // Where the party would read its token: the key to set.
          places: [{kind: 'config', file: facts.config.path, key: party === 'remote-cli' ? 'gateway.remote.token' : 'gateway.auth.token'}],
          copies: scope.localServer && server.copy ? [server.copy] : [],
          fix,
        }),
      )
    }
    return out
  },
})
