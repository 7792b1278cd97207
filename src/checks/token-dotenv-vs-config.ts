import {defineCheck, type FindingDraft} from '../model/finding.js'
import {differsFromServer, makeFinding, syncFix} from './util.js'
import {profileOf} from '../model/profiles/index.js'

// A .env copy that a party uses is judged by that party's check (token.local-cli,
// token.gateway-tools). What is left here is the trap: a stale copy no party uses now, which wins
// as soon as the variables above it are unset.
export const tokenDotenvVsConfig = defineCheck({
  id: 'token.dotenv-vs-config',
  title: '.env files hold no stale token that a party would fall back to',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const server = views.parties.server
    // In remote mode the CLI reads only gateway.remote.token: a .env copy is never a fallback.
    if (server.authMode !== 'token' || !server.copy || views.productConfig?.mode === 'remote') return []
    const used = new Set(Object.values(views.parties).map((p) => p.copy))
    // What sits above a .env in the CLI's order: the variables (clawdbot), or gateway.auth.token first (openclaw 2026.3.22+).
    const order = profileOf(facts).parties['local-cli']
    const configFirst = order.indexOf('auth-token') < order.indexOf('statedir-dotenv')
    const above = configFirst ? 'gateway.auth.token and the variables above it are' : 'the variables above it are'
    const out: FindingDraft[] = []
    for (const copy of [...facts.env.cwdDotenv.copies, ...facts.env.stateDirDotenv.copies]) {
      if (copy.secret !== 'token' || used.has(copy) || copy.value.trimmed().isEmpty || !differsFromServer(copy, server)) continue
      out.push(
        makeFinding('warning', `${copy.label} differs from the server's token (${server.copy.label}); no party uses it now, but it wins as soon as ` +
          `${above} unset.`, {
          copies: [copy, server.copy],
          fix: syncFix(facts),
        }),
      )
    }
    return out
  },
})

