// Every hostile case, by family. See corpus.ts for the case shape.
import {CFG, DOTENV, TOK_A, TOK_B, UNIT, json5Config, productConfig, productUnit, randomBytes, setups, truncations, type HostileCase} from './corpus.js'

const {fifo, link} = setups
const unparsable = {check: 'config.unparsable', place: {file: CFG, line: 'any' as const}}
/** sync-token with the default choice on a config whose token is broken/absent: refused, exit 2. */
const syncRefused = {exit: [2]}

function configCases(): HostileCase[] {
  const out: HostileCase[] = []
  const add = (family: string, name: string, cfg: string | Buffer, extra: Partial<HostileCase> = {}) =>
    out.push({family, name, files: {[CFG]: cfg}, ...extra})

  for (const {at, text} of truncations(productConfig(), 30)) add(
    'config-truncated',
    `product JSON cut at byte ${at}`,
    text,
    {doctor: unparsable, sync: at % 4 === 0 ? syncRefused : undefined},
  )
  for (const {at, text} of truncations(json5Config(), 20)) if (at > 0) add('config-truncated', `JSON5 cut at byte ${at}`, text, {doctor: unparsable})
  for (let seed = 1; seed <= 12; seed++) add(
    'config-binary',
    `random bytes #${seed}`,
    randomBytes(seed, 7 * seed ** 2),
    {sync: seed % 3 === 0 ? syncRefused : undefined},
  )
  add('config-binary', 'NUL bytes only', Buffer.alloc(64))
  add('config-binary', 'gzip header', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]))
  add('config-binary', 'ELF header', Buffer.concat([Buffer.from('\x7fELF'), randomBytes(99, 200)]))
  add(
    'config-binary',
    'invalid UTF-8 inside the token string',
    Buffer.concat([Buffer.from('{"gateway":{"auth":{"token":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}}')]),
  )

  const bom = '\ufeff'
  add('config-encoding', 'BOM + product JSON', bom + productConfig(), {doctor: {authTokenLine: 8}})
  add('config-encoding', 'BOM + JSON5', bom + json5Config(), {doctor: {authTokenLine: 5}})
  add('config-encoding', 'two BOMs', bom + bom + productConfig(), {doctor: {authTokenLine: 8}})
  add('config-encoding', 'UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(productConfig(), 'utf16le')]), {doctor: unparsable})
  add(
    'config-encoding',
    'UTF-16BE with BOM',
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(productConfig(), 'utf16le').swap16()]),
    {doctor: unparsable},
  )
  add('config-encoding', 'CRLF', productConfig().replaceAll('\n', '\r\n'), {doctor: {authTokenLine: 8}, sync: {exit: [0]}})
  // Lines are counted on LF only, as json5 counts them in its syntax errors (lineColumn in
  // config-locate.ts): a lone CR or U+2028 does not start a new line, unlike in most editors.
  add('config-encoding', 'lone CR line ends (JSON5)', json5Config().replaceAll('\n', '\r'), {doctor: {authTokenLine: 1}})
  add('config-encoding', 'U+2028 line separators (JSON5)', json5Config().replaceAll('\n', '\u2028'), {doctor: {authTokenLine: 1}})
  add('config-encoding', 'mixed LF/CRLF/CR', '{\r\n"gateway":\r{"auth":\n{"token":"' + TOK_A + '"}}}', {doctor: {authTokenLine: 3}})
  add('config-encoding', 'NUL after the object', productConfig() + '\0', {doctor: unparsable})
  add('config-encoding', 'trailing garbage after the object', productConfig() + '}}', {doctor: unparsable})
  add(
    'config-encoding',
    'raw control char in a string',
    '{"gateway":{"auth":{"token":"a\u0001b"}}}',
    {sync: {exit: [0]}},
  ) // adopted: the config holds it and no other file needs it
  add('config-encoding', 'unterminated block comment', '/* no end\n{}', {doctor: unparsable})
  add('config-encoding', 'unterminated string', '{"gateway": {"auth": {"token": "abc\n}}}', {doctor: {check: 'config.unparsable', place: {file: CFG, line: 1}}})

  const pad = (n: number) => 'x'.repeat(n)
  add('config-size', '10 MB JSON5 comment before a valid config', `// ${pad(10 * 2 ** 20)}\n` + json5Config(), {doctor: {authTokenLine: 6}})
  add(
    'config-size',
    '10 MB of env.vars (plain JSON)',
    JSON.stringify({gateway: {auth: {token: TOK_A}}, env: {vars: Object.fromEntries(Array.from({length: 100_000}, (_, i) => [`V${i}`, pad(90)]))}}),
  )
  add('config-size', '1 MB token value', productConfig(pad(2 ** 20)), {sync: {exit: [0, 2]}})
  add('config-size', '100 000 unknown keys', JSON.stringify(Object.fromEntries(Array.from({length: 100_000}, (_, i) => [`k${i}`, i]))))
  add('config-size', '1 MB single line of whitespace', ' '.repeat(2 ** 20) + '{}')

  const nest = (n: number, open = '{"a":', close = '}') => open.repeat(n) + '1' + close.repeat(n)
  add('config-nesting', '10 000 nested objects', nest(10_000), {doctor: unparsable})
  add('config-nesting', '10 000 nested arrays', nest(10_000, '[', ']'), {doctor: unparsable})
  add('config-nesting', '10 000 nested JSON5 objects', nest(10_000, '{a:'), {doctor: unparsable})
  add('config-nesting', '200 levels (the limit)', nest(200), {doctor: {check: 'config.invalid'}})
  add('config-nesting', '201 levels', nest(201), {doctor: unparsable})
  add('config-nesting', 'gateway.auth nested in 150 arrays', `{"gateway":{"auth":{"token":${nest(150, '[', ']')}}}}`, {sync: syncRefused})

  const dup = '{\n  "gateway": {"auth": {"token": "' + TOK_B + '"}},\n  "gateway": {\n    "auth": {"token": "' + TOK_A + '"}\n  }\n}\n'
  add('config-duplicates', 'gateway given twice (the last wins)', dup, {doctor: {authTokenLine: 4}, sync: {exit: [0]}})
  add('config-duplicates', 'auth.token given twice on one line', `{gateway: {auth: {token: '${TOK_B}', token: '${TOK_A}'}}}`, {doctor: {authTokenLine: 1}})
  add('config-duplicates', 'token key differing in case', `{"gateway":{"auth":{"Token":"${TOK_B}","token":"${TOK_A}"}}}`, {doctor: {check: 'config.invalid'}})
  add('config-duplicates', 'escaped key equal to "token"', `{"gateway":{"auth":{"\\u0074oken":"${TOK_A}"}}}`, {doctor: {authTokenLine: 1}})

  const values: [string, unknown][] = [
    ['a newline escape', `${TOK_A}\n`], ['an embedded newline', `${TOK_A}\nEnvironment=X=1`], ['a double quote', `${TOK_A}"`],
    ['a single quote', `${TOK_A}'`], ['a dollar', `${TOK_A}$HOME`], ['a backslash', `${TOK_A}\\`], ['a space', `${TOK_A} x`],
    ['surrounding spaces', ` ${TOK_A} `], ['non-ASCII', `${TOK_A}é`], ['an emoji', `${TOK_A}🔑`], ['a lone surrogate', `${TOK_A}\ud800`],
    ['a NUL', `${TOK_A}\u0000`], ['a percent', `${TOK_A}%h`], ['a hash', `${TOK_A}#x`], ['an unset ${VAR}', '${CLAWDOC_UNSET_VAR}'],
    ['a lower-case ${var} (literal)', '${not_a_var}zzzzzzzzzzzzzzzzzz'], ['$${VAR} (escaped)', '$${HOME}zzzzzzzzzzzzzzzz'],
    ['a number', 123456789012345680000], ['null', null], ['an object', {a: 1}], ['an array', [TOK_A]], ['true', true], ['an empty string', ''],
    ['JSON break-out text', `${TOK_A}","mode":"none`], ['a short value', 'short'],
  ]
  // Outer whitespace is trimmed from a copied server token (clients trim, the server does not): those sync.
  // Issue 11: the token already in use is adopted whatever its characters or length; only what no
  // file can hold (NUL, a lone surrogate) and what is not a token at all are refused.
  const refused = new Set(['a lone surrogate', 'a NUL', 'an unset ${VAR}', 'a number', 'null', 'an object', 'an array', 'true', 'an empty string'])
  for (const [what, v] of values) add('config-token', `auth.token with ${what}`, productConfig(v), {sync: refused.has(what) ? syncRefused : {exit: [0]}})
  return out
}

