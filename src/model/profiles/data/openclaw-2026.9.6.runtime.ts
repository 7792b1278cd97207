import type {ReleaseRuntimeData} from './types.js'

/**
 * openclaw 2026.9.6 (`latest`), measured on the real release (Node 24.22.3) by
 * test/interop/openclaw-2026.9.6.test.ts, which fails when the release disagrees with a line here.
 * Data only. This is the part the profile wiring reads at run time; the measured tables (precedence rows, servers, unit sample) are in
 * ./openclaw-2026.9.6.ts, which only the tests and build tools import (they stay out of the start path).
 */
export const OPENCLAW_2026_9_6_RUNTIME = {
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
} as const satisfies ReleaseRuntimeData
