import type {ReleaseProfileData} from './types.js'
import {OPENCLAW_2026_3_2_RUNTIME as RUNTIME} from './openclaw-2026.3.2.runtime.js'

/**
 * openclaw 2026.3.2, the early openclaw (unit embeds the token, CLAWDBOT_* still read), measured on
 * the real release (Node 22.23.3) by test/interop/openclaw-2026.3.2.test.ts, which fails when the release disagrees with a line here.
 * Data only. The whole measured data: the run-time part (./openclaw-2026.3.2.runtime.ts) plus the measured tables, which
 * only the tests and build tools read.
 */
export const OPENCLAW_2026_3_2 = {
  ...RUNTIME,
  unit: {
    ...RUNTIME.unit,
    sample: '[Unit]\nDescription=OpenClaw Gateway (v2026.3.2)\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nExecStart=<NODE> ' +
      '<PKG>/dist/index.js gateway --port ' +
      '<PORT>\nRestart=always\nRestartSec=5\nKillMode=process\nEnvironment=HOME=<HOME>\nEnvironment=TMPDIR=<TMPDIR>\nEnvironment=PATH=<HOME>/.local/bin:<HOME>/.npm-global/bin:<HOME>/bin:<HOME>/.volta/bin:<HOME>/.asdf/shims:<HOME>/.bun/bin:<HOME>/.nvm/current/bin:<HOME>/.fnm/current/bin:<HOME>/.local/share/pnpm:/usr/local/bin:/usr/bin:/bin\nEnvironment=OPENCLAW_GATEWAY_PORT=<PORT>\nEnvironment=OPENCLAW_GATEWAY_TOKEN=<TOKEN ' +
        '' +
        '' +
      'A>\nEnvironment=OPENCLAW_SYSTEMD_UNIT=openclaw-gateway.service\nEnvironment=OPENCLAW_SERVICE_MARKER=openclaw\nEnvironment=OPENCLAW_SERVICE_KIND=gateway\nEnvironment=OPENCLAW_SERVICE_VERSION=2026.3.2\n\n[Install]\nWantedBy=default.target\n',
  },
  servers: {
    configAndStaleEnv: {authToken: 'A', envToken: 'X'},
    envOnly: {envToken: 'U'},
    legacyEnvOnly: {legacyEnvToken: 'U'},
  },
  precedence: [
    {id: 'server-config-over-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', remoteToken: 'B', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'The server uses gateway.auth.token over its own env token; local mode ignores remote.token.'},
    {id: 'auth-token-and-stale-shell-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', shellEnv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'The local CLI sends the shell env token before gateway.auth.token (as clawdbot).'},
    {id: 'auth-token-and-stale-statedir-dotenv', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', stateDirDotenv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: '<stateDir>/.env wins over gateway.auth.token for the CLI.'},
    {id: 'auth-token-and-stale-cwd-dotenv', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', cwdDotenv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: './.env wins over gateway.auth.token for the CLI.'},
    {id: 'server-rejects-own-env-token', server: 'configAndStaleEnv', mode: 'local', shellEnv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'The server env token X is not accepted while gateway.auth.token is set.'},
    {id: 'remote-uses-remote-token', server: 'configAndStaleEnv', mode: 'remote', authToken: 'A', remoteToken: 'B', clientSends: 'B', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'Remote mode sends gateway.remote.token.'},
    {id: 'remote-ignores-env', server: 'configAndStaleEnv', mode: 'remote', authToken: 'A', remoteToken: 'B', shellEnv: 'A', clientSends: 'B', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'Remote mode ignores the env token when remote.token is set.'},
    {id: 'remote-ignores-stale-env', server: 'configAndStaleEnv', mode: 'remote', authToken: 'A', remoteToken: 'A', shellEnv: 'X', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'Remote mode with a matching remote.token works despite a stale env token.'},
    {id: 'remote-without-remote-token', server: 'configAndStaleEnv', mode: 'remote', authToken: 'A', shellEnv: 'A', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'Remote mode without remote.token falls back to the env token (then gateway.auth.token).'},
    {id: 'local-with-only-remote-token', server: 'configAndStaleEnv', mode: 'local', remoteToken: 'A', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'Local mode with no auth.token and no env token sends gateway.remote.token.'},
    {id: 'env-only-server-no-client-token', server: 'envOnly', mode: 'local', clientSends: undefined, probe: 'device-identity-required', result: 'token-missing',
      note: 'Server token only in its env: a CLI without a token gets "gateway token missing".'},
    {id: 'env-only-server-shell-match', server: 'envOnly', mode: 'local', shellEnv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The server falls back to its env token when gateway.auth.token is unset.'},
    {id: 'env-only-server-shell-stale', server: 'envOnly', mode: 'local', shellEnv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'Env-only server, other env token in the shell.'},
    {id: 'env-only-server-statedir-dotenv', server: 'envOnly', mode: 'local', stateDirDotenv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The CLI reads <stateDir>/.env.'},
    {id: 'shell-over-statedir-dotenv', server: 'envOnly', mode: 'local', shellEnv: 'U', stateDirDotenv: 'X', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The shell wins over <stateDir>/.env.'},
    {id: 'cwd-dotenv-read', server: 'envOnly', mode: 'local', cwdDotenv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The CLI reads ./.env.'},
    {id: 'legacy-shell-env', server: 'envOnly', mode: 'local', legacyShellEnv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The CLI still reads CLAWDBOT_GATEWAY_TOKEN from the shell.'},
    {id: 'legacy-server-env', server: 'legacyEnvOnly', mode: 'local', shellEnv: 'U', clientSends: 'U', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'The gateway does not read CLAWDBOT_GATEWAY_TOKEN (only the CLI does): it generates a token and writes it into gateway.auth.token.'},
  ],

} as const satisfies ReleaseProfileData
