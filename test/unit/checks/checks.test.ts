import {describe, expect, it} from 'vitest'

import {readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {CHECKS, runChecks, sectionTitle, type CheckId} from '../../../src/checks/index.js'
import {Secret} from '../../../src/model/secret.js'
import {diagnose} from '../../../src/model/views.js'
import type {Facts} from '../../../src/model/facts.js'
import type {Severity} from '../../../src/model/finding.js'
import type {TokenCopy} from '../../../src/model/copy.js'
import {TOK_A, TOK_B, TOK_C, copy, makeFacts} from '../../helpers/facts.js'

/** The facts of an openclaw 2026.9.6 setup (profile openclaw-current): paths, unit name, token in gateway.systemd.env. */
function openclaw(f: Facts, dirs: string[] = ['.openclaw']): void {
  f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'unit',
    clues: [{source: 'unit', product: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', what: 'openclaw-gateway.service'},
      ...dirs.map((what) => ({source: 'state-dir' as const, product: what === '.openclaw' ? 'openclaw' as const : 'clawdbot' as const, what}))]}
  f.paths = {...f.paths, stateDir: '/h/.openclaw', configPath: '/h/.openclaw/openclaw.json', unitName: 'openclaw-gateway.service'}
  f.unit.name = 'openclaw-gateway.service'
  f.unit.path = '/h/.config/systemd/user/openclaw-gateway.service'
  f.unit.token = undefined
  f.service.managerToken = undefined
  f.service.processToken = undefined
}

/** A copy read under CLAWDBOT_GATEWAY_TOKEN, which openclaw-current ignores. */
function legacy(id: Parameters<typeof copy>[0], value: string, file?: string, line = 7): TokenCopy {
  const c = copy(id, value, {legacyName: {prefix: 'CLAWDBOT_', read: false}})
  c.place = {...c.place, variable: 'CLAWDBOT_GATEWAY_TOKEN', ...(file ? {file, line} : {})}
  return c
}

/** gateway.systemd.env's OPENCLAW_GATEWAY_TOKEN, as the unit's EnvironmentFile= gives it. */
function envFileCopy(value: string): TokenCopy {
  return copy('unit.env', value, {origin: {type: 'env-file'},
    place: {kind: 'env-file', file: '/h/.openclaw/gateway.systemd.env', line: 2, variable: 'OPENCLAW_GATEWAY_TOKEN'}})
}

interface Case {
  name: string
  patch: (f: Facts) => void
  /** Expected severities of this check's findings (empty = passes). */
  expect: Severity[]
  messageMatch?: RegExp
  /** Matched against the fix summaries of the findings. */
  fixMatch?: RegExp
  /** Matched against the fix commands of the findings. */
  commandMatch?: RegExp
}

// Keyed by the closed union of ids: a new check does not compile until it has cases here.
const cases: Record<CheckId, Case[]> = {
  'env.legacy-names': [
    {name: 'clawdbot reads its own names: a CLAWDBOT_ copy without legacyName is no finding', patch: () => {}, expect: []},
    {name: 'early openclaw still reads CLAWDBOT_ (legacyName.read true)', patch: (f) => {
      openclaw(f)
      f.product!.profile = 'openclaw-early'
      f.unit.token = copy('unit.env', TOK_A, {legacyName: {prefix: 'CLAWDBOT_', read: true}})
    }, expect: []},
    {name: 'legacy unit token, config token present: ignored but harmless (warning, with file:line)', patch: (f) => {
      openclaw(f)
      f.config.gateway.authToken = copy('config.auth.token', TOK_A)
      f.unit.token = legacy('unit.env', TOK_A, '/h/.config/systemd/user/openclaw-gateway.service', 12)
    }, expect: ['warning'], messageMatch: /OPENCLAW_\* names\): \/h\/\.config\/systemd\/user\/openclaw-gateway\.service:12 \(CLAWDBOT_GATEWAY_TOKEN/},
    {name: 'legacy unit token and no other token: runtime token (error naming the release text)', patch: (f) => {
      openclaw(f)
      f.config.gateway.authToken = undefined
      f.unit.token = legacy('unit.env', TOK_A, '/h/.config/systemd/user/openclaw-gateway.service', 12)
    }, expect: ['error'], messageMatch: /random runtime token.*Generated a runtime token for this startup/},
    {name: 'legacy name only in <stateDir>/.env; the gateway has no token', patch: (f) => {
      openclaw(f)
      f.config.gateway.authToken = undefined
      f.env.stateDirDotenv = {path: '/h/.openclaw/.env', status: 'ok', copies: [legacy('statedir.dotenv', TOK_B, '/h/.openclaw/.env', 3)]}
    }, expect: ['error'], messageMatch: /\/h\/\.openclaw\/\.env:3/},
    {name: 'legacy name in the shell only, config token present', patch: (f) => {
      openclaw(f)
      f.env.shell = [legacy('shell.env', TOK_B)]
    }, expect: ['warning'], messageMatch: /shell environment/},
  ],
  'state.both-dirs': [
    {name: 'only ~/.openclaw', patch: (f) => openclaw(f, ['.openclaw']), expect: []},
    {name: 'clawdbot with ~/.openclaw beside (clawdbot has no legacy dirs: config.alternate\'s)', patch: (f) => {
      f.product = {name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'unit', clues: [{source: 'state-dir', product: 'openclaw', what: '.openclaw'},
        {source: 'state-dir', product: 'clawdbot', what: '.clawdbot'}]}
    }, expect: []},
    {name: 'both, with OPENCLAW_STATE_DIR elsewhere: the live one and the variable that chose it', patch: (f) => {
      openclaw(f, ['.openclaw', '.clawdbot'])
      f.paths = {...f.paths, stateDir: '/srv/oc', configPath: '/srv/oc/openclaw.json', configPathSource: 'OPENCLAW_STATE_DIR'}
    }, expect: ['warning'], messageMatch: /\/h\/\.openclaw and \/h\/\.clawdbot exist; the live state dir is \/srv\/oc .*because OPENCLAW_STATE_DIR is set/},
    {name: '~/.clawdbot is a symlink to ~/.openclaw (left by a migration): one dir, not two', patch: (f) => {
      openclaw(f, ['.openclaw', '.clawdbot'])
      f.product!.clues.find((c) => c.what === '.clawdbot')!.linkTo = '/h/.openclaw'
    }, expect: []},
    {name: 'both on openclaw 2026.9.6: ~/.openclaw is live, ~/.clawdbot read only while it is missing', patch: (f) => openclaw(f, ['.openclaw', '.clawdbot']),
      expect: ['warning'], messageMatch: /live state dir is \/h\/\.openclaw .*while \$HOME\/\.openclaw does not exist/},
  ],
  'unit.legacy-running': [
    {name: 'no legacy units known to the manager', patch: (f) => { openclaw(f); f.legacyUnits = {status: 'ok', units: []} }, expect: []},
    {name: 'legacy unit loaded but disabled and inactive', patch: (f) => {
      openclaw(f)
      f.legacyUnits = {status: 'ok', units: [{unit: 'clawdbot-gateway.service', loadState: 'loaded', activeState: 'inactive', unitFileState: 'disabled'}]}
    }, expect: []},
    {name: 'legacy clawdbot unit running beside openclaw\'s', patch: (f) => {
      openclaw(f)
      const unit = 'clawdbot-gateway.service'
      f.legacyUnits = {status: 'ok', units: [{unit, loadState: 'loaded', activeState: 'active', unitFileState: 'enabled', mainPid: 77}]}
    }, expect: ['error'], messageMatch: /two gateways, one port/},
    {name: 'legacy moltbot unit enabled, not running', patch: (f) => {
      openclaw(f)
      f.legacyUnits = {status: 'ok', units: [{unit: 'moltbot-gateway.service', loadState: 'loaded', activeState: 'inactive', unitFileState: 'enabled'}]}
    }, expect: ['warning']},
  ],
  'unit.inline-token': [
    {name: 'clawdbot embeds the token by design', patch: () => {}, expect: []},
    {name: 'openclaw 2026.9.6 with the token in gateway.systemd.env', patch: (f) => { openclaw(f); f.unit.token = envFileCopy(TOK_A) }, expect: []},
    {name: 'openclaw 2026.9.6 with Environment=OPENCLAW_GATEWAY_TOKEN in the unit', patch: (f) => {
      openclaw(f)
      f.unit.token = copy('unit.env', TOK_A, {place: {kind: 'unit', file: '/h/.config/systemd/user/openclaw-gateway.service', line: 9,
        variable: 'OPENCLAW_GATEWAY_TOKEN'}})
    }, expect: ['warning'], messageMatch: /openclaw-gateway\.service:9 .*#17223/},
    {name: 'an ignored legacy name in the unit is env.legacy-names\', not this', patch: (f) => {
      openclaw(f)
      f.unit.token = legacy('unit.env', TOK_A, '/h/.config/systemd/user/openclaw-gateway.service', 9)
      f.unit.token.place.kind = 'unit'
    }, expect: []},
  ],
  'token.env-file-vs-config': [
    {name: 'clawdbot has no env file layout', patch: () => {}, expect: []},
    {name: 'gateway.systemd.env agrees with the config', patch: (f) => { openclaw(f); f.unit.token = envFileCopy(TOK_A) }, expect: []},
    {name: 'gateway.systemd.env differs from gateway.auth.token: error with file:line', patch: (f) => {
      openclaw(f)
      f.unit.token = envFileCopy(TOK_B)
      // Tools inside the gateway take gateway.auth.token on this release (the running process has no env token here).
      f.service.processEnvStatus = 'ok'
    }, expect: ['error'], messageMatch: /gateway\.systemd\.env:2 .*holds another gateway token/},
    {name: 'gateway.auth.token is a SecretRef object (2026.9.6): nothing to compare here', patch: (f) => {
      openclaw(f)
      f.config.gateway.authToken = copy('config.auth.token', '{"source":"env"}', {nonString: 'object'})
      f.unit.token = envFileCopy(TOK_B)
      f.service.processEnvStatus = 'ok'
    }, expect: []},
    {name: 'no running process: still this check (the tools of this release take gateway.auth.token first, no party check names the file)',
      patch: (f) => {
        openclaw(f)
        f.unit.token = envFileCopy(TOK_B)
        f.service.processEnvStatus = 'no-process'
      }, expect: ['error']},
  ],
  'config.missing': [
    {name: 'missing with a unit installed', patch: (f) => { f.config.status = 'missing' }, expect: ['error']},
    {name: 'missing, no unit', patch: (f) => { f.config.status = 'missing'; f.unit.status = 'missing' }, expect: ['warning']},
  ],
  'config.unparsable': [
    {
      name: 'parse error with line',
      patch: (f) => {
        f.config.status = 'parse-error'
        f.config.error = {message: 'Unexpected "}" at line 3, column 5.', place: {kind: 'config', file: f.config.path, line: 3, column: 5}}
      },
      expect: ['error'],
      messageMatch: /empty config/,
    },
    {name: 'unreadable', patch: (f) => { f.config.status = 'unreadable' }, expect: ['error']},
    {
      name: 'permission denied: give it back (chmod)',
      patch: (f) => { f.config.status = 'unreadable'; f.config.unreadable = 'EACCES' },
      expect: ['error'],
      fixMatch: /^Give the file back to its owner/,
    },
    {
      // Issue 11: `--config /tmp` is a directory; a chmod is the wrong fix.
      name: '--config names a directory',
      patch: (f) => { f.config.status = 'unreadable'; f.config.unreadable = 'EISDIR'; f.paths.configPathSource = 'flag' },
      expect: ['error'],
      fixMatch: /is a directory, not a config file: point --config at the config file itself/,
    },
  ],
  'config.invalid': [
    {
      name: 'fatal unknown key',
      patch: (f) => {
        f.config.schemaErrors = [{message: 'gateway has unknown key "customBindHost"', place: {kind: 'config'}, fatal: true}]
        f.config.discardedByProduct = true
      },
      expect: ['error'],
      messageMatch: /discards the whole config/,
    },
    {name: 'non-fatal', patch: (f) => { f.config.schemaErrors = [{message: 'x', place: {kind: 'config'}, fatal: false}] }, expect: ['warning']},
  ],
  'config.var-unset': [
    {
      name: 'unset var',
      patch: (f) => { f.config.varErrors = [{variable: 'GW_TOKEN', reason: 'unset', message: 'm', place: {kind: 'config'}}] },
      expect: ['error'],
      messageMatch: /GW_TOKEN/,
    },
  ],
  'config.include': [
    {name: 'cycle', patch: (f) => { f.config.includeErrors = [{message: 'Circular $include', place: {kind: 'config'}}] }, expect: ['error']},
  ],
  'config.legacy-token': [
    {name: 'legacy gateway.token', patch: (f) => { f.config.gateway.legacyToken = copy('config.legacy.token', TOK_A) }, expect: ['warning']},
  ],
  'config.permissions': [
    {name: '0644', patch: (f) => { f.config.mode = 0o644 }, expect: ['warning'], messageMatch: /0644/},
  ],
  'files.permissions': [
    {
      name: 'unit holding the token is 0644',
      patch: (f) => { f.fileModes = [{path: f.unit.token!.place.file!, mode: 0o644, reach: 0o077}] },
      expect: ['warning'],
      messageMatch: /CLAWDBOT_GATEWAY_TOKEN but has mode 0644/,
    },
    {
      name: 'unit is 0600, a token-less drop-in is 0644',
      patch: (f) => { f.fileModes = [
        {path: f.unit.token!.place.file!, mode: 0o600, reach: 0o077},
        {path: `${f.unit.path}.d/x.conf`, mode: 0o644, reach: 0o077},
      ] },
      expect: [],
    },
    {name: 'unit is 0644 in a 0700 home', patch: (f) => { f.fileModes = [{path: f.unit.token!.place.file!, mode: 0o644, reach: 0}] }, expect: []},
    {name: 'unit is 0640 in a 0750 home', patch: (f) => { f.fileModes = [{path: f.unit.token!.place.file!, mode: 0o640, reach: 0o070}] }, expect: ['warning']},
  ],
  'config.mode-remote-gateway': [
    {
      name: 'remote mode with a unit',
      patch: (f) => { f.config.gateway.mode = 'remote'; f.config.gateway.remoteToken = copy('config.remote.token', TOK_A) },
      expect: ['error'],
    },
    {
      name: 'remote mode, but the unit passes --allow-unconfigured',
      patch: (f) => {
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_A)
        f.unit.execStart = {args: ['/usr/bin/node', '/x/entry.js', 'gateway', '--allow-unconfigured', '--port', '18789'], place: {kind: 'unit'}}
        f.unit.allowUnconfigured = true
      },
      expect: [],
    },
  ],
  'config.alternate': [
    {
      name: 'newer openclaw config',
      patch: (f) => { f.alternates = [{path: '/h/.openclaw/openclaw.json', product: 'openclaw', newer: true}] },
      expect: ['warning'],
    },
    {name: 'older moltbot config', patch: (f) => { f.alternates = [{path: '/h/.moltbot/moltbot.json', product: 'moltbot', newer: false}] }, expect: ['info']},
  ],
  'product.mixed': [
    {name: 'one product', patch: (f) => {
      const clue = {source: 'unit', product: 'clawdbot', what: 'clawdbot-gateway.service'} as const
      f.product = {name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'unit', clues: [clue]}
    }, expect: []},
    {name: 'legacy state dir is no disagreement', patch: (f) => {
      f.product = {name: 'openclaw', profile: 'openclaw-current', detectedFrom: 'path', clues: [{source: 'state-dir', product: 'clawdbot', what: '.clawdbot'}]}
    }, expect: []},
    {name: 'openclaw command beside a clawdbot unit', patch: (f) => {
      f.product = {name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'unit', clues: [
        {source: 'unit', product: 'clawdbot', what: 'clawdbot-gateway.service'},
        {source: 'path', product: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', what: '/usr/lib/node_modules/openclaw/openclaw.mjs'},
      ]}
    }, expect: ['warning'], messageMatch: /openclaw command on PATH/},
  ],
  'env.newer-names': [
    {name: 'OPENCLAW_GATEWAY_TOKEN set', patch: (f) => { f.env.newerNames = ['OPENCLAW_GATEWAY_TOKEN'] }, expect: ['info']},
  ],
  'token.auth-missing': [
    {
      name: 'no token anywhere',
      patch: (f) => {
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
      },
      expect: ['warning'],
    },
    {name: 'token only in unit env is fine', patch: (f) => { f.config.gateway.authToken = undefined }, expect: []},
    {
      name: 'openclaw: no token anywhere, so the gateway makes one up that no client holds (error)',
      patch: (f) => {
        f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag', clues: []}
        f.config.gateway.authToken = undefined
        f.unit.token = f.service.processToken = f.service.managerToken = undefined
        f.unit.legacyCopies = [copy('unit.env', TOK_B, {legacyName: {prefix: 'CLAWDBOT_', read: false}})]
      },
      expect: ['error'],
      messageMatch: /openclaw generates a token of its own at start.*Generated a runtime token/,
    },
    {
      name: 'Why: remote-mode machine: no local token is asked for',
      patch: (f) => {
        f.unit.status = 'missing'
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
        f.config.gateway = {mode: 'remote', remoteUrl: 'wss://gw.example.net', remoteToken: copy('config.remote.token', TOK_B), places: {}}
      },
      expect: [],
    },
    {
      name: 'token in a discarded config',
      patch: (f) => { f.config.discardedByProduct = true; f.unit.token = undefined; f.service.processToken = undefined; f.service.managerToken = undefined },
      expect: ['error'],
      messageMatch: /discards the whole config/,
    },
    {
      // `--config /tmp`: config.unparsable says what to fix; a --generate here would be refused by sync-token.
      name: 'config unreadable: no token is asked for',
      patch: (f) => {
        Object.assign(f.config, {status: 'unreadable', unreadable: 'EISDIR', discardedByProduct: true, gateway: {places: {}}})
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
      },
      expect: [],
    },
  ],
  'auth.empty-token-disables': [
    {name: 'empty token, no mode', patch: (f) => { f.config.gateway.authToken = copy('config.auth.token', '') }, expect: ['error'], messageMatch: /OFF/},
    {
      name: 'empty token, mode token',
      patch: (f) => { f.config.gateway.authToken = copy('config.auth.token', ''); f.config.gateway.authMode = 'token' },
      expect: ['error'],
      messageMatch: /refuses to start/,
    },
  ],
  'auth.password-wins': [
    {name: 'password without mode', patch: (f) => { f.config.gateway.authPassword = copy('config.auth.password', 'pw-pw-pw-pw-pw') }, expect: ['warning']},
    {
      name: 'password with explicit token mode',
      patch: (f) => { f.config.gateway.authPassword = copy('config.auth.password', 'pw-pw-pw-pw-pw'); f.config.gateway.authMode = 'token' },
      expect: [],
    },
  ],
  'auth.mode-confusion': [
    {name: 'mode password without password', patch: (f) => { f.config.gateway.authMode = 'password' }, expect: ['error']},
    {
      name: 'mode token, no token anywhere',
      patch: (f) => {
        f.config.gateway.authMode = 'token'
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
      },
      expect: ['error'],
    },
  ],
  'bind.no-auth': [
    {
      name: 'lan without auth',
      patch: (f) => {
        f.config.gateway.bind = 'lan'
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
      },
      expect: ['error'],
    },
    {name: 'lan with token', patch: (f) => { f.config.gateway.bind = 'lan' }, expect: []},
  ],
  'token.whitespace': [
    {
      name: 'config token with trailing space',
      patch: (f) => { f.config.gateway.authToken = copy('config.auth.token', TOK_A + ' ') },
      expect: ['error'],
      messageMatch: /untrimmed/,
    },
    {name: 'shell token with newline', patch: (f) => { f.env.shell = [copy('shell.env', TOK_A + '\n')] }, expect: ['warning']},
  ],
  'token.weak': [
    {name: 'short token', patch: (f) => { f.config.gateway.authToken = copy('config.auth.token', 'changeme') }, expect: ['warning']},
    {name: 'long but repetitive', patch: (f) => { f.config.gateway.authToken = copy('config.auth.token', 'a'.repeat(64)) }, expect: ['warning']},
  ],
  'token.local-cli': [
    {
      name: 'openclaw 2026.9.6: a stale shell OPENCLAW_GATEWAY_TOKEN is no error for the config-first CLI, and the report says why',
      patch: (f) => {
        f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag', clues: []}
        const place = {kind: 'shell-env' as const, variable: 'OPENCLAW_GATEWAY_TOKEN'}
        f.env.shell = [copy('shell.env', TOK_B, {label: '$OPENCLAW_GATEWAY_TOKEN in your shell', place})]
      },
      expect: ['info'],
      messageMatch: /OPENCLAW_GATEWAY_TOKEN in your shell differs .* does not send it: gateway\.auth\.token wins over .* on openclaw 2026\.3\.22\+ \(config fi/,
    },
    {
      name: 'openclaw 2026.3.2 (env-first CLI): the same stale shell token is the 1008 error',
      patch: (f) => {
        f.product = {name: 'openclaw', release: '2026.3.2', profile: 'openclaw-early', detectedFrom: 'flag', clues: []}
        f.env.shell = [copy('shell.env', TOK_B, {place: {kind: 'shell-env', variable: 'OPENCLAW_GATEWAY_TOKEN'}})]
      },
      expect: ['error'],
      messageMatch: /unset OPENCLAW_GATEWAY_TOKEN|1008 token mismatch/,
    },
    {
      name: 'shell differs (local): the shell wins for the CLI',
      patch: (f) => {
        f.env.shell = [copy('shell.env', TOK_B)]
      },
      expect: ['error'],
      // The copy that wins, the copy the server holds, and both reasons.
      messageMatch: /local CLI sends shell\.env but the server expects config\.auth\.token: 1008 token mismatch\. Why: shell\.env wins over gateway\.auth/,
    },
    {
      name: 'shell differs (remote mode): not in play',
      patch: (f) => {
        f.env.shell = [copy('shell.env', TOK_B)]
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_A)
      },
      expect: [],
    },
    {name: 'shell equals once trimmed', patch: (f) => { f.env.shell = [copy('shell.env', TOK_A + '\n')] }, expect: []},
    {name: 'stateDir .env wins and differs', patch: (f) => { f.env.stateDirDotenv.copies = [copy('statedir.dotenv', TOK_C)] }, expect: ['error']},
    {
      name: 'config env block B beside gateway.auth.token A (Why: the env block wins for the CLI)',
      patch: (f) => {
        const place = {kind: 'config' as const, file: '/h/.clawdbot/clawdbot.json', line: 4, key: 'env.CLAWDBOT_GATEWAY_TOKEN'}
        f.config.envBlock = [copy('config.env', TOK_B, {place})]
      },
      expect: ['error'],
      messageMatch: /config\.env/,
    },
    {
      name: 'ExecStart --token differs: the server uses it, the CLI the config',
      patch: (f) => {
        f.unit.execToken = copy('unit.exec-start', TOK_B)
      },
      expect: ['error'],
      messageMatch: /ExecStart/,
    },
    {
      name: 'server without auth accepts anything',
      patch: (f) => {
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
        f.env.shell = [copy('shell.env', TOK_B)]
      },
      expect: [],
    },
  ],
  'token.remote-cli': [
    {
      name: 'remote mode at loopback with a gateway here, differs',
      patch: (f) => {
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'ws://127.0.0.1:18789'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
      },
      expect: ['error'],
      messageMatch: /remote CLI/,
    },
    {
      name: 'remote mode at loopback, no gateway here (an SSH tunnel), the probe of that URL refuses remote.token',
      patch: (f) => {
        f.unit.status = 'missing'
        f.unit.token = undefined
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'ws://127.0.0.1:18789'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
        const b = new Secret(TOK_B)
        f.probe = {status: 'ok', target: 'ws://127.0.0.1:18789', results: [{copies: ['config.remote.token'], length: b.length, sha256: b.fingerprint,
          outcome: 'token-mismatch', ms: 1}]}
      },
      expect: ['error'],
      messageMatch: /refuses it/,
    },
    {
      name: 'remote mode at loopback, no gateway here (an SSH tunnel)',
      patch: (f) => {
        f.unit.status = 'missing'
        f.unit.token = undefined
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'ws://127.0.0.1:18789'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
      },
      expect: [],
    },
    {
      name: 'remote mode at another host, differs',
      patch: (f) => {
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'wss://gw.example.net'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
      },
      expect: [],
    },
    {name: 'local mode: not in play', patch: (f) => { f.config.gateway.remoteToken = copy('config.remote.token', TOK_B) }, expect: []},
  ],
  'token.gateway-tools': [
    {
      name: 'unit env differs (running with it)',
      patch: (f) => {
        f.unit.token = copy('unit.env', TOK_C)
        f.service.managerToken = copy('service.manager-env', TOK_C)
        f.service.processToken = copy('service.process-env', TOK_C)
      },
      expect: ['error'],
      messageMatch: /Tools inside the gateway/,
    },
    {
      name: 'unit env differs, offline',
      patch: (f) => {
        f.unit.token = copy('unit.env', TOK_C)
        f.service = {unit: f.unit.name, status: 'skipped', reason: '--offline'}
      },
      expect: ['error'],
    },
    {name: 'the process still holds an old value: restart', patch: (f) => { f.service.processToken = copy('service.process-env', TOK_B) }, expect: ['error']},
  ],
  'token.client-missing': [
    {
      name: 'Why: token only in the unit: the local CLI sends none',
      patch: (f) => {
        f.config.gateway.authToken = undefined
      },
      expect: ['error'],
      messageMatch: /local CLI sends no token/,
    },
    {
      name: 'remote mode without remote token',
      patch: (f) => {
        f.unit.status = 'missing'
        f.unit.token = undefined
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'wss://gw.example.net'
      },
      expect: ['error'],
      messageMatch: /remote CLI sends no token/,
    },
    {
      name: 'no token anywhere: auth is off, nothing is missing',
      patch: (f) => {
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
      },
      expect: [],
    },
    {
      name: 'only ExecStart --token: CLI and tools send none',
      patch: (f) => {
        f.config.gateway.authToken = undefined
        f.unit.token = undefined
        f.service.processToken = undefined
        f.service.managerToken = undefined
        f.unit.execToken = copy('unit.exec-start', TOK_A)
      },
      expect: ['error', 'error'],
    },
  ],
  'token.auth-vs-remote': [
    {name: 'local mode, differs: info only', patch: (f) => { f.config.gateway.remoteToken = copy('config.remote.token', TOK_B) }, expect: ['info']},
    {
      name: 'remote mode at loopback with a gateway here: token.remote-cli says it',
      patch: (f) => {
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'ws://127.0.0.1:18789'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
      },
      expect: [],
    },
    {
      name: 'remote mode at another host, differs',
      patch: (f) => {
        f.config.gateway.mode = 'remote'
        f.config.gateway.remoteUrl = 'wss://gw.example.net'
        f.config.gateway.remoteToken = copy('config.remote.token', TOK_B)
      },
      expect: ['info'],
    },
    {name: 'equal once trimmed', patch: (f) => { f.config.gateway.remoteToken = copy('config.remote.token', ` ${TOK_A} `) }, expect: []},
  ],
  'token.dotenv-vs-config': [
    {
      name: 'openclaw 2026.9.6: a stale <stateDir>/.env under gateway.auth.token is the fallback trap, named for that release\'s order',
      patch: (f) => {
        f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag', clues: []}
        f.env.stateDirDotenv.copies = [copy('statedir.dotenv', TOK_C)]
      },
      expect: ['warning'],
      messageMatch: /wins as soon as gateway\.auth\.token and the variables above it are unset/,
    },
    {
      name: 'stateDir .env wins for the CLI: token.local-cli says it',
      patch: (f) => {
        f.env.stateDirDotenv.copies = [copy('statedir.dotenv', TOK_C)]
      },
      expect: [],
    },
    {
      name: 'stateDir .env shadowed by shell',
      patch: (f) => {
        f.env.shell = [copy('shell.env', TOK_A)]
        f.env.stateDirDotenv.copies = [copy('statedir.dotenv', TOK_C)]
      },
      expect: ['warning'],
    },
  ],
  'unit.missing': [
    {name: 'no unit', patch: (f) => { f.unit.status = 'missing'; f.unit.token = undefined }, expect: ['warning']},
    {
      name: 'no unit, remote mode',
      patch: (f) => { f.unit.status = 'missing'; f.config.gateway.mode = 'remote'; f.config.gateway.remoteToken = copy('config.remote.token', TOK_A) },
      expect: [],
    },
  ],
  'unit.config-path': [
    {
      name: 'unit points the gateway at another config',
      patch: (f) => {
        f.unit.locations = [{variable: 'CLAWDBOT_CONFIG_PATH', role: 'configPath', value: '/srv/gw.json', place: {kind: 'unit', file: f.unit.path, line: 9}}]
      },
      expect: ['error'],
      messageMatch: /\/srv\/gw\.json/,
    },
    {
      name: 'run with --config: the command to look at the service\'s config names that --config only',
      patch: (f) => {
        f.paths.configPathSource = 'flag'
        f.unit.locations = [{variable: 'CLAWDBOT_CONFIG_PATH', role: 'configPath', value: '/srv/gw.json', place: {kind: 'unit', file: f.unit.path, line: 9}}]
      },
      expect: ['error'],
      commandMatch: /^clawdoc doctor --config \/srv\/gw\.json$/,
    },
    {
      name: 'unit state dir equals ours',
      patch: (f) => { f.unit.locations = [{variable: 'CLAWDBOT_STATE_DIR', role: 'stateDir', value: '~/.clawdbot', place: {kind: 'unit'}}] },
      expect: [],
    },
    {
      name: 'clawdoc reads a profile config, the unit uses the default',
      patch: (f) => { f.paths.configPath = '/h/.clawdbot-work/clawdbot.json' },
      expect: ['error'],
    },
    {
      name: 'specifiers are not guessed',
      patch: (f) => { f.unit.locations = [{variable: 'CLAWDBOT_STATE_DIR', role: 'stateDir', value: '%h/.clawdbot-x', place: {kind: 'unit'}}] },
      expect: [],
    },
  ],
  'unit.syntax': [
    {
      name: 'an unbalanced quote in the unit',
      patch: (f) => { f.unit.warnings = [{
        message: 'Unbalanced quote: systemd ignores the rest of this line.',
        place: {kind: 'unit', file: f.unit.path, line: 7},
      }] },
      expect: ['warning'],
      messageMatch: /Unbalanced/,
    },
    {
      name: 'an unreadable .env',
      patch: (f) => { f.env.stateDirDotenv = {
        path: '/h/.clawdbot/.env',
        status: 'unreadable',
        copies: [],
        error: {message: 'Cannot read .env (EACCES).', place: {kind: 'dotenv', file: '/h/.clawdbot/.env'}},
      } },
      expect: ['warning'],
    },
    {
      name: 'hundreds of problems are capped',
      patch: (f) => { f.unit.warnings = Array.from({length: 25}, (_, i) => ({message: `w${i}`, place: {kind: 'unit' as const, line: i + 1}})) },
      expect: [...Array(20).fill('warning'), 'info'],
    },
  ],
  'unit.needs-daemon-reload': [
    {name: 'NeedDaemonReload=yes', patch: (f) => { f.service.needDaemonReload = true }, expect: ['warning']},
  ],
  'token.service-stale': [
    {
      name: 'manager env stale',
      patch: (f) => { f.unit.token = copy('unit.env', TOK_B); f.config.gateway.authToken = copy('config.auth.token', TOK_B) },
      expect: ['error'],
      messageMatch: /daemon-reload/,
    },
    {name: 'process env stale', patch: (f) => { f.service.processToken = copy('service.process-env', TOK_B) }, expect: ['error'], messageMatch: /restart/},
    {
      name: 'env-file token vs process',
      patch: (f) => { f.unit.token = copy('unit.env', TOK_A, {origin: {type: 'env-file'}}); f.service.managerToken = undefined },
      expect: [],
    },
  ],
  'service.no-bus': [
    {
      name: 'no bus',
      patch: (f) => { f.service = {unit: f.unit.name, status: 'no-bus', reason: 'XDG_RUNTIME_DIR is not set', hint: 'loginctl enable-linger'} },
      expect: ['warning'],
    },
    {
      name: 'no bus on a remote-mode machine without a gateway unit (a client only)',
      patch: (f) => {
        f.service = {unit: f.unit.name, status: 'no-bus', reason: 'XDG_RUNTIME_DIR is not set'}
        f.unit.status = 'missing'
        f.config.gateway = {mode: 'remote', remoteUrl: 'wss://gw.example.net', remoteToken: copy('config.remote.token', TOK_B), places: {}}
      },
      expect: [],
    },
  ],
  'service.not-active': [
    {name: 'failed', patch: (f) => { f.service.activeState = 'failed' }, expect: ['error']},
    {
      name: 'inactive',
      patch: (f) => { f.service.activeState = 'inactive'; f.service.processEnvStatus = 'no-process'; f.service.processToken = undefined },
      expect: ['warning'],
    },
  ],
  'port.stray-process': [
    {
      name: 'stray listener',
      patch: (f) => { f.port.listeners = [{pid: 999, command: 'node /x/entry.js gateway', belongsToService: false}] },
      expect: ['error'],
      messageMatch: /pid 999/,
    },
  ],
  'token.device-masks': [
    {
      name: 'device tokens and a mismatch',
      patch: (f) => { f.devices = {path: '/x', present: true, tokenCount: 2}; f.env.shell = [copy('shell.env', TOK_B)] },
      expect: ['warning'],
    },
    {name: 'device tokens, all fine', patch: (f) => { f.devices = {path: '/x', present: true, tokenCount: 1} }, expect: ['info']},
  ],
  'channel.dingtalk': [
    {
      name: 'no credentials',
      patch: (f) => { f.config.channels = [{id: 'dingtalk', place: {kind: 'config'}, keys: ['enabled'], tokens: []}] },
      expect: ['error'],
      messageMatch: /neither appKey\/appSecret nor clientId\/clientSecret/,
    },
    {
      // Issue 11: only clientSecret is missing, so only clientSecret is named (not both pairs).
      name: 'clientId without clientSecret',
      patch: (f) => { f.config.channels = [{id: 'dingtalk', place: {kind: 'config'}, keys: ['enabled', 'clientId'], tokens: []}] },
      expect: ['error'],
      messageMatch: /^channels\.dingtalk has clientId but no clientSecret: the channel cannot log in\.$/,
    },
    {
      name: 'credentials + matching bridge token',
      patch: (f) => { f.config.channels = [{
        id: 'dingtalk',
        enabled: true,
        place: {kind: 'config'},
        keys: ['clientId', 'clientSecret'],
        tokens: [copy('config.auth.token', TOK_A, {label: 'channels.dingtalk.gatewayToken'})],
      }] },
      expect: [],
    },
    {
      name: 'bridge token differs while the config is discarded',
      patch: (f) => {
        f.config.discardedByProduct = true
        f.unit.token = undefined
        f.service.processToken = undefined
        f.config.channels = [{
          id: 'dingtalk',
          place: {kind: 'config'},
          keys: ['appKey', 'appSecret'],
          tokens: [copy('config.auth.token', TOK_B, {label: 'channels.dingtalk.gatewayToken'})],
        }]
      },
      expect: ['error'],
    },
    {
      name: 'bridge token differs',
      patch: (f) => { f.config.channels = [{
        id: 'dingtalk',
        place: {kind: 'config'},
        keys: ['appKey', 'appSecret'],
        tokens: [copy('config.auth.token', TOK_B, {label: 'channels.dingtalk.gatewayToken'})],
      }] },
      expect: ['error'],
    },
  ],
  'probe.result': [
    {name: 'auth off', patch: (f) => { f.probe = {status: 'ok', target: 'ws://127.0.0.1:18789', authOff: true, results: []} }, expect: ['error']},
    {
      name: 'nothing accepted',
      patch: (f) => { f.probe = {
        status: 'ok',
        target: 'ws://127.0.0.1:18789',
        results: [{copies: ['config.auth.token'], length: 48, sha256: new Secret(TOK_A).fingerprint, outcome: 'token-mismatch', ms: 3}],
      } },
      expect: ['error'],
    },
    {
      name: 'local CLI value rejected although the files agree',
      patch: (f) => {
        f.unit.token = copy('unit.env', TOK_B)
        f.service.processToken = copy('service.process-env', TOK_B)
        f.config.gateway.authToken = copy('config.auth.token', TOK_B)
        f.env.shell = [copy('shell.env', TOK_B)]
        f.probe = {status: 'ok', target: 't', results: [
          {copies: ['service.manager-env'], length: 48, sha256: new Secret(TOK_A).fingerprint, outcome: 'accepted', ms: 3},
          {copies: ['shell.env'], length: 48, sha256: new Secret(TOK_B).fingerprint, outcome: 'token-mismatch', ms: 3},
        ]}
      },
      expect: ['error'],
      messageMatch: /rejects the token the local CLI sends/,
    },
    {
      name: 'local CLI mismatch the model sees: token.local-cli says it, not twice',
      patch: (f) => {
        f.env.shell = [copy('shell.env', TOK_B)]
        f.probe = {status: 'ok', target: 't', results: [
          {copies: ['config.auth.token'], length: 48, sha256: new Secret(TOK_A).fingerprint, outcome: 'accepted', ms: 3},
          {copies: ['shell.env'], length: 48, sha256: new Secret(TOK_B).fingerprint, outcome: 'token-mismatch', ms: 3},
        ]}
      },
      expect: [],
    },
  ],
}

describe('every check', () => {
  it('has cases here, at least one of which finds something (the healthy setup below is the negative case)', () => {
    expect(Object.keys(cases).sort()).toEqual(CHECKS.map((c) => c.id).sort())
    for (const c of CHECKS) expect(cases[c.id].some((x) => x.expect.length > 0), c.id).toBe(true)
  })

  it('lives in its own file, named after its id', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'checks')
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'util.ts')
    expect(files.sort()).toEqual(CHECKS.map((c) => `${c.id.replace('.', '-')}.ts`).sort())
  })

  it('lists each report section as one run, so the human report prints each heading once', () => {
    const runs = CHECKS.map((c) => sectionTitle(c.id)).filter((s, i, a) => i === 0 || s !== a[i - 1])
    expect(new Set(runs).size).toBe(runs.length)
  })


  it('passes on a healthy, consistent setup', () => {
    const results = runChecks(diagnose(makeFacts((f) => {
      f.probe = {
        status: 'ok',
        target: 'ws://127.0.0.1:18789',
        results: [{copies: ['config.auth.token'], length: 48, sha256: new Secret(TOK_A).fingerprint, outcome: 'accepted', ms: 2}],
      }
    })))
    expect(results.filter((r) => r.status !== 'pass').map((r) => [r.id, r.findings.map((f) => f.message)])).toEqual([])
  })

  it('skips, never passes, the checks whose facts were not gathered', () => {
    const offline = runChecks(diagnose(makeFacts((f) => {
      f.service = {unit: f.unit.name, status: 'skipped', reason: '--offline'}
      f.port = {...f.port, status: 'skipped', reason: '--offline', listeners: []}
    })))
    const skipped = offline.filter((r) => r.status === 'skipped').map((r) => r.id).sort()
    expect(skipped).toEqual(['port.stray-process', 'probe.result', 'service.no-bus', 'service.not-active', 'token.service-stale', 'unit.legacy-running',
      'unit.needs-daemon-reload'])
    expect(offline.find((r) => r.id === 'service.no-bus')!.skipReason).toBe('not checked: --offline')
    const noBus = runChecks(diagnose(makeFacts((f) => { f.service = {unit: f.unit.name, status: 'no-bus', reason: 'no XDG_RUNTIME_DIR'} })))
    expect(noBus.find((r) => r.id === 'service.no-bus')!.status).toBe('warning')
    expect(noBus.find((r) => r.id === 'token.service-stale')!.status).toBe('skipped')
  })

  for (const [id, list] of Object.entries(cases) as [CheckId, Case[]][]) {
    describe(id, () => {
      for (const c of list) {
        it(c.name, () => {
          const facts = makeFacts(c.patch)
          const result = runChecks(diagnose(facts), {only: [id]}).find((r) => r.id === id)!
          expect(result.findings.map((f) => f.severity)).toEqual(c.expect)
          if (c.messageMatch) expect(result.findings.map((f) => f.message).join(' ')).toMatch(c.messageMatch)
          if (c.fixMatch) expect(result.findings.map((f) => f.fix?.summary ?? '').join(' ')).toMatch(c.fixMatch)
          if (c.commandMatch) expect(result.findings.map((f) => f.fix?.command ?? '').join(' ')).toMatch(c.commandMatch)
          for (const f of result.findings) {
            expect(f.check).toBe(id)
            // one sentence-ish, no secret values
            for (const tok of [TOK_A, TOK_B, TOK_C]) expect(JSON.stringify(f)).not.toContain(tok)
          }
        })
      }
    })
  }
})