function includeCases(): HostileCase[] {
  const out: HostileCase[] = []
  const inc = (name: string, spec: unknown, files: Record<string, string> = {}, extra: Partial<HostileCase> = {}) =>
    out.push({family: 'config-include', name, files: {[CFG]: JSON.stringify({$include: spec}), ...files}, doctor: {check: 'config.include'}, ...extra})
  inc('self include', './clawdbot.json')
  inc('two-file cycle', './a.json', {'.clawdbot/a.json': '{"$include": "./clawdbot.json"}'})
  inc('three-file cycle', './a.json', {'.clawdbot/a.json': '{"$include": "./b.json"}', '.clawdbot/b.json': '{"$include": ["./a.json"]}'})
  const chain: Record<string, string> = {}
  for (let i = 0; i < 11; i++) chain[`.clawdbot/c${i}.json`] = i === 10 ? '{}' : `{"$include": "./c${i + 1}.json"}`
  inc('11 nested includes (limit 10)', './c0.json', chain)
  inc('missing file', './nope.json')
  inc('escaping the config dir: ../../etc/passwd', '../../../../../../etc/passwd')
  inc('absolute /etc/passwd', '/etc/passwd')
  inc('absolute /dev/zero (endless)', '/dev/zero')
  inc('/dev/null (empty)', '/dev/null')
  inc('a directory', '/etc')
  inc('a FIFO (would block)', './fifo', {}, {setup: fifo('.clawdbot/fifo')})
  inc('a symlink loop', './loop.json', {}, {setup: link('.clawdbot/loop.json', 'loop.json')})
  inc('array with a number', ['./a.json', 5], {'.clawdbot/a.json': '{}'})
  inc('a number', 42)
  inc('an object', {path: './a.json'})
  inc('an empty string', '')
  inc('10 000-deep file', './deep.json', {'.clawdbot/deep.json': '['.repeat(10_000) + ']'.repeat(10_000)})
  inc('binary file', './bin.json', {'.clawdbot/bin.json': randomBytes(7, 300).toString('latin1')})
  inc(
    'sibling keys with an array include',
    './arr.json',
    {'.clawdbot/arr.json': '[1,2]'},
    {files: {[CFG]: '{"$include": "./arr.json", "gateway": {}}', '.clawdbot/arr.json': '[1,2]'}},
  )
  // Outside HOME (the product follows absolute paths): the token lives in a file clawdoc did not expect.
  out.push({
    family: 'config-include',
    name: 'token in an absolute include outside the state dir',
    files: {[CFG]: '{"$include": "../../outside/secret.json"}', '../outside/secret.json': productConfig()},
    doctor: {place: {file: '../outside/secret.json', line: 8}},
    sync: {exit: [0]},
  })
  return out
}

