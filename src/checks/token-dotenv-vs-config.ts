import {defineCheck, type FindingDraft} from '../model/finding.js'
import {differsFromServer, makeFinding, syncFix} from './util.js'

export const tokenDotenvVsConfig = defineCheck({
  id: 'token.dotenv-vs-config',
  title: '.env files match the server',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const server = views.parties.server
    if (server.authMode !== 'token' || !server.copy) return []
    // The local CLI's winning copy (none in remote mode): a .env copy that wins breaks it now.
    const cli = views.parties['local-cli'].copy
    const out: FindingDraft[] = []
    for (const copy of [...facts.env.cwdDotenv.copies, ...facts.env.stateDirDotenv.copies]) {
      if (copy.secret !== 'token' || copy === server.copy || copy.value.trimmed().isEmpty || !differsFromServer(copy, server)) continue
      const wins = cli === copy && facts.config.gateway.mode !== 'remote'
      out.push(
        makeFinding(
          wins ? 'error' : 'warning',
          wins
            ? `${copy.label} differs from the server's token (${server.copy.label}) and the local CLI uses it: 1008 token mismatch.`
            : `${copy.label} differs from the server's token (${server.copy.label}); it is shadowed now but wins as soon as the variables above it are unset.`,
          {copies: [copy, server.copy], fix: syncFix(facts)},
        ),
      )
    }
    return out
  },
})
