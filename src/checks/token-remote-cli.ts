import {defineCheck, type FindingDraft} from '../model/finding.js'
import type {Diagnosis} from '../model/views.js'
import {clawdoc, makeFinding, partyMismatch, partyScope, PARTY_NAME} from './util.js'

export const tokenRemoteCli = defineCheck({
  id: 'token.remote-cli',
  title: "In remote mode, the CLI sends the token of the gateway it reaches",
  section: 'tokens',
  tokenGroup: true,
  run: (d) => [...partyMismatch(d, 'remote-cli'), ...probedMismatch(d)],
})

/** The probe's outcomes that mean "the gateway answered and refused this token". */
const REFUSED = new Set(['token-mismatch', 'token-missing', 'rejected'])

/**
 * The server is not this machine's (an SSH tunnel: gateway.remote.url is loopback, no gateway unit here), so the model
 * cannot compare tokens; the default probe went to that URL (probe/target.ts). When the gateway there refused the value
 * the remote CLI sends, that is the 1008 the user sees.
 */
function probedMismatch(d: Diagnosis): FindingDraft[] {
  const {facts, views} = d
  const scope = partyScope(d, 'remote-cli')
  const probe = facts.probe
  if (!scope.inPlay || scope.localServer || probe?.status !== 'ok' || probe.authOff) return []
  const p = views.parties['remote-cli']
  if (!p.value || !p.copy) return []
  const sent = p.value.trimmed()
  const hit = probe.results.find((r) => r.sha256 === sent.fingerprint && r.length === sent.length)
  if (!hit || !REFUSED.has(hit.outcome)) return []
  return [
    makeFinding(
      'error',
      `${PARTY_NAME['remote-cli'].replace(/^t/, 'T')} sends ${p.copy.label} to ${probe.target}, and the gateway there refuses it ` +
        `(${hit.message ?? hit.outcome}): 1008 token mismatch. Why: ${p.reason.replace(/[.\s]+$/, '')}; the gateway's own token is on its machine.`,
      {
        copies: [p.copy],
        fix: {
          summary: `Put the gateway's token (gateway.auth.token on the machine that runs it) into ${p.copy.label}; ` +
            'give the value on stdin, never as an argument.',
          command: clawdoc(facts, 'sync-token', '--yes', '--token-stdin'),
        },
      },
    ),
  ]
}
