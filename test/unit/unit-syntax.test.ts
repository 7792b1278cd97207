import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {
  formatEnvironmentAssignment,
  parseExecStart,
  parseUnitText,
  splitEnvironmentValue,
  splitExecStart,
} from '../../src/formats/unit/syntax.js'

const F = '/u/clawdbot-gateway.service'
const pairs = (v: string) => splitEnvironmentValue(v).assignments.map((a) => [a.name, a.value])

describe('parseUnitText', () => {
  it('reads sections, keys, values with line and column', () => {
    const {entries, warnings} = parseUnitText('[Unit]\nDescription=x\n\n[Service]\n  Environment=A=1\nExecStart=/bin/true\n', F)
    expect(warnings).toEqual([])
    expect(entries.map((e) => [e.section, e.key, e.value, e.line, e.column])).toEqual([
      ['Unit', 'Description', 'x', 2, 1],
      ['Service', 'Environment', 'A=1', 5, 3],
      ['Service', 'ExecStart', '/bin/true', 6, 1],
    ])
  })

  it('joins continuation lines with a space and skips comment lines inside them', () => {
    const text = '[Service]\nEnvironment=A=1 \\\n# inner comment\n; another\n  B=2\\\nC=3\nExecStart=/x\n'
    const {entries} = parseUnitText(text, F)
    expect(entries[0]).toMatchObject({key: 'Environment', value: 'A=1    B=2 C=3', line: 2, lastLine: 6})
    expect(entries[1]).toMatchObject({key: 'ExecStart', line: 7})
    // every value char maps back to the text (the joined backslash maps to the backslash)
    const e = entries[0]
    expect(e.valueOffsets.map((o) => text[o]).join('')).toBe('A=1 \\  B=2\\C=3')
  })

  it('does not treat an escaped backslash at the end as a continuation', () => {
    const {entries} = parseUnitText('[Service]\nEnvironment=A=x\\\\\nExecStart=/x\n', F)
    expect(entries.map((e) => e.key)).toEqual(['Environment', 'ExecStart'])
    expect(entries[0].value).toBe('A=x\\\\')
  })

  it('tolerates CRLF and a BOM; keys are case-sensitive', () => {
    const {entries, warnings} = parseUnitText('\ufeff[Service]\r\nenvironment=A=1\r\nEnvironment=B=2\r\n', F)
    expect(warnings).toEqual([])
    expect(entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['environment', 'A=1', 2],
      ['Environment', 'B=2', 3],
    ])
  })

  it('warns about assignments outside a section, missing "=", and bad headers', () => {
    const {entries, warnings} = parseUnitText('A=1\n[Service\n[Service]\nnoequals\n=x\nB=2', F)
    expect(entries.map((e) => e.key)).toEqual(['B'])
    expect(warnings.map((w) => w.place.line)).toEqual([1, 2, 4, 5])
    expect(warnings[1].message).toMatch(/refuses to load/)
    expect(warnings.every((w) => w.place.file === F && w.place.kind === 'unit')).toBe(true)
  })

  it('warns about a continuation at EOF and still reads the entry', () => {
    const {entries, warnings} = parseUnitText('[Service]\nEnvironment=A=1 \\', F)
    expect(entries).toHaveLength(1)
    expect(entries[0].value).toBe('A=1')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].message).toMatch(/continuation/)
  })

  it('reports NUL bytes and binary junk as a problem without crashing', () => {
    const junk = '\x7fELF\x02\x01\x01\0\0\0[Service]\0Environment=A=1\0\x03\x04'
    const r = parseUnitText(junk, F)
    expect(r.warnings[0].message).toMatch(/NUL/)
    const r2 = parseUnitText('\x01\x02\x03garbage', F)
    expect(r2.warnings.some((w) => /control characters/.test(w.message))).toBe(true)
  })
})

