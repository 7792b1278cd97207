import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {editEnvFileAssignment, editUnitAssignment} from '../../src/formats/unit/edit.js'
import {Secret} from '../../src/model/secret.js'
import {parseEnvironmentFile} from '../../src/formats/unit/env-file.js'
import {parseUnitText, splitEnvironmentValue} from '../../src/formats/unit/syntax.js'

const T = 'CLAWDBOT_GATEWAY_TOKEN'
const NEW = 'fake9999ffff'.repeat(4)
const OLD = 'fake0000aaaa'.repeat(4)
const edit = (text: string, line: number, value = NEW) => editUnitAssignment(text, {line, variable: T, value: new Secret(value)})
const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as ClawdocError).code
  }
  return 'no error'
}

describe('editUnitAssignment', () => {
  it('rewrites only the token word; other assignments, comments and CRLF are kept', () => {
    const text = `[Service]\r\n# keep me\r\nEnvironment="HOME=/h" ${T}=${OLD}  "X=a b" ; not a comment\r\nExecStart=/x\r\n`
    expect(edit(text, 3)).toBe(`[Service]\r\n# keep me\r\nEnvironment="HOME=/h" ${T}=${NEW}  "X=a b" ; not a comment\r\nExecStart=/x\r\n`)
  })

  it('handles the quoted form and a file without a final newline', () => {
    expect(edit(`[Service]\nEnvironment="${T}=${OLD}"`, 2)).toBe(`[Service]\nEnvironment="${T}=${NEW}"`)
  })

  it('quotes awkward values so systemd reads them back exactly', () => {
    const v = 'a b"c\\d%h\'e$F'
    const out = edit(`[Service]\nEnvironment=${T}=${OLD}\n`, 2, v)
    const e = parseUnitText(out, '').entries[0]
    expect(splitEnvironmentValue(e.value).assignments).toMatchObject([{name: T, value: v}])
  })

  it('rewrites every assignment of the variable on that line (idempotent)', () => {
    const text = `[Service]\nEnvironment=${T}=a A=1 ${T}="b"\n`
    const once = edit(text, 2)
    expect(once).toBe(`[Service]\nEnvironment=${T}=${NEW} A=1 "${T}=${NEW}"\n`)
    expect(edit(once, 2)).toBe(once)
  })

  it('edits an entry continued over lines without moving any line', () => {
    const text = `[Service]\nEnvironment=A=1 \\\n# c\n  "${T}=x \\\n# inner\n y" B=2\nExecStart=/x\n`
    const out = edit(text, 2)
    expect(out.split('\n')).toHaveLength(text.split('\n').length)
    expect(out).toBe(`[Service]\nEnvironment=A=1 \\\n# c\n  "${T}=${NEW}" \\\n# inner\n B=2\nExecStart=/x\n`)
    const e = parseUnitText(out, '').entries
    expect(splitEnvironmentValue(e[0].value).assignments.map((a) => [a.name, a.value])).toEqual([
      ['A', '1'],
      [T, NEW],
      ['B', '2'],
    ])
    expect(e[1]).toMatchObject({key: 'ExecStart', line: 7})
  })

  it('throws UNIT_PARSE when the line does not hold the variable (file changed)', () => {
    const text = `[Service]\nEnvironment=A=1\nEnvironment=${T}=${OLD}\n[Unit]\nEnvironment=${T}=x\n`
    expect(code(() => edit(text, 2))).toBe('UNIT_PARSE')
    expect(code(() => edit(text, 1))).toBe('UNIT_PARSE')
    expect(code(() => edit(text, 5))).toBe('UNIT_PARSE')
    expect(code(() => edit(text, 99))).toBe('UNIT_PARSE')
    expect(code(() => edit(text, 3))).toBe('no error')
  })

  it.each(['x\nExecStart=/bin/evil', 'x\r\nEnvironment=LD_PRELOAD=/e.so', 'x\0y', 'x\ty', 'x\x1b[2J', 'x\u2028y'])(
    'refuses a value that could inject lines (%j), never echoing it',
    (bad) => {
      const text = `[Service]\nEnvironment=${T}=${OLD}\n`
      expect(() => edit(text, 2, bad)).toThrow(ClawdocError)
      expect(code(() => edit(text, 2, bad))).toBe('TOKEN_INVALID')
      try {
        edit(text, 2, bad)
      } catch (error) {
        expect(`${(error as Error).message} ${(error as ClawdocError).hint}`).not.toContain(bad)
      }
    },
  )
})

describe('editEnvFileAssignment', () => {
  const editEnv = (text: string, line: number, value = NEW) => editEnvFileAssignment(text, {line, variable: T, value: new Secret(value)})

  it('rewrites only the value after "=" and keeps spacing, comments and CRLF', () => {
    const text = `# gw\r\nA=1\r\n  ${T} = '${OLD}'   \r\nB=2`
    expect(editEnv(text, 3)).toBe(`# gw\r\nA=1\r\n  ${T} = "${NEW}"   \r\nB=2`)
  })

  it('escapes what systemd unescapes in double quotes', () => {
    const v = 'a"b\\c`d$e \'f%g'
    const out = editEnv(`${T}=${OLD}\n`, 1, v)
    expect(parseEnvironmentFile(out, '').assignments[0].value).toBe(v)
  })

  it('fills an empty value and keeps line numbers for multi-line values', () => {
    expect(editEnv(`${T}=\nB=2\n`, 1)).toBe(`${T}=${NEW}\nB=2\n`)
    const out = editEnv(`${T}="two\nlines"\nB=2\n`, 1)
    expect(out).toBe(`${T}="${NEW}"\n\nB=2\n`)
    expect(parseEnvironmentFile(out, '').assignments.map((a) => [a.name, a.line])).toEqual([
      [T, 1],
      ['B', 3],
    ])
  })

  it('throws UNIT_PARSE when the line no longer holds the variable, TOKEN_INVALID for control chars', () => {
    expect(code(() => editEnv(`A=1\n${T}=x\n`, 1))).toBe('UNIT_PARSE')
    expect(code(() => editEnv(`export ${T}=x\n`, 1))).toBe('UNIT_PARSE')
    expect(code(() => editEnv(`${T}=x\n`, 1, 'a\nB=evil'))).toBe('TOKEN_INVALID')
  })
})
