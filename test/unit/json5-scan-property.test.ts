// The JSON5 fast path (scan + JSON.parse) against the json5 package on generated documents: every
// JSON5 feature the scan rewrites, and mutations of them that must fail (or succeed) in both.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import JSON5 from 'json5'

import {disagreement, sameValue} from '../helpers/json5-oracle.js'
import {LIFT_AT, json5ToJson} from '../../src/formats/json5/scan.js'
import {MAX_NESTING, parseConfigText} from '../../src/formats/json5/parse.js'

const join = (xs: string[]): string => xs.join('')

/** Whitespace and comments, JSON5's and JSON's. */
const ws = fc
  .array(
    fc.constantFrom(
      ' ', '  ', '\n', '\t', '\r\n', '\r', '\v', '\f', '\u00a0', '\ufeff', '\u2028', '\u2029', '\u2003', '\u3000', '\u1680', '\u202f', '// c\n',
      '//\r', '// * /\u2028', '/* c */', '/**/', '/* * / */', '/* // */', '/*\n*/'
    ),
    {maxLength: 2},
  )
  .map(join)

const digits = fc.stringMatching(/^[0-9]{1,4}$/)
const number = fc.oneof(
  {weight: 6, arbitrary: fc.constantFrom(
    '0', '-0', '+0', '0.0', '-0.0', '.5', '-.5', '+.5', '5.', '-5.', '5.e3', '1e5', '1E+5', '1e-5', '1.5e-3', '.5e2', '0e0', '-0e1', '0x0', '-0x0',
    '0X1f', '-0xFF', '+0xabc', '0xFFFFFFFFFFFFFFFFFFFF', '1e400', '-1e400', '1e-400', '123456789012345678901234567890', '9007199254740993', '0.1',
    '2.5e-324'
  )},
  // JSON cannot hold these: the scan declines and json5 parses (kept rare so most documents take the scan).
  {weight: 1, arbitrary: fc.constantFrom(
    'Infinity', '-Infinity', '+Infinity', 'NaN', '-NaN', '+NaN'
  )},
  {weight: 6, arbitrary: fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.oneof(fc.constant('0'), digits.map((d) => d.replace(/^0+/, '') || '1'), fc.constant('')),
      fc.option(fc.oneof(digits, fc.constant('')), {nil: undefined}),
      fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits).map(join), {nil: undefined}),
    )
    .filter(([, i, f]) => i !== '' || (f !== undefined && f !== ''))
    .map(([s, i, f, e]) => `${s}${i}${f === undefined ? '' : '.' + f}${e ?? ''}`)},
  {weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '-', '+'), fc.constantFrom('0x', '0X'), fc.stringMatching(/^[0-9a-fA-F]{1,20}$/)).map(join)},
  {weight: 4, arbitrary: fc.double({noNaN: true, noDefaultInfinity: true}).map((d) => String(d))},
)

/** Pieces of a string body; `q` is the quote in use. */
const piece = (q: string) =>
  fc.oneof(
    fc.string({maxLength: 6}).map((s) => s.replace(/[\\\n\r]/g, '').replaceAll(q, '')),
    fc.constantFrom(
      '\\x41', '\\x7f', '\\xff', '\\v', '\\0', '\\0a', '\\b', '\\f', '\\n', '\\r', '\\t', "\\'", '\\"', '\\\\', '\\/', '\\a', '\\z', '\\u00e9',
      '\\uD800', '\\udc00', '\\uD83D\\uDE00', '\\u2028', '\\\n', '\\\r\n', '\\\r', '\\\u2028', '\\\u2029', '\\😀', '\\é', '\u2028', '\u2029', '\t',
      '\u0001', '\u001f', '\u007f', 'é', '😀', '\ud800', '\udfff', q === '"' ? "'" : '"', '\ufeff', '\u0000'
    ),
  )
const str = fc.constantFrom('"', "'").chain((q) => fc.array(piece(q), {maxLength: 4}).map((ps) => q + join(ps) + q))

const identifier = fc.oneof(
  {weight: 10, arbitrary: fc.constantFrom(
    'a', 'b', '__proto__', 'constructor', 'toString', 'true', 'null', 'Infinity', 'NaN', '$', '_', '$a_1', 'gateway', 'auth', 'token', '\\u0061',
    '\\u0061b', 'a\\u0062', '\\u005f_', '\\u0024', 'a\\u0030', '\\u0030', 'a\\u002d'
  )},
  {weight: 10, arbitrary: fc.stringMatching(/^[A-Za-z$_][A-Za-z0-9$_]{0,5}$/)},
  // Non-ASCII identifiers: json5 judges them with its Unicode tables (the scan declines).
  {weight: 1, arbitrary: fc.constantFrom(
    '\\u00e9', 'é', 'ñame', 'a\u200c', 'ab\\u200d'
  )},
)
const key = fc.oneof(
  {weight: 3, arbitrary: identifier},
  {weight: 2, arbitrary: str},
  {weight: 1, arbitrary: fc.constantFrom(
    '"a"', "'b'", '"__proto__"', '"\\u0061"', '""'
  )},
)
const literal = fc.constantFrom('true', 'false', 'null')

