import type {ReleaseProfileData} from './types.js'
import {OPENCLAW_2026_9_6_RUNTIME as RUNTIME} from './openclaw-2026.9.6.runtime.js'

/**
 * openclaw 2026.9.6 (`latest`), measured on the real release (Node 24.22.3) by
 * test/interop/openclaw-2026.9.6.test.ts, which fails when the release disagrees with a line here.
 * Data only. The whole measured data: the run-time part (./openclaw-2026.9.6.runtime.ts) plus the measured tables, which
 * only the tests and build tools read.
 */
export const OPENCLAW_2026_9_6 = {
  ...RUNTIME,
  unit: {
    ...RUNTIME.unit,
    sample: '[Unit]\nDescription=OpenClaw ' +
      'Gateway\nAfter=network-online.target\nWants=network-online.target\nStartLimitBurst=10\nStartLimitIntervalSec=300\n\n[Service]\nExecStart=<NODE> ' +
      '--max-old-space-size=8192 <PKG>/dist/index.js gateway --port ' +
      '<PORT>\nRestart=always\nRestartSec=5\nRestartPreventExitStatus=78\nTimeoutStopSec=330\nTimeoutStartSec=30\nSuccessExitStatus=0 ' +
      '143\nOOMPolicy=continue\nKillMode=mixed\nEnvironment=HOME=<HOME>\nEnvironment=TMPDIR=<TMPDIR>\nEnvironment=PATH=<NODE_BIN>:/usr/local/bin:/usr/bin:/bin:<HOME>/.local/bin:<HOME>/.npm-global/bin:<HOME>/bin:<HOME>/.nix-profile/bin\nEnvironment=NODE_OPTIONS=\nEnvironment=OPENCLAW_GATEWAY_PORT=<PORT>\nEnvironment=OPENCLAW_SYSTEMD_UNIT=openclaw-gateway.service\nEnvironment="OPENCLAW_WINDOWS_TASK_NAME=OpenClaw ' +
        '' +
        '' +
      'Gateway"\nEnvironment=OPENCLAW_WINDOWS_TASK_HIDDEN_LAUNCHER=1\nEnvironment=OPENCLAW_SERVICE_MARKER=openclaw\nEnvironment=OPENCLAW_SERVICE_KIND=gateway\n\n[Install]\nWantedBy=default.target\n',
  },
  servers: {
    configAndStaleEnv: {authToken: 'A', envToken: 'X'},
    envOnly: {envToken: 'U'},
    legacyEnvOnly: {legacyEnvToken: 'U'},
  },
  precedence: [
    {id: 'server-config-over-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', remoteToken: 'B', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'The server uses gateway.auth.token over its own env token; local mode ignores remote.token.'},
    {id: 'auth-token-and-stale-shell-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', shellEnv: 'X', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'The local CLI takes gateway.auth.token before a (stale) shell token.'},
    {id: 'auth-token-and-stale-statedir-dotenv', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', stateDirDotenv: 'X', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'gateway.auth.token wins over <stateDir>/.env too.'},
    {id: 'auth-token-and-stale-cwd-dotenv', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', cwdDotenv: 'X', clientSends: 'A', probe: 'accepted', result: 'ok',
      note: 'gateway.auth.token wins over ./.env too.'},
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
    {id: 'env-only-server-no-client-token', server: 'envOnly', mode: 'local', clientSends: undefined, probe: 'device-identity-required', result: 'no-credentials',
      note: 'Server token only in its env: a CLI without a token gets the new "no token/password or paired device token" text.'},
    {id: 'env-only-server-shell-match', server: 'envOnly', mode: 'local', shellEnv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The server falls back to its env token when gateway.auth.token is unset.'},
    {id: 'env-only-server-shell-stale', server: 'envOnly', mode: 'local', shellEnv: 'X', clientSends: 'X', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'Env-only server, other env token in the shell.'},
    {id: 'env-only-server-statedir-dotenv', server: 'envOnly', mode: 'local', stateDirDotenv: 'U', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The CLI reads <stateDir>/.env.'},
    {id: 'shell-over-statedir-dotenv', server: 'envOnly', mode: 'local', shellEnv: 'U', stateDirDotenv: 'X', clientSends: 'U', probe: 'accepted', result: 'ok',
      note: 'The shell wins over <stateDir>/.env.'},
    {id: 'cwd-dotenv-read', server: 'envOnly', mode: 'local', cwdDotenv: 'U', clientSends: undefined, probe: 'device-identity-required', result: 'no-credentials',
      note: 'The CLI no longer reads ./.env (clawdbot 2026.1.24-3 did): a token there is not sent.'},
    {id: 'legacy-shell-env', server: 'envOnly', mode: 'local', legacyShellEnv: 'U', clientSends: undefined, probe: 'device-identity-required', result: 'no-credentials',
      note: 'CLAWDBOT_GATEWAY_TOKEN in the shell is ignored by the CLI.'},
    {id: 'legacy-server-env', server: 'legacyEnvOnly', mode: 'local', shellEnv: 'U', clientSends: 'U', probe: 'token-mismatch', result: 'token-mismatch',
      note: 'CLAWDBOT_GATEWAY_TOKEN in the server env is ignored: the gateway runs on a random runtime token.'},
  ],

} as const satisfies ReleaseProfileData
