// Property tests missing so far: the dotenv reader against the product's own dotenv package, and
// the config locator against the json5 parser on random documents.
import {createRequire} from 'node:module'
import * as path from 'node:path'

import fc from 'fast-check'
import JSON5 from 'json5'
import {beforeAll, describe, expect, it} from 'vitest'

import {ensureClawdbot} from '../helpers/clawdbot.js'
import {locateValues, pathKey} from '../../src/formats/json5/locate.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'

describe('parseDotenv agrees with the dotenv package clawdbot ships', {timeout: 300_000}, () => {
  let productParse: (src: string) => Record<string, string>
  beforeAll(async () => {
    // The real product install (test/helpers/clawdbot.ts) carries the dotenv the product loads .env files with.
    const inst = await ensureClawdbot()
    const appModules = path.resolve(path.dirname(inst.entry), '..', '..')
    productParse = (createRequire(path.join(appModules, 'noop.js'))('dotenv') as {parse: typeof productParse}).parse
  }, 300_000)

  const tricky = fc.constantFrom('A', 'B_1', '=', ' ', '\t', '#', '"', "'", '`', '\\', 'n', '\n', '\r\n', '\r', 'export ', ':', '$', 'x', '.', '-', 'é')
  const line = fc.oneof(
    fc.tuple(
      fc.constantFrom('CLAWDBOT_GATEWAY_TOKEN', 'A', 'x.y', 'k-1'),
      fc.constantFrom('=', ' = ', ': '),
      fc.string({unit: tricky, maxLength: 12}),
      fc.constantFrom('', '"', "'", '`'),
    ).map(
      ([k, eq, v, q]) => `${k}${eq}${q}${v}${q}`,
    ),
    fc.string({unit: tricky, maxLength: 20}),
  )
  const doc = fc.array(line, {maxLength: 8}).chain((ls) => fc.constantFrom('\n', '\r\n').map((nl) => ls.join(nl)))

  it('gives the same last value for every name on random .env text', () => {
    fc.assert(
      fc.property(doc, (text) => {
        const ours: Record<string, string> = {}
        for (const e of parseDotenv(text)) ours[e.name] = e.value
        expect(ours).toEqual({...productParse(text)})
      }),
      {numRuns: 2000},
    )
  })
})

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
