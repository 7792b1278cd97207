import {cliEnvToken, resolveParties} from '../model/parties.js'
import type {TokenCopy} from '../model/copy.js'
import type {Check, Finding} from '../model/finding.js'
import {clawdoc, makeFinding, syncFix} from './util.js'

function differs(copy: TokenCopy, server: ReturnType<typeof resolveParties>['server']): boolean {
  return server.value !== undefined && !server.value.equals(copy.value.trimmed())
}

export const tokenShellEnvVsConfig: Check = {
  id: 'token.shell-env-vs-config',
  title: 'Shell CLAWDBOT_GATEWAY_TOKEN matches the server',
  run(facts) {
    const shell = facts.env.shell.find((c) => c.secret === 'token')
    if (!shell || shell.value.trimmed().isEmpty) return []
    const parties = resolveParties(facts)
    const server = parties.server
    if (server.authMode !== 'token' || !server.copy || server.copy === shell) return []
    if (!differs(shell, server)) return []
    const remote = facts.config.gateway.mode === 'remote'
    return [
      makeFinding(
        'token.shell-env-vs-config',
        remote ? 'info' : 'error',
        remote
          ? 'Your shell\'s CLAWDBOT_GATEWAY_TOKEN differs from the server\'s token; ignored for now because gateway.mode is remote.'
          : `Your shell's CLAWDBOT_GATEWAY_TOKEN differs from the server's token (${server.copy.label}): the local CLI sends the shell value first and gets 1008 token mismatch.`,
        {
          copies: [shell, server.copy],
          fix: {
            summary: 'Remove the export from your shell profile (~/.bashrc, ~/.profile or ~/.zshrc), then run `unset CLAWDBOT_GATEWAY_TOKEN`; or sync every file to one value.',
            command: `unset CLAWDBOT_GATEWAY_TOKEN && ${clawdoc(facts, 'doctor')}`,
          },
        },
      ),
    ]
  },
}

export const tokenDotenvVsConfig: Check = {
  id: 'token.dotenv-vs-config',
  title: '.env files match the server',
  run(facts) {
    const parties = resolveParties(facts)
    const server = parties.server
    if (server.authMode !== 'token' || !server.copy) return []
    const winner = cliEnvToken(facts)
    const out: Finding[] = []
    for (const copy of [...facts.env.cwdDotenv.copies, ...facts.env.stateDirDotenv.copies]) {
      if (copy.secret !== 'token' || copy === server.copy || copy.value.trimmed().isEmpty || !differs(copy, server)) continue
      const wins = winner === copy && facts.config.gateway.mode !== 'remote'
      out.push(
        makeFinding(
          'token.dotenv-vs-config',
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
}
