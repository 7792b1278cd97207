import type {ReleaseProfile} from './types.js'

/**
 * clawdbot 2026.1.24-3, the release clawdoc was built on. Its rows are src/docs/CLAWDBOT.md (§2 names, §4 precedence,
 * §5 unit) and are asserted against the real release by test/interop/product-precedence.test.ts.
 */
export const CLAWDBOT: ReleaseProfile = {
  id: 'clawdbot',
  product: 'clawdbot',
  representative: '2026.1.24-3',
  range: {from: '2026.1.24'},
  names: {
    stateDirName: '.clawdbot',
    configFileName: 'clawdbot.json',
    legacyConfigFileNames: [],
    envPrefix: 'CLAWDBOT_',
    tokenVar: 'CLAWDBOT_GATEWAY_TOKEN',
    passwordVar: 'CLAWDBOT_GATEWAY_PASSWORD',
    stateDirVar: 'CLAWDBOT_STATE_DIR',
    configPathVar: 'CLAWDBOT_CONFIG_PATH',
    profileVar: 'CLAWDBOT_PROFILE',
    unitVar: 'CLAWDBOT_SYSTEMD_UNIT',
    portVar: 'CLAWDBOT_GATEWAY_PORT',
    legacyPrefixes: [],
    unitName: 'clawdbot-gateway.service',
    unitNameWithProfile: 'clawdbot-gateway-<profile>.service',
    legacyUnitNames: [],
    envFiles: ['$STATE_DIR/.env', './.env'],
  },
  paths: {stateDirVarMovesConfig: true, profileDirName: '.clawdbot-<profile>'},
  parties: {
    server: ['exec-start', 'auth-token', 'service-env', 'statedir-dotenv', 'config-env-block'],
    'local-cli': ['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block', 'auth-token'],
    'remote-cli': ['remote-token'],
    'gateway-tools': ['service-env', 'statedir-dotenv', 'config-env-block', 'auth-token'],
  },
  legacyReads: {server: [], 'local-cli': [], 'remote-cli': [], 'gateway-tools': []},
  withoutToken: 'auth-none',
  unitLayout: {tokenFromConfig: 'inline', tokenFromEnv: 'inline'},
  errors: {
    tokenMismatch: 'unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
    tokenMismatchProbe: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    noTokenProbe: 'device identity required',
    tokenMissing: 'unauthorized: gateway token missing',
  },
  probe: {clientId: 'clawdbot-probe', minProtocol: 3, maxProtocol: 3},
  reinstallCommand: 'clawdbot daemon install --force',
  configSchema: {file: 'schemas/clawdbot-config.schema.json', note: 'Generated from the release (see schemas/).', checkChannelIds: true},
}
