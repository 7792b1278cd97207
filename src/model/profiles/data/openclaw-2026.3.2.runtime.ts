import type {ReleaseRuntimeData} from './types.js'

/**
 * openclaw 2026.3.2, the early openclaw (unit embeds the token, CLAWDBOT_* still read), measured on
 * the real release (Node 22.23.3) by test/interop/openclaw-2026.3.2.test.ts, which fails when the release disagrees with a line here.
 * Data only. This is the part the profile wiring reads at run time; the measured tables (precedence rows, servers, unit sample) are in
 * ./openclaw-2026.3.2.ts, which only the tests and build tools import (they stay out of the start path).
 */
export const OPENCLAW_2026_3_2_RUNTIME = {
  names: {
    product: 'openclaw',
    release: '2026.3.2',
    engines: '>=22.12.0',
    stateDirName: '.openclaw',
    configFileName: 'openclaw.json',
    configResolution: [
      {when: 'OPENCLAW_CONFIG_PATH is set', path: '$OPENCLAW_CONFIG_PATH'},
      {when: '--profile NAME', path: '$HOME/.openclaw-NAME/openclaw.json'},
      {when: '$HOME/.openclaw holds openclaw.json', path: '$HOME/.openclaw/openclaw.json'},
      {when: '$HOME/.openclaw holds only a legacy name (clawdbot.json, moltbot.json)', path: '$HOME/.openclaw/<that file>'},
      {when: 'only $HOME/.clawdbot or $HOME/.moltbot exists', path: 'migrated first (moved to $HOME/.openclaw, legacy dir left as a symlink), then as above'},
      {when: 'otherwise', path: '$HOME/.openclaw/openclaw.json'},
    ],
    configFileCases: [
      {files: [], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.clawdbot/clawdbot.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.clawdbot/openclaw.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.moltbot/moltbot.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.moltbot/clawdbot.json'], answer: '$HOME/.openclaw/clawdbot.json'},
      {files: ['.openclaw/clawdbot.json'], answer: '$HOME/.openclaw/clawdbot.json'},
      {files: ['.openclaw/moltbot.json'], answer: '$HOME/.openclaw/moltbot.json'},
      {files: ['.clawdbot/clawdbot.json', '.openclaw/openclaw.json'], answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], args: ['--profile', 'qq'], answer: '$HOME/.openclaw-qq/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_PROFILE: 'qq'}, answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_STATE_DIR: '$HOME/sd'}, answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {CLAWDBOT_STATE_DIR: '$HOME/sd'}, answer: '$HOME/.openclaw/openclaw.json'},
      {files: ['.openclaw/openclaw.json'], env: {OPENCLAW_CONFIG_PATH: '$HOME/x.json'}, answer: '$HOME/x.json'},
      {files: ['.openclaw/openclaw.json'], env: {CLAWDBOT_CONFIG_PATH: '$HOME/x.json'}, answer: '$HOME/.openclaw/openclaw.json'},
    ],
    envPrefix: 'OPENCLAW_',
    legacyPrefixes: [
      {
        prefix: 'CLAWDBOT_',
        read: true,
        note: 'Only partly: the CLI reads CLAWDBOT_GATEWAY_TOKEN (after OPENCLAW_GATEWAY_TOKEN); the gateway does not take it as its token; ' +
          'CLAWDBOT_CONFIG_PATH/STATE_DIR do not move `config file`. No warning.',
      },
      {prefix: 'MOLTBOT_', read: false, note: 'Not read.'},
    ],
    legacyStateDirs: [
      {
        dir: '.clawdbot',
        behaviour: 'migrated-on-any-command',
        note: 'Any CLI command (even `config file`) moves $HOME/.clawdbot to $HOME/.openclaw, leaves a symlink, and copies clawdbot.json to openclaw.json.',
      },
      {dir: '.moltbot', behaviour: 'migrated-on-any-command', note: 'Moved to $HOME/.openclaw the same way when it is the only state dir.'},
    ],
    profile: {
      flag: '--profile NAME',
      flagEffect: 'state dir $HOME/.openclaw-NAME, config $HOME/.openclaw-NAME/openclaw.json, unit openclaw-gateway-NAME.service',
      variable: 'OPENCLAW_PROFILE',
      variableEffect: 'Does not move the config (`config file` still answers $HOME/.openclaw/openclaw.json); it names the unit.',
    },
    unitName: 'openclaw-gateway.service',
    unitNameWithProfile: 'openclaw-gateway-<profile>.service',
    legacyUnitNames: ['clawdbot-gateway.service', 'moltbot-gateway.service'],
    envFiles: [
      {path: '$STATE_DIR/gateway.systemd.env', readBy: 'systemd (EnvironmentFile=-) for the installed unit; written 0600 by `gateway install`'},
      {path: '$STATE_DIR/.env', readBy: 'the gateway and the CLI (fills unset variables only)'},
      {path: './.env', readBy: 'the CLI, from its working directory (row auth-token-and-stale-cwd-dotenv)'},
    ],
    switches: [
      {name: 'OPENCLAW_DISABLE_BONJOUR', applies: true, note: 'Read by the gateway (only the exact value "1"); config discovery.mdns.mode=off does the same.'},
      {name: 'OPENCLAW_NO_RESPAWN', applies: true, note: 'Read: no respawned child, restarts stay in-process.'},
      {
        name: 'CLAWDBOT_DISABLE_BONJOUR',
        applies: false,
        note: 'Legacy name, not read (only the gateway token/password/url/port and state-dir names are read under CLAWDBOT_).',
      },
    ],
  },
  probe: {clientId: 'openclaw-probe', minProtocol: 3, maxProtocol: 3,
    note: 'client.id must be openclaw-probe: the current clawdoc probe (client.id clawdbot-probe) gets a protocol error, not a token verdict.'},
  parties: {
    server: {order: ['unit.exec-start', 'config.auth.token', 'environment', 'statedir.dotenv'], trims: 'unmeasured',
      note: 'CLAWDBOT_GATEWAY_TOKEN in the gateway env is not read (row legacy-server-env); with no token at all the gateway generates one and SAVES it to ' +
        'gateway.auth.token.'},
    localCli: {order: ['cli.flag', 'environment', 'legacy.environment', 'cwd.dotenv', 'statedir.dotenv', 'config.auth.token', 'config.remote.token'], trims: true,
      note: 'env-first as clawdbot: a stale shell or .env token beats gateway.auth.token; CLAWDBOT_GATEWAY_TOKEN still read; with no auth.token, ' +
        'gateway.remote.token is used.'},
    remoteCli: {order: ['cli.flag', 'config.remote.token', 'environment', 'config.auth.token'], trims: true,
      note: 'remote.token first; without it the env token, then gateway.auth.token.'},
    gatewayTools: {order: ['environment', 'legacy.environment', 'statedir.dotenv', 'config.auth.token'], trims: true,
      note: 'The agent tools call the gateway as a local client from the gateway\'s own environment (callGatewayTool → callGateway, env-first, ' +
        'CLAWDBOT_GATEWAY_TOKEN included): a stale token in the unit breaks them while the server takes gateway.auth.token. ' +
        'Measured with the release\'s own callGateway in the running gateway\'s environment (test/interop/live-drift-openclaw-early.test.ts).'},
  },
  unit: {
    renderedWith: 'the release\'s own `openclaw gateway install --port P` in a contained systemd --user manager (token from gateway.auth.token)',
    tokenFromConfig: 'inline',
    tokenFromEnv: 'inline',
    killMode: 'process',
    restart: 'always',
    markerVariables: [
      'OPENCLAW_GATEWAY_TOKEN',
      'OPENCLAW_SERVICE_MARKER',
      'OPENCLAW_SERVICE_KIND',
      'OPENCLAW_SERVICE_VERSION',
      'OPENCLAW_GATEWAY_PORT',
      'OPENCLAW_SYSTEMD_UNIT',
    ],
    quotesWhitespace: true,
  },
  errors: {
    tokenMismatch: 'unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    tokenMismatchProbe: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    noTokenProbe: 'device identity required',
    runtimeTokenWarning: 'auth token was missing. Generated a new token and saved it to config (gateway.auth.token).',
    tokenMissing: 'unauthorized: gateway token missing',
  },
  configSchema: {exportable: false,
    note: '`config` has get/set/unset/file/validate only; no `config schema`. The schema is the zod schema inside dist (not exported as JSON).'},
} as const satisfies ReleaseRuntimeData
