// Hostile unit files, .env files, sync-token values and flags.
import {CFG, DOTENV, TOK_A, TOK_B, UNIT, productConfig, productUnit, randomBytes, truncations, type HostileCase} from './corpus.js'

const V = 'CLAWDBOT_GATEWAY_TOKEN'

export function unitCases(): HostileCase[] {
  const out: HostileCase[] = []
  const unit = (name: string, text: string | Buffer, extra: Partial<HostileCase> = {}) =>
    out.push({family: 'unit', name, files: {[CFG]: productConfig(), [UNIT]: text}, sync: {exit: [0, 2]}, ...extra})
  const env = (name: string, line: string) => unit(name, productUnit(line))

  env('continuation backslash at EOF', `Environment=${V}=${TOK_A} \\`)
  unit('continuation at EOF, no newline', productUnit().trimEnd() + '\nEnvironment=A=1 \\')
  env('unbalanced double quote', `Environment="${V}=${TOK_A}`)
  env('unbalanced single quote', `Environment='${V}=${TOK_A}`)
  env('quote in the middle of a word', `Environment=${V}=ab"cd${TOK_A}`)
  env('specifier %h', `Environment=${V}=%h${TOK_A}`)
  env('specifier %%', `Environment=${V}=%%${TOK_A}`)
  env('unknown specifier %Z', `Environment=${V}=%Z${TOK_A}`)
  env('trailing lone %', `Environment=${V}=${TOK_A}%`)
  env('C escape \\x41', `Environment="${V}=\\x41${TOK_A}"`)
  env('bad escape \\q', `Environment="${V}=\\q${TOK_A}"`)
  env('escaped newline \\n in quotes', `Environment="${V}=${TOK_A}\\nExecStart=/bin/sh"`)
  env('token with spaces, quoted', `Environment="${V}=${TOK_A} ${TOK_B}"`)
  env('token with spaces, unquoted (systemd splits)', `Environment=${V}=${TOK_A} ${TOK_B}`)
  env('two assignments of the token on one line', `Environment=${V}=${TOK_A} ${V}=${TOK_B}`)
  env('empty value', `Environment=${V}=`)
  env('no "=" in the assignment', `Environment=${V}`)
  env('key with spaces', `Environment = ${V} = ${TOK_A}`)
  env('non-ASCII value', `Environment=${V}=${TOK_A}é`)
  env('10 000 assignments on one line', `Environment=${Array.from({length: 10_000}, (_, i) => `V${i}=x`).join(' ')} ${V}=${TOK_A}`)
  env('1 MB line', `Environment=${V}=${'y'.repeat(2 ** 20)}`)
  env('ExecStart with --port garbage', 'ExecStart=/usr/bin/node x gateway --port 99999999999')
  env('ExecStart with --port=-1', 'ExecStart=/usr/bin/node x gateway --port=-1')
  env('ExecStart with --port %i', 'ExecStart=/usr/bin/node x gateway --port %i')
  env('ExecStart with --token and a quote', `ExecStart=/usr/bin/node x gateway --token "${TOK_B}`)
  env('ExecStart empty (reset)', 'ExecStart=')
  env('EnvironmentFile= outside HOME', 'EnvironmentFile=/etc/passwd')
  env('EnvironmentFile= with ../ escape', 'EnvironmentFile=%h/../../../../etc/hostname')
  env('EnvironmentFile= relative (invalid)', 'EnvironmentFile=rel/env')
  env('UnsetEnvironment of the token', `UnsetEnvironment=${V}`)
  unit('NUL byte in the token line', productUnit(`Environment=${V}=${TOK_A}\0Environment=${V}=${TOK_B}`))
  unit('CRLF line ends', productUnit().replaceAll('\n', '\r\n'), {doctor: {place: {file: UNIT, line: 7}}})
  unit('lone CR line ends', productUnit().replaceAll('\n', '\r'), {doctor: {place: {file: UNIT, line: 7}}})
  unit('BOM', '\ufeff' + productUnit(), {doctor: {place: {file: UNIT, line: 7}}})
  unit(
    'invalid UTF-8 in the token',
    Buffer.concat([Buffer.from(productUnit(`Environment=${V}=`).split('\n').slice(0, 7).join('\n')), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\n')]),
  )
  unit('no [Service] section', productUnit().replace('[Service]', ''))
  unit('broken section header', productUnit().replace('[Service]', '[Service'))
  unit('assignments before any section', `${V}=${TOK_A}\n` + productUnit())
  unit('empty file', '')
  unit('only comments', '# a\n; b\n')
  for (let seed = 100; seed < 108; seed++) unit(`random bytes #${seed}`, randomBytes(seed, 50 * (seed - 99)))
  for (const {at, text} of truncations(productUnit(), 16)) unit(`product unit cut at byte ${at}`, text)
  // Drop-ins and env files.
  const withDropIn = (name: string, conf: string) =>
    out.push({family: 'unit', name, files: {[CFG]: productConfig(), [UNIT]: productUnit(), [`${UNIT}.d/override.conf`]: conf}, sync: {exit: [0, 2]}})
  withDropIn('drop-in resets Environment=', '[Service]\nEnvironment=\n')
  withDropIn('drop-in with an unbalanced quote', `[Service]\nEnvironment="${V}=${TOK_B}\n`)
  withDropIn('drop-in binary', randomBytes(55, 400).toString('latin1'))
  const withEnvFile = (name: string, text: string) =>
    out.push({family: 'unit', name, files: {[CFG]: productConfig(), [UNIT]: productUnit('EnvironmentFile=%h/gw.env'), 'gw.env': text}, sync: {exit: [0, 2]}})
  withEnvFile('env file: unterminated quote', `${V}="${TOK_A}\n`)
  withEnvFile('env file: continuation at EOF', `${V}=${TOK_A}\\`)
  withEnvFile('env file: export prefix', `export ${V}=${TOK_A}\n`)
  withEnvFile('env file: NUL bytes', `${V}=${TOK_A}\0\n`)
  withEnvFile('env file: CRLF', `A=1\r\n${V}=${TOK_A}\r\n`)
  withEnvFile('env file: value with $ and backslash', `${V}='${TOK_A}$x\\y'\n`)
  return out
}

export function dotenvCases(): HostileCase[] {
  const d = (
    name: string,
    text: string | Buffer,
  ): HostileCase => ({family: 'dotenv', name, files: {[CFG]: productConfig(), [DOTENV]: text}, sync: {exit: [0, 2]}})
  return [
    d('unterminated double quote', `${V}="${TOK_A}\n`),
    d('unterminated backtick', `${V}=\`${TOK_A}\n`),
    d('multi-line quoted value', `${V}="${TOK_A}\nEnvironment=x"\n`),
    d('CRLF', `${V}=${TOK_B}\r\n`),
    d('BOM', `\ufeff${V}=${TOK_B}\n`),
    d('binary', randomBytes(77, 500)),
    d('NUL in the value', `${V}=${TOK_B}\0zz\n`),
    d('export and comments', `export ${V}=${TOK_B} # old\n`),
    d('10 000 lines', Array.from({length: 10_000}, (_, i) => `K${i}=v`).join('\n') + `\n${V}=${TOK_B}\n`),
    d('token with $ and quotes', `${V}='${TOK_B}$"'\n`),
  ]
}

/** `sync-token --token-stdin --dry-run`: refused when no copy can hold it (the gate) or when one file cannot (a blocker); else written. */
export function tokenStdinCases(): HostileCase[] {
  const refused: [string, string][] = [
    ['a tab', `${TOK_A}\t`],
    ['a CR', `${TOK_A}\r`],
    ['two trailing newlines', `${TOK_A}\n\n`],
    ['a leading space', ` ${TOK_A}`],
    ['a NUL', `${TOK_A}\0`],
    ['too short', 'abc'],
    ['empty', ''],
    ['only a newline', '\n'],
    // Over MAX_TOKEN_BYTES (the kernel's limit on one env string, measured in test/e2e/token-limits.test.ts).
    ['a 1 MB value', 'z'.repeat(2 ** 20)],
    ['a 1 MB value with a newline', 'z'.repeat(2 ** 20) + '\nx'],
  ]
  const out: HostileCase[] = refused.map(([what, v]) => ({
    family: 'token-stdin',
    name: `value with ${what}`,
    files: {[CFG]: productConfig(), [UNIT]: productUnit()},
    sync: {stdin: v, exit: [2], code: 'TOKEN_INVALID'},
  }))
  // A line break inside: the config could hold it, the unit cannot; refused by the unit's writer (a blocker naming the file).
  const injections = [
    ['a newline inside', `${TOK_A}\n${TOK_B}`],
    ['a unit line injection', `${TOK_A}\nExecStart=/bin/sh -c id`],
    ['an Environment= injection', `${TOK_A}"\nEnvironment=${V}=${TOK_B}`],
  ]
  for (const [what, v] of injections) {
    out.push({family: 'token-stdin', name: `value with ${what}`, files: {[CFG]: productConfig(), [UNIT]: productUnit()}, sync: {stdin: v, exit: [2]}})
  }
  // Issue 11: escaped for each file's grammar, so these are written faithfully.
  const accepted = [
    ['one trailing newline (echo)', `${TOK_B}\n`], ['a CRLF (Windows paste)', `${TOK_B}\r\n`], ['a JSON break-out', `${TOK_A}","mode":"none`],
    [
      'a double quote',
      `${TOK_A}"`,
    ], ['a single quote', `${TOK_A}'`], ['a backtick', `${TOK_A}\``], ['a dollar', `${TOK_A}$HOME`], ['${VAR}', '${HOME}' + TOK_A],
    ['a backslash', `${TOK_A}\\`], [
      'a space',
      `${TOK_A} ${TOK_B}`,
    ], ['non-ASCII', `${TOK_A}é`], ['an emoji', `${TOK_A}🔑`], ['a percent', `${TOK_A}%h`], ['a hash', `${TOK_A}#`],
  ]
  for (const [what, v] of accepted) {
    out.push({family: 'token-stdin', name: `accepted: ${what}`, files: {[CFG]: productConfig(), [UNIT]: productUnit()}, sync: {stdin: v, exit: [0]}})
  }
  return out
}

/** Odd flags: usage errors exit 2, with a one-line message. */
export function flagCases(): HostileCase[] {
  const f = (name: string, flags: string[], exit = [2]): HostileCase => ({family: 'flags', name, files: {[CFG]: productConfig()}, flags, doctor: {exit}})
  return [
    f('--profile with a slash', ['--profile', '../x']),
    f('--profile with a NUL-free control char', ['--profile', 'a\u0007b']),
    f('--dev and --profile', ['--dev', '--profile', 'x']),
    f('--only unknown id', ['--only', 'nope.nope']),
    f('--fail-on bogus', ['--fail-on', 'bogus']),
    f('--config to a directory', ['--config', '/etc'], [1]),
    f('--config to /dev/zero', ['--config', '/dev/zero'], [1]),
    f('--unit with odd characters', ['--unit', 'a b"c.service']),
    // Unit names with "/" used to resolve outside the unit dirs (read, and edited by sync-token).
    f('--unit escaping the unit dir', ['--unit', '../../../../etc/x.service']),
    f('--unit absolute', ['--unit', '/etc/x.service']),
    {...f('CLAWDBOT_SYSTEMD_UNIT escaping the unit dir', []), env: {CLAWDBOT_SYSTEMD_UNIT: '../../x.service'}},
    {...f('CLAWDBOT_PROFILE with a slash (names the unit)', []), env: {CLAWDBOT_PROFILE: '../../x'}},
    {...f('a valid --unit with @ and :', ['--unit', 'clawdbot-gateway@a:b.service'], [0, 1])},
  ]
}