describe('splitEnvironmentValue', () => {
  it('handles both quoting forms the product writes, and several per line', () => {
    expect(pairs('"CLAWDBOT_GATEWAY_TOKEN=server-token-aaaa"')).toEqual([['CLAWDBOT_GATEWAY_TOKEN', 'server-token-aaaa']])
    expect(pairs('CLAWDBOT_GATEWAY_TOKEN=tok-U1 "PATH=/usr/bin:/bin" B=2')).toEqual([
      ['CLAWDBOT_GATEWAY_TOKEN', 'tok-U1'],
      ['PATH', '/usr/bin:/bin'],
      ['B', '2'],
    ])
  })

  it('unquotes mid-word quotes, single quotes, and C escapes (also inside single quotes)', () => {
    expect(pairs(`A="x y"z 'B=q\\x41' C=a\\tb D="\\"\\\\" E=\\s`)).toEqual([
      ['A', 'x yz'],
      ['B', 'qA'],
      ['C', 'a\tb'],
      ['D', '"\\'],
      ['E', ' '],
    ])
    expect(pairs('U=\\u00e9\\101')).toEqual([['U', 'éA']])
  })

  it('keeps earlier words and drops the rest on a syntax error', () => {
    const r = splitEnvironmentValue('A=1 B="open C=3')
    expect(r.assignments.map((a) => a.name)).toEqual(['A'])
    expect(r.problems[0]).toMatch(/unterminated/)
    const r2 = splitEnvironmentValue('A=1 B=\\q C=3')
    expect(r2.assignments.map((a) => a.name)).toEqual(['A'])
    expect(r2.problems[0]).toMatch(/unknown escape/)
    expect(splitEnvironmentValue('A=\\x00').problems[0]).toMatch(/invalid escape/)
  })

  it('ignores words without "=" or with invalid names, never echoing the word', () => {
    const r = splitEnvironmentValue('secretvalue 1A=2 B-C=3 OK=1')
    expect(r.assignments.map((a) => a.name)).toEqual(['OK'])
    expect(r.problems).toHaveLength(3)
    expect(r.problems.join(' ')).not.toMatch(/secretvalue/)
  })

  it('resolves %% and notes other specifiers; unknown ones drop the word', () => {
    const r = splitEnvironmentValue('A=50%% B=%h/x C=%z D=end%')
    expect(r.assignments.map((a) => [a.name, a.value, a.specifiers])).toEqual([
      ['A', '50%', undefined],
      ['B', '%h/x', ['h']],
      ['D', 'end%', undefined],
    ])
    expect(r.problems[0]).toMatch(/unknown specifier "%z"/)
  })

  it('reports word spans in the input', () => {
    const v = 'A=1  "B=two words" C=3'
    const r = splitEnvironmentValue(v)
    expect(r.assignments.map((a) => v.slice(a.start, a.end))).toEqual(['A=1', '"B=two words"', 'C=3'])
  })

  it('an empty quoted word is invalid, not a reset', () => {
    const r = splitEnvironmentValue('""')
    expect(r.assignments).toEqual([])
    expect(r.problems).toHaveLength(1)
  })
})

describe('splitExecStart', () => {
  it('splits quoted program and arguments', () => {
    expect(splitExecStart('"/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port 18789')).toEqual([
      '/usr/bin/node',
      '/opt/clawdbot/dist/entry.js',
      'gateway',
      '--port',
      '18789',
    ])
  })

  it('handles prefixes, @argv0, escapes, and ; separators', () => {
    expect(parseExecStart('-:/bin/x a')).toMatchObject({path: '/bin/x', prefixes: '-:', argv: ['/bin/x', 'a']})
    expect(parseExecStart('@/bin/x name --token=abc')).toMatchObject({path: '/bin/x', argv: ['name', '--token=abc']})
    expect(splitExecStart('+!/bin/x "a b" c\\x20d \\; e ; /bin/y z')).toEqual(['/bin/x', 'a b', 'c d', ';', 'e'])
    expect(parseExecStart('/bin/x "open').problems[0]).toMatch(/unterminated/)
  })
})

describe('formatEnvironmentAssignment', () => {
  it('always double-quotes and escapes \\, " and %', () => {
    expect(formatEnvironmentAssignment('T', 'abc')).toBe('"T=abc"')
    expect(formatEnvironmentAssignment('T', 'a b"c\\d%e\'f')).toBe('"T=a b\\"c\\\\d%%e\'f"')
  })

  it('round-trips through splitEnvironmentValue for awkward values', () => {
    for (const v of ['', ' lead', 'trail ', 'a"b', 'a\\', '%h', '%%', '$HOME', "it's", 'é€😀', '\\x41', ';#']) {
      expect(pairs(formatEnvironmentAssignment('CLAWDBOT_GATEWAY_TOKEN', v))).toEqual([['CLAWDBOT_GATEWAY_TOKEN', v]])
    }
  })

  it.each(['a\nExecStart=/bin/evil', 'a\rb', 'a\0b', 'a\tb', 'a\x1bb', 'a\x7fb', 'a\u0085b', 'a\u2028b', 'a\ud800b'])(
    'refuses control characters and line breaks (%j)',
    (v) => {
      expect(() => formatEnvironmentAssignment('T', v)).toThrow(ClawdocError)
      try {
        formatEnvironmentAssignment('T', v)
      } catch (error) {
        expect((error as ClawdocError).code).toBe('TOKEN_INVALID')
        expect((error as ClawdocError).message).not.toContain(v)
      }
    },
  )

  it('refuses invalid variable names', () => {
    expect(() => formatEnvironmentAssignment('A B', 'x')).toThrow(ClawdocError)
  })
})
