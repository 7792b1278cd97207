// The dotenv reader against the product's own dotenv package, on random files. It needs the real product install
// (test/helpers/clawdbot.ts: the npm registry the first time), so it lives in the interop tier.
import {createRequire} from 'node:module'
import * as path from 'node:path'

import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'

import {ensureClawdbot} from '../helpers/clawdbot.js'
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
