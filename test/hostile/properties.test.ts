// Property tests: the config locator against the json5 parser on random documents. (The dotenv reader against the
// product's own dotenv package needs the real product: test/interop/dotenv-vs-product.test.ts.)

import fc from 'fast-check'
import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {locateValues, pathKey} from '../../src/formats/json5/locate.js'

describe('config locator vs json5 on random documents', () => {
  // Non-empty keys: pathKey(['']) and the root's pathKey([]) are both '' (harmless: no caller asks for either).
  const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/), fc.string({minLength: 1, maxLength: 6}))
  const leaf = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({maxLength: 10}), fc.string({unit: 'binary', maxLength: 6}))
  const {tree} = fc.letrec((tie) => ({
    tree: fc.oneof(
      {depthSize: 'small'},
      leaf,
      fc.array(tie('tree'), {maxLength: 4}),
      fc.array(fc.tuple(key, tie('tree')), {maxLength: 4}).map((obj) => ({obj})),
    ),
  }))
  /** Render with JSON5 features (comments, quotes, unquoted keys, trailing commas, CRLF), keeping duplicate keys. */
  function render(v: unknown, s: {nl: string; q: '"' | "'"; unquoted: boolean; comments: boolean}): string {
    const str = (x: string) => JSON5.stringify(x, {quote: s.q})
    if (v && typeof v === 'object' && 'obj' in v) {
      const body = (v.obj as [string, unknown][]).map(([k, x]) => `${s.unquoted && /^[a-z_][a-z0-9_]*$/.test(k) ? k : str(k)}: ${render(x, s)}`)
      return `{${s.comments ? ' /* { */' : ''}${s.nl}${body.join(`,${s.nl}`)}${body.length ? ',' : ''}${s.nl}}`
    }
    if (Array.isArray(v)) return `[${v.map((x) => render(x, s)).join(', ')}${s.comments ? ' // ]' + s.nl : ''}]`
    return typeof v === 'string' ? str(v) : String(v)
  }
  const style = fc.record({nl: fc.constantFrom('\n', '\r\n'), q: fc.constantFrom<'"' | "'">('"', "'"), unquoted: fc.boolean(), comments: fc.boolean()})

  it('every located span re-parses to the value json5 gives at that key path (duplicates: last wins)', () => {
    fc.assert(
      fc.property(tree, style, (t, s) => {
        const text = render(t, s)
        const parsed: unknown = JSON5.parse(text)
        const paths: string[][] = []
        const walk = (v: unknown, p: string[]) => {
          paths.push(p)
          if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k])
        }
        walk(parsed, [])
        const found = locateValues(text, () => true)
        expect(new Set(found.keys())).toEqual(new Set(paths.map(pathKey)))
        for (const p of paths) {
          const span = found.get(pathKey(p))!
          const at = p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], parsed)
          expect(JSON5.parse(text.slice(span.start, span.end))).toEqual(at)
        }
      }),
      {numRuns: 1500},
    )
  })
})
