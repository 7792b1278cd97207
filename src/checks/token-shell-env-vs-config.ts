import {defineCheck} from '../model/finding.js'
import {clawdoc, differsFromServer, makeFinding} from './util.js'

export const tokenShellEnvVsConfig = defineCheck({
  id: 'token.shell-env-vs-config',
  title: 'Shell CLAWDBOT_GATEWAY_TOKEN matches the server',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const shell = facts.env.shell.find((c) => c.secret === 'token')
    if (!shell || shell.value.trimmed().isEmpty) return []
    const server = views.parties.server
    if (server.authMode !== 'token' || !server.copy || server.copy === shell) return []
    if (!differsFromServer(shell, server)) return []
    const remote = facts.config.gateway.mode === 'remote'
    return [
      makeFinding(
        remote ? 'info' : 'error',
        remote
          ? 'Your shell\'s CLAWDBOT_GATEWAY_TOKEN differs from the server\'s token; ignored for now because gateway.mode is remote.'
          : `Your shell's CLAWDBOT_GATEWAY_TOKEN differs from the server's token (${server.copy.label}): the local CLI sends the shell value first and gets ` +
            `1008 token mismatch.`,
        {
          copies: [shell, server.copy],
          fix: {
            summary: 'Remove the export from your shell profile (~/.bashrc, ~/.profile or ~/.zshrc), then run `unset CLAWDBOT_GATEWAY_TOKEN`; or sync every ' +
              'file to one value.',
            command: `unset CLAWDBOT_GATEWAY_TOKEN && ${clawdoc(facts, 'doctor')}`,
          },
        },
      ),
    ]
  },
})
