import fc from 'fast-check'
import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {setJsonString} from '../../src/formats/json5/edit.js'
import {Secret} from '../../src/model/secret.js'

/** A random JSON5 rendering of `{...before, gateway: {..., auth: {token: old}}, ...after}`. */
const style = fc.record({
  quoteKeys: fc.constantFrom('"', "'", ''),
  quoteValue: fc.constantFrom('"', "'"),
  nl: fc.constantFrom('\n', '\r\n'),
  indent: fc.constantFrom('', '  ', '    ', '\t'),
  trailingComma: fc.boolean(),
  comment: fc.boolean(),
})
const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/)
const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({maxLength: 12}))
/** New values: any unicode, raw binary (lone surrogates), and strings dense in characters that need escaping. */
const tricky = fc.constantFrom('"', "'", '\\', '\n', '\r', '\t', '\u2028', '\0', 'a', '$', '{', '}', '\ud800', '\udc00', '😀', ' ')
const anyString = fc.oneof(fc.string({unit: 'grapheme', maxLength: 20}), fc.string({unit: 'binary', maxLength: 20}), fc.string({unit: tricky, maxLength: 30}))

/** Render the document as prefix + token literal + suffix, so the test knows exactly which bytes may change. */
type Style = typeof style extends fc.Arbitrary<infer T> ? T : never

function render(s: Style, extra: [string, unknown][], old: string): {prefix: string; literal: string; suffix: string} {
  const k = (name: string) => (s.quoteKeys ? `${s.quoteKeys}${name}${s.quoteKeys}` : name)
  const v = (x: unknown) => (typeof x === 'string' ? JSON.stringify(x) : String(x))
  const tail = s.trailingComma ? ',' : ''
  const i1 = s.indent
  const i2 = s.indent.repeat(2)
  const head = [
    ...(s.comment ? ['// header { "token": "x" }'] : []),
    '{',
    ...extra.map(([n, x]) => `${i1}${k(n)}: ${v(x)},`),
    `${i1}${k('gateway')}: {${s.comment ? ' /* auth: {token: "y"} */' : ''}`,
    `${i2}${k('auth')}: {${k('token')}: `,
  ].join(s.nl)
  const literal = s.quoteValue === '"' ? JSON.stringify(old) : JSON5.stringify(old, {quote: "'"})
  const suffix = [`${tail}}${tail}`, `${i1}}${tail}`, '}', ''].join(s.nl)
  return {prefix: head, literal, suffix}
}

describe('setJsonString (property)', () => {
  it('changes only the token bytes and re-parses to the new value', () => {
    fc.assert(
      fc.property(style, fc.array(fc.tuple(key, scalar), {maxLength: 4}), anyString, anyString, (s, extra, old, next) => {
        fc.pre(!extra.some(([n]) => n === 'gateway'))
        fc.pre(!/\$\{[A-Z_][A-Z0-9_]*\}/.test(old))
        const {prefix, literal, suffix} = render(s, extra, old)
        const text = prefix + literal + suffix
        const out = setJsonString(text, ['gateway', 'auth', 'token'], new Secret(next))
        // Only the literal's bytes may change; it keeps its quote style and decodes to the new value.
        expect(out.startsWith(prefix)).toBe(true)
        expect(out.endsWith(suffix)).toBe(true)
        const newLiteral = out.slice(prefix.length, out.length - suffix.length)
        expect(newLiteral[0]).toBe(s.quoteValue)
        expect(JSON5.parse(newLiteral)).toBe(next)
        expect(JSON5.parse(out)).toEqual({...JSON5.parse(text), gateway: {auth: {token: next}}})
        if (s.quoteValue === '"' && !s.comment && s.quoteKeys === '"' && !s.trailingComma) expect(JSON.parse(out).gateway.auth.token).toBe(next)
      }),
      {numRuns: 400},
    )
  })
})
