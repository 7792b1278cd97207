import {Secret} from '../../src/model/secret.js'
import type {CopyId, TokenCopy} from '../../src/model/copy.js'
import type {ConfigFacts, Facts} from '../../src/model/facts.js'

// Obviously fake tokens for tests (48 hex, like the product's).
export const TOK_A = 'aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666'
export const TOK_B = 'bbbb2222cccc3333dddd4444eeee5555ffff66660000aaaa'
export const TOK_C = 'cccc3333dddd4444eeee5555ffff66660000aaaa1111bbbb'

const KIND: Record<string, TokenCopy['place']['kind']> = {
  config: 'config',
  shell: 'shell-env',
  cwd: 'dotenv',
  statedir: 'dotenv',
  unit: 'unit',
  service: 'service',
}

export function copy(id: CopyId, value: string, extra: Partial<TokenCopy> = {}): TokenCopy {
  const kind = id === 'service.process-env' ? 'process' : KIND[id.split('.')[0]]
  return {
    id,
    secret: id.includes('password') ? 'password' : 'token',
    label: id,
    value: new Secret(value),
    place: {kind, file: kind === 'shell-env' || kind === 'service' || kind === 'process' ? undefined : `/h/${id}`, line: 1, variable: 'CLAWDBOT_GATEWAY_TOKEN'},
    origin: {type: 'literal'},
    ...extra,
  }
}

export function baseConfig(overrides: Partial<ConfigFacts> = {}): ConfigFacts {
  return {
    path: '/h/.clawdbot/clawdbot.json',
    status: 'ok',
    files: ['/h/.clawdbot/clawdbot.json'],
    includeErrors: [],
    varErrors: [],
    schemaErrors: [],
    discardedByProduct: false,
    gateway: {mode: 'local', authToken: copy('config.auth.token', TOK_A), places: {}},
    envBlock: [],
    channels: [],
    mode: 0o600,
    ...overrides,
  }
}

/** A healthy, consistent setup: config token A, unit token A, service running with A. */
export function makeFacts(patch: (f: Facts) => void = () => {}): Facts {
  const f: Facts = {
    paths: {
      home: '/h',
      cwd: '/h',
      stateDir: '/h/.clawdbot',
      configPath: '/h/.clawdbot/clawdbot.json',
      configPathSource: 'default',
      unitName: 'clawdbot-gateway.service',
      unitNameSource: 'default',
      unitDir: '/h/.config/systemd/user',
      unitSearchDirs: ['/h/.config/systemd/user'],
    },
    config: baseConfig(),
    env: {
      shell: [],
      cwdDotenv: {path: '/h/.env', status: 'missing', copies: []},
      stateDirDotenv: {path: '/h/.clawdbot/.env', status: 'missing', copies: []},
      newerNames: [],
    },
    unit: {
      name: 'clawdbot-gateway.service',
      path: '/h/.config/systemd/user/clawdbot-gateway.service',
      status: 'ok',
      dropIns: [],
      envFiles: [],
      token: copy('unit.env', TOK_A),
      port: 18789,
      warnings: [],
    },
    service: {
      unit: 'clawdbot-gateway.service',
      status: 'ok',
      loadState: 'loaded',
      activeState: 'active',
      subState: 'running',
      mainPid: 4242,
      needDaemonReload: false,
      managerToken: copy('service.manager-env', TOK_A),
      processToken: copy('service.process-env', TOK_A),
      processEnvStatus: 'ok',
    },
    port: {port: 18789, portSource: 'unit', status: 'ok', listening: true, listeners: [{pid: 4243, command: 'clawdbot-gateway', belongsToService: true}]},
    devices: {path: '/h/.clawdbot/identity/device-auth.json', present: false, tokenCount: 0},
    alternates: [],
  }
  patch(f)
  return f
}
