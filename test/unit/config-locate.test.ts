import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {decodeJson5String} from '../../src/formats/json5/lex.js'
import {lineColumn} from '../../src/formats/lines.js'
import {locateValue, locateValues, pathKey} from '../../src/formats/json5/locate.js'

/** The decoded string at a path, read back through the span (proves the span is exactly the literal). */
function stringAt(text: string, path: string[]): string | undefined {
  const s = locateValue(text, path)
  if (!s || s.kind !== 'string') return undefined
  return decodeJson5String(text.slice(s.start + 1, s.end - 1))
}

describe('locateValue', () => {
  it('finds a value in plain 2-space JSON with 1-based line and column', () => {
    const text = '{\n  "gateway": {\n    "auth": {\n      "token": "fake-aaa"\n    }\n  }\n}\n'
    const s = locateValue(text, ['gateway', 'auth', 'token'])
    expect(s).toMatchObject({line: 4, column: 16, kind: 'string', quote: '"'})
    expect(text.slice(s!.start, s!.end)).toBe('"fake-aaa"')
  })

  it('handles comments, single quotes, unquoted keys, trailing commas and CRLF', () => {
    const text = [
      '// leading comment with a { brace',
      '{',
      "  /* block: 'token': \"no\" */ gateway: {",
      "    'auth': { token: 'fa\\'ke', }, // trailing } comment",
      '  },',
      '}',
    ].join('\r\n')
    expect(JSON5.parse(text).gateway.auth.token).toBe("fa'ke")
    const s = locateValue(text, ['gateway', 'auth', 'token'])
    expect(s).toMatchObject({line: 4, column: 22, quote: "'"})
    expect(stringAt(text, ['gateway', 'auth', 'token'])).toBe("fa'ke")
  })

  it('decodes escaped keys and values (\\u, \\x, line continuation)', () => {
    const text = String.raw`{"g\u0061teway": {t\u006fken: "a\x41\
b\n"}}`
    expect(stringAt(text, ['gateway', 'token'])).toBe(JSON5.parse(text).gateway.token)
  })

  it('takes the last of duplicate keys, dropping what the earlier one held', () => {
    const text = '{"gateway": {"auth": {"token": "first"}}, "gateway": {"mode": "local"}, "x": 1}'
    expect(locateValue(text, ['gateway', 'auth', 'token'])).toBeUndefined()
    const dup = '{"a": {"t": "one"}, "a": {"t": "two"}}'
    expect(stringAt(dup, ['a', 't'])).toBe('two')
  })

  it('walks arrays by index and skips a BOM and numbers, literals, Infinity', () => {
    const text = '\uFEFF{list: [1, +Infinity, null, {k: "v"}], n: -0x1F, s: .5}'
    expect(stringAt(text, ['list', '3', 'k'])).toBe('v')
    expect(locateValue(text, ['n'])).toMatchObject({kind: 'other', line: 1})
    expect(text.slice(locateValue(text, ['n'])!.start, locateValue(text, ['n'])!.end)).toBe('-0x1F')
  })

  it('returns spans of several paths in one scan', () => {
    const text = '{a: {b: "1", c: [true]}, d: "2"}'
    const want = new Set([pathKey(['a', 'b']), pathKey(['d']), pathKey(['a'])])
    const found = locateValues(text, (p) => want.has(pathKey(p)))
    expect([...found.keys()].sort()).toEqual([...want].sort())
    expect(found.get(pathKey(['a']))!.kind).toBe('object')
  })

  it('throws SyntaxError on text that is not JSON5', () => {
    expect(() => locateValue('{"a": "unterminated}', ['a'])).toThrow(SyntaxError)
    expect(() => locateValue('{a: 1} x', ['a'])).toThrow(SyntaxError)
    expect(() => locateValue('{/* open', ['a'])).toThrow(SyntaxError)
  })

  it('computes line and column counting CRLF once', () => {
    expect(lineColumn('a\r\nbc', 4)).toEqual({line: 2, column: 2})
    expect(lineColumn('abc', 0)).toEqual({line: 1, column: 1})
  })
})
