import type {ReleaseProfileData} from './types.js'

/**
 * openclaw 2026.9.6 (`latest`), measured on the real release (Node 24.22.3) by
 * test/interop/openclaw-2026.9.6.test.ts, which fails when the release disagrees with a line here.
 * Data only: the profile wiring reads it.
 */
export const OPENCLAW_2026_9_6 = {
  names: {
    product: 'openclaw',
    release: '2026.9.6',
    engines: '>=24.16.0 <25 || >=26.1.0',
    stateDirName: '.openclaw',
    configFileName: 'openclaw.json',
    configResolution: [
      {when: 'OPENCLAW_CONFIG_PATH is set', path: '$OPENCLAW_CONFIG_PATH'},
      {when: 'OPENCLAW_STATE_DIR is set', path: '$OPENCLAW_STATE_DIR/openclaw.json'},
      {when: '--profile NAME', path: '$HOME/.openclaw-NAME/openclaw.json'},
      {when: '$HOME/.openclaw exists and holds only clawdbot.json', path: '$HOME/.openclaw/clawdbot.json'},
      {when: '$HOME/.openclaw is missing and $HOME/.clawdbot/clawdbot.json exists', path: '$HOME/.clawdbot/clawdbot.json'},
      {when: '$HOME/.openclaw is missing and $HOME/.clawdbot/openclaw.json exists', path: '$HOME/.clawdbot/openclaw.json'},
      {when: 'otherwise (also when only $HOME/.moltbot exists)', path: '$HOME/.openclaw/openclaw.json'},
    ],
    configFileCases: [
      {files: [], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.clawdbot/clawdbot.json'], answer: '$HOME/.clawdbot/clawdbot.json'},
      {files: ['.clawdbot/openclaw.json'], answer: '$HOME/.clawdbot/openclaw.json'},
      {files: ['.moltbot/moltbot.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/clawdbot.json'], answer: '$HOME/.openclaw/clawdbot.json'},
      {files: ['.clawdbot/clawdbot.json', '.openclaw/openclaw.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], args: ['--profile', 'qq'], answer: '$HOME/.openclaw-qq/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_PROFILE: 'qq'}, answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_STATE_DIR: '$HOME/sd'}, answer: '$HOME/sd/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {CLAWDBOT_STATE_DIR: '$HOME/sd'}, answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_CONFIG_PATH: '$HOME/x.json'}, answer: '$HOME/x.json'},
      {files: ['.openclaw/openclaw.json'], env: {CLAWDBOT_CONFIG_PATH: '$HOME/x.json'}, answer: '$HOME/.openclaw/openclaw.json'},
    ],
    envPrefix: 'OPENCLAW_',
    legacyPrefixes: [
      {
        prefix: 'CLAWDBOT_',
        read: false,
        note: 'Ignored by the gateway and the CLI (GATEWAY_TOKEN, STATE_DIR, CONFIG_PATH); the gateway logs OPENCLAW_LEGACY_ENV_VARS once.',
      },
      {prefix: 'MOLTBOT_', read: false, note: 'Ignored.'},
    ],
    legacyStateDirs: [
      {dir: '.clawdbot', behaviour: 'read-if-new-missing', note: 'Used as is (not migrated by an ordinary command) while $HOME/.openclaw does not exist.'},
      {dir: '.moltbot', behaviour: 'ignored', note: 'Not read: a HOME with only $HOME/.moltbot resolves to $HOME/.openclaw/openclaw.json.'},
    ],
    profile: {
      flag: '--profile NAME',
      flagEffect: 'state dir $HOME/.openclaw-NAME, config $HOME/.openclaw-NAME/openclaw.json, unit openclaw-gateway-NAME.service',
      variable: 'OPENCLAW_PROFILE',
      variableEffect: 'Does not move the config or the state dir (`config file` still answers $HOME/.openclaw/openclaw.json); it names the unit ' +
        '(openclaw-gateway-NAME).',
    },
    unitName: 'openclaw-gateway.service',
    unitNameWithProfile: 'openclaw-gateway-<profile>.service',
    legacyUnitNames: ['clawdbot-gateway.service', 'moltbot-gateway.service'],
    envFiles: [
      {path: '$STATE_DIR/gateway.systemd.env', readBy: 'systemd (EnvironmentFile=-) for the installed unit; written 0600 by `gateway install`'},
      {path: '$STATE_DIR/.env', readBy: 'the gateway and the CLI (fills unset variables only)'},
      {path: './.env', readBy: 'nobody: this CLI does not read a .env in its working directory (row cwd-dotenv-read)'},
    ],
    switches: [
      {name: 'OPENCLAW_DISABLE_BONJOUR', applies: true, note: 'Read by the gateway (mDNS advertiser).'},
      {name: 'OPENCLAW_NO_RESPAWN', applies: true, note: 'Read: no respawned child, restarts stay in-process.'},
      {name: 'CLAWDBOT_DISABLE_BONJOUR', applies: false, note: 'Legacy name, ignored (counted in the legacy-env warning).'},
    ],
  },
  probe: {clientId: 'openclaw-probe', minProtocol: 3, maxProtocol: 4,
    note: 'client.id must be openclaw-probe; protocol 4 for clients, probes still accepted from 3 (MIN_PROBE_PROTOCOL_VERSION). the current clawdoc probe ' +
      '(clawdbot-probe) gets a protocol error.'},
  parties: {
    server: {order: ['unit.exec-start', 'config.auth.token', 'environment', 'statedir.dotenv'], trims: 'unmeasured',
      note: 'Measured: auth.token over its env token, env token when auth.token is unset, CLAWDBOT_* not read; with no token it generates a random runtime ' +
        'token at each start (errors.runtimeTokenWarning). unit.exec-start and statedir.dotenv are from the source, not measured.'},
    localCli: {order: ['cli.flag', 'config.auth.token', 'environment', 'statedir.dotenv', 'config.remote.token'], trims: true,
      note: 'config-first: gateway.auth.token wins over every env token; with no auth.token the env (shell, then <stateDir>/.env; ./.env is not read) is ' +
        'used, then gateway.remote.token.'},
    remoteCli: {order: ['cli.flag', 'config.remote.token', 'environment', 'config.auth.token'], trims: true,
      note: 'remote.token first; without it the env token, then gateway.auth.token (remote-env-local in src/gateway/credentials.ts).'},
  },
  unit: {
    renderedWith: 'buildGatewayInstallPlan + buildSystemdUnit from the release dist (the split of file-backed values as in writeSystemdUnit)',
    tokenFromConfig: 'none',
    tokenFromEnv: 'none',
    environmentFile: '-$STATE_DIR/gateway.systemd.env',
    killMode: 'mixed',
    restart: 'always',
    markerVariables: ['OPENCLAW_SERVICE_MARKER', 'OPENCLAW_SERVICE_KIND', 'OPENCLAW_GATEWAY_PORT', 'OPENCLAW_SYSTEMD_UNIT'],
    quotesWhitespace: true,
    sample: '[Unit]\nDescription=OpenClaw ' +
      'Gateway\nAfter=network-online.target\nWants=network-online.target\nStartLimitBurst=10\nStartLimitIntervalSec=300\n\n[Service]\nExecStart=<NODE> ' +
      '--max-old-space-size=8192 <PKG>/dist/index.js gateway --port ' +
      '<PORT>\nRestart=always\nRestartSec=5\nRestartPreventExitStatus=78\nTimeoutStopSec=330\nTimeoutStartSec=30\nSuccessExitStatus=0 ' +
      '143\nOOMPolicy=continue\nKillMode=mixed\nEnvironment=HOME=<HOME>\nEnvironment=TMPDIR=<TMPDIR>\nEnvironment=PATH=<NODE_BIN>:/usr/local/bin:/usr/bin:/bin:<HOME>/.local/bin:<HOME>/.npm-global/bin:<HOME>/bin:<HOME>/.nix-profile/bin\nEnvironment=NODE_OPTIONS=\nEnvironment=OPENCLAW_GATEWAY_PORT=<PORT>\nEnvironment=OPENCLAW_SYSTEMD_UNIT=openclaw-gateway.service\nEnvironment="OPENCLAW_WINDOWS_TASK_NAME=OpenClaw ' +
        '' +
        '' +
      'Gateway"\nEnvironment=OPENCLAW_WINDOWS_TASK_HIDDEN_LAUNCHER=1\nEnvironment=OPENCLAW_SERVICE_MARKER=openclaw\nEnvironment=OPENCLAW_SERVICE_KIND=gateway\n\n[Install]\nWantedBy=default.target\n',
  },
  errors: {
    tokenMismatch: "unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)",
    tokenMismatchProbe: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    noTokenProbe: 'device identity required',
    noCredentials: 'Gateway is reachable, but this CLI has no token/password or paired device token',
    legacyEnvWarning: '[OPENCLAW_LEGACY_ENV_VARS] DeprecationWarning: Legacy CLAWDBOT_* environment variables were detected',
    runtimeTokenWarning: 'auth token was missing. Generated a runtime token for this startup without changing config; restart will generate a different token',
  },
  configSchema: {exportable: true, command: 'openclaw config schema', generatedCopy: 'schemas/openclaw-2026.9.6-config.schema.json',
    note: 'The full schema is about 2.4 MB; test/build-openclaw-schema.mjs keeps the token-relevant subset.'},
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
