import {describe, expect, it} from 'vitest'

import {parseEnvironmentFile} from '../../src/formats/unit/env-file.js'

const F = '/etc/gw.env'
const pairs = (t: string) => parseEnvironmentFile(t, F).assignments.map((a) => [a.name, a.value])

describe('parseEnvironmentFile', () => {
  it('reads KEY=VALUE lines with comments, blank lines and outer whitespace', () => {
    expect(pairs('# c\n; c\n\n  A=1\nB = two words  \nC=\nD=x # not a comment\n')).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', ''],
      ['D', 'x # not a comment'],
    ])
  })

  it('handles single and double quotes like systemd (shell-like escapes only in double quotes)', () => {
    expect(pairs(`A='a \\n b'\nB="q\\"\\\\\\$\\x"\nC="multi\nline"\nD="a" b\n`)).toEqual([
      ['A', 'a \\n b'],
      ['B', 'q"\\$\\x'],
      ['C', 'multi\nline'],
      ['D', 'ab'],
    ])
  })

  it('joins backslash continuations and unescapes outside quotes', () => {
    const r = parseEnvironmentFile('A=one\\\ntwo\nB=x\\ y\n', F)
    expect(r.assignments.map((a) => [a.name, a.value, a.line, a.lastLine])).toEqual([
      ['A', 'onetwo', 1, 2],
      ['B', 'x y', 3, 3],
    ])
  })

  it('a backslash before CRLF is not a continuation (systemd eats only the CR), with a warning', () => {
    const r = parseEnvironmentFile('A=one\\\r\ntwo=2\r\n', F)
    expect(r.assignments.map((a) => [a.name, a.value])).toEqual([
      ['A', 'one'],
      ['two', '2'],
    ])
    expect(r.warnings[0].message).toMatch(/CRLF/)
  })

  it('records line, column and the value span; CRLF counts one line', () => {
    const t = 'X=1\r\n  CLAWDBOT_GATEWAY_TOKEN = "tok en"  \r\nY=2'
    const r = parseEnvironmentFile(t, F)
    const a = r.assignments[1]
    expect(a).toMatchObject({name: 'CLAWDBOT_GATEWAY_TOKEN', value: 'tok en', line: 2, column: 3})
    expect(t.slice(a.valueStart, a.valueEnd)).toBe('"tok en"')
    expect(r.assignments[2]).toMatchObject({name: 'Y', line: 3})
    const e = parseEnvironmentFile('E=\n', F).assignments[0]
    expect([e.valueStart, e.valueEnd]).toEqual([2, 2])
  })

  it('warns about export (not systemd syntax), bad names, BOM, and ignores lines without "="', () => {
    const r = parseEnvironmentFile('\ufeffA=1\nexport B=2\n1C=3\njustaword\nOK=1\n', F)
    expect(r.assignments.map((a) => a.name)).toEqual(['OK'])
    expect(r.warnings.map((w) => [w.place.line, w.message.slice(0, 20)])).toEqual([
      [1, 'The file starts with'],
      [2, '"export" is shell sy'],
      [3, 'Invalid variable nam'],
    ])
    expect(r.warnings.every((w) => w.place.kind === 'env-file' && w.place.file === F)).toBe(true)
  })

  it('keeps repeated names in order (the reader applies last-wins)', () => {
    expect(pairs('A=1\nA=2\n')).toEqual([
      ['A', '1'],
      ['A', '2'],
    ])
  })

  it('a NUL byte makes the whole file fatal (systemd refuses it); an unterminated quote at EOF is survived', () => {
    const r = parseEnvironmentFile('A=1\nB=2\0C=3\n', F)
    expect(r.fatal).toBe(true)
    expect(r.assignments).toEqual([])
    expect(r.warnings[0].message).toMatch(/NUL.*fails to start/)
    expect(r.warnings[0].place.line).toBe(2)
    const q = parseEnvironmentFile('A="open', F)
    expect(q.assignments.map((a) => a.value)).toEqual(['open'])
    expect(q.warnings[0].message).toMatch(/Unterminated/)
  })

  it('a comment ending in a backslash swallows the next line (systemd < 254), with a warning', () => {
    const r = parseEnvironmentFile('# c \\\nA=1\nB=2\n', F)
    expect(r.assignments.map((a) => a.name)).toEqual(['B'])
    expect(r.warnings[0].message).toMatch(/v254/)
  })
})
