import {defineCheck, type FindingDraft} from '../model/finding.js'
import type {Diagnosis} from '../model/views.js'
import {differsFromServer, makeFinding, partyMismatch, partyScope, stripDot} from './util.js'

/**
 * A shell token the local CLI does not send, because the release reads gateway.auth.token first (openclaw 2026.3.22+):
 * not an error for this CLI. Said once, with the release's rule (the party's reason), so nobody "fixes" what works.
 */
function maskedShellToken(d: Diagnosis): FindingDraft[] {
  const {facts, views} = d
  const p = views.parties['local-cli']
  const server = views.parties.server
  if (!partyScope(d, 'local-cli').inPlay || !p.copy || server.authMode !== 'token' || !server.copy) return []
  const stale = facts.env.shell.filter(
    (c) => c.secret === 'token' && !c.legacyName && c !== p.copy && !c.value.trimmed().isEmpty && differsFromServer(c, server),
  )
  return stale.map((c) =>
    makeFinding('info', `${c.label} differs from the server's token, but this CLI does not send it: ${stripDot(p.reason)}.`, {
      copies: [c],
      fix: {summary: `Harmless for this CLI; unset it (\`unset ${c.place.variable ?? ''}\`) if another client or script of yours reads it.`},
    }),
  )
}

export const tokenLocalCli = defineCheck({
  id: 'token.local-cli',
  title: "The local CLI sends the server's token",
  section: 'tokens',
  tokenGroup: true,
  run: (d) => [...partyMismatch(d, 'local-cli'), ...maskedShellToken(d)],
})