function fsCases(): HostileCase[] {
  const c = (
    name: string,
    files: Record<string,
    string>,
    setup: HostileCase['setup'],
    doctor: HostileCase['doctor'] = {},
    env?: Record<string,
    string>,
  ): HostileCase => ({family: 'filesystem', name, files, setup, doctor, env, sync: {exit: [0, 2]}})
  return [
    c('config symlink loop', {}, link(CFG, 'clawdbot.json'), {check: 'config.unparsable'}),
    c('config symlink to nowhere', {}, link(CFG, 'gone.json'), {check: 'config.missing'}),
    c('state dir symlink loop', {}, link('.clawdbot', '.clawdbot')),
    c('config is a directory', {[`${CFG}/x`]: '{}'}, undefined, {check: 'config.unparsable'}),
    c('config is a FIFO', {}, fifo(CFG), {check: 'config.unparsable'}),
    c('CLAWDBOT_CONFIG_PATH=/dev/zero', {}, undefined, {check: 'config.unparsable'}, {CLAWDBOT_CONFIG_PATH: '/dev/zero'}),
    c('CLAWDBOT_CONFIG_PATH=/dev/null', {}, undefined, {}, {CLAWDBOT_CONFIG_PATH: '/dev/null'}),
    c('CLAWDBOT_CONFIG_PATH relative with ..', {'x.json': productConfig()}, undefined, {}, {CLAWDBOT_CONFIG_PATH: '../../x.json'}),
    c('CLAWDBOT_STATE_DIR with a NUL-free odd name', {'we ird\ndir/clawdbot.json': productConfig()}, undefined, {}, {CLAWDBOT_STATE_DIR: '~/we ird\ndir'}),
    c('unit symlink loop', {[CFG]: productConfig()}, link(UNIT, 'clawdbot-gateway.service')),
    c('unit is a FIFO', {[CFG]: productConfig()}, fifo(UNIT)),
    c('unit is a directory', {[CFG]: productConfig(), [`${UNIT}/x`]: ''}, undefined),
    c('unit masked (-> /dev/null)', {[CFG]: productConfig()}, link(UNIT, '/dev/null')),
    c('drop-in dir is a symlink loop', {[CFG]: productConfig(), [UNIT]: productUnit()}, link(`${UNIT}.d`, 'clawdbot-gateway.service.d')),
    c('drop-in .conf is a FIFO', {[CFG]: productConfig(), [UNIT]: productUnit()}, fifo(`${UNIT}.d/override.conf`)),
    c('drop-in .conf is a directory', {[CFG]: productConfig(), [UNIT]: productUnit(), [`${UNIT}.d/x.conf/y`]: ''}, undefined),
    c('.env is a FIFO', {[CFG]: productConfig()}, fifo(DOTENV)),
    c('.env symlink loop', {[CFG]: productConfig()}, link(DOTENV, '.env')),
    c('device-auth.json is a FIFO', {[CFG]: productConfig()}, fifo('.clawdbot/identity/device-auth.json')),
    c('EnvironmentFile= is a FIFO', {[CFG]: productConfig(), [UNIT]: productUnit('EnvironmentFile=%h/envfifo')}, fifo('envfifo')),
    c('EnvironmentFile=/dev/zero', {[CFG]: productConfig(), [UNIT]: productUnit('EnvironmentFile=/dev/zero')}, undefined),
    c('EnvironmentFile= symlink loop', {[CFG]: productConfig(), [UNIT]: productUnit('EnvironmentFile=-%h/loop')}, link('loop', 'loop')),
  ]
}

export function allCases(): HostileCase[] {
  return [...configCases(), ...includeCases(), ...fsCases()]
}