const {value} = fc.letrec<{value: string; object: string; array: string}>((tie) => ({
  value: fc.oneof({depthSize: 'small', withCrossShrink: true}, number, str, literal, tie('object'), tie('array')),
  object: fc
    .tuple(fc.array(fc.tuple(ws, key, ws, ws, tie('value'), ws), {maxLength: 4}), fc.boolean(), ws)
    .map(([ms, trailing, end]) => '{' + ms.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',') + (trailing && ms.length ? ',' : '') + end + '}'),
  array: fc
    .tuple(fc.array(fc.tuple(ws, tie('value'), ws), {maxLength: 4}), fc.boolean(), ws)
    .map(([vs, trailing, end]) => '[' + vs.map(([a, v, b]) => a + v + b).join(',') + (trailing && vs.length ? ',' : '') + end + ']'),
}))
const doc = fc.tuple(fc.constantFrom('', '\ufeff'), ws, value, ws).map(join)

/** Small damage that often breaks a document and sometimes does not. */
const noise = fc.constantFrom(
  ',',
  ':',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '/',
  '*',
  '\n',
  '\r',
  '0',
  '.',
  'e',
  'x',
  '-',
  '+',
  'I',
  'N',
  'a',
  ' ',
  '\u2028',
  '\u00a0',
  '\u0000',
  'é',
)
type Op = 'delete' | 'insert' | 'replace' | 'truncate' | 'duplicate'
const damage = fc.tuple(fc.nat(), fc.constantFrom<Op>('delete', 'insert', 'replace', 'truncate', 'duplicate'), noise)
function mutate(text: string, [n, op, ch]: [number, Op, string]): string {
  const at = text.length ? n % text.length : 0
  switch (op) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1)
    case 'insert':
      return text.slice(0, at) + ch + text.slice(at)
    case 'replace':
      return text.slice(0, at) + ch + text.slice(at + 1)
    case 'truncate':
      return text.slice(0, at)
    default:
      return text.slice(0, at + 1) + text.slice(at)
  }
}

describe('the JSON5 fast path equals the json5 package', {timeout: 120_000}, () => {
  it('on 100 000 generated JSON5 documents, and on 100 000 damaged ones (both fail, or both give equal values)', () => {
    /** Which way the undamaged documents went. */
    const seen = {scan: 0, declined: 0}
    fc.assert(
      fc.property(doc, damage, (text, d) => {
        for (const t of [text, mutate(text, d)]) {
          const r = disagreement(t)
          if (r.problem) throw new Error(`${r.problem}\n  text: ${JSON.stringify(t)}`)
          if (t === text) seen[r.path]++
        }
      }),
      {numRuns: 100_000},
    )
    // The generator must reach the fast path most of the time, not only the fallback.
    expect(seen.scan).toBeGreaterThan(75_000)
  })

  it('agrees on hand-picked corners', () => {
    const corners = [
      '{"__proto__": {"x": 1}}', '{__proto__: [], a: 1, __proto__: 2}', '{a: 1, b: 2, a: 3}', '{"1": 1, b: 2, "0": 3}', '-0', '[-0, +0, 0x0, -0x0]',
      "'\\x41\\v\\0'", '"a\\\nb"', '"\\\r\nx"', "'\u2028'", '\ufeff{}', '{}\ufeff', '[1,]', '[1,,]', '{a:1,}', '{,}', '[,]', '1e400', '.e1', '+.e1',
      '0x', '00', '-', '+', '[Infinity]', '{a: NaN}', '"\\u00"', '"\\x4"', '"\\01"', '"\\1"', '{\\u0031: 1}', '{a\\u002d: 1}', '{\\u0061: 1}', '/* */ 1 // x',
      '/* x', '1 /', '[1 /* ] */, 2]', '{a/**/:1}', '{a /* c */ : /* d */ 1 /* e */ , /* f */ }', "{'a\"b': 'c\"d'}", '""', "''", '"\t"', '[true false]', 'nul',
    ]
    for (const t of corners) expect(disagreement(t).problem, JSON.stringify(t)).toBeUndefined()
  })
})

describe('a big JSON5 config', () => {
  // Containers that are JSON as written are parsed from the text itself (no second copy of a big config
  // on the heap): shown on one past the size where that starts, with every case the put-back must get
  // right (duplicate keys, an own __proto__, arrays, a comment next to a big clean part).
  const big = (n: number): string => JSON.stringify(Object.fromEntries(Array.from({length: n}, (_, i) => [`K${i}`, 'v'.repeat(60)])), null, 2)
  const text = [
    '// hand-edited',
    `{gateway: {mode: 'local', port: 0x4965,}, env: ${big(400)},`,
    `  list: [${big(300)}, 1, /* c */ ${big(300)}],`,
    `  "__proto__": ${big(300)}, dup: ${big(300)}, dup: {a: 1}, dup2: [1], "dup2": ${big(300)},`,
    '}',
  ].join('\n')

  it('is read without copying its clean parts, to the value json5 gives', () => {
    expect(text.length).toBeGreaterThan(4 * LIFT_AT)
    const scanned = json5ToJson(text, MAX_NESTING)!
    expect(scanned.lifted.length).toBeGreaterThanOrEqual(5)
    expect(scanned.json.length).toBeLessThan(LIFT_AT)
    expect(disagreement(text).problem).toBeUndefined()
    const r = parseConfigText(text)
    expect(r.ok && sameValue(r.value, JSON5.parse(text))).toBe(true)
  })
})