describe('runChecks', () => {
  it('skips what --skip names and keeps going when a check crashes', () => {
    const facts = makeFacts((f) => {
      // a broken fact makes some checks throw; they must turn into findings
      ;(f as {config: unknown}).config = {...f.config, gateway: null}
    })
    const results = runChecks(diagnose(facts), {skip: ['config.missing']})
    expect(results.find((r) => r.id === 'config.missing')!.status).toBe('skipped')
    const crashed = results.filter((r) => r.findings.some((x) => /check itself failed/.test(x.message)))
    expect(crashed.length).toBeGreaterThan(0)
    expect(results).toHaveLength(CHECKS.length)
  })
})

describe('token.env-file-vs-config and the party checks', () => {
  it('a gateway.systemd.env mismatch is said once: the release\'s tools take gateway.auth.token first, so token.gateway-tools is silent', () => {
    const facts = makeFacts((f) => {
      openclaw(f)
      f.unit.token = envFileCopy(TOK_B)
      f.service.processEnvStatus = 'no-process'
    })
    const results = runChecks(diagnose(facts), {only: ['token.gateway-tools', 'token.env-file-vs-config']})
    expect(results.filter((r) => r.findings.length > 0).map((r) => [r.id, r.findings.map((f) => [f.severity, f.copies])])).toEqual([
      ['token.env-file-vs-config', [['error', ['unit.env', 'config.auth.token']]]],
    ])
  })

  it('the same mismatch, when no party check names it, is token.env-file-vs-config\'s error', () => {
    const facts = makeFacts((f) => {
      openclaw(f)
      f.unit.token = envFileCopy(TOK_B)
      f.service.processEnvStatus = 'ok'
    })
    const results = runChecks(diagnose(facts), {only: ['token.gateway-tools', 'token.local-cli', 'token.env-file-vs-config']})
    expect(results.filter((r) => r.findings.length > 0).map((r) => r.id)).toEqual(['token.env-file-vs-config'])
  })
})

describe('config.invalid without a schema of the release', () => {
  it('is skipped with the reason, never shown as passed, and an invalid-looking key is not judged', () => {
    const facts = makeFacts((f) => {
      f.config.schemaUnchecked = 'no config schema of this release is known to clawdoc'
    })
    const r = runChecks(diagnose(facts), {only: ['config.invalid']}).find((c) => c.id === 'config.invalid')!
    expect(r.status).toBe('skipped')
    expect(r.skipReason).toBe('not checked: no config schema of this release is known to clawdoc')
    const checked = runChecks(diagnose(makeFacts()), {only: ['config.invalid']}).find((c) => c.id === 'config.invalid')!
    expect(checked.status).toBe('pass')
  })
})
