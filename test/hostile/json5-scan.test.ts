// The JSON5 fast path (src/formats/json5/scan.ts) against the json5 package on every file of the
// hostile corpus, each file also cut at every offset, and on the deep-nesting limit.
import {describe, expect, it} from 'vitest'

import {allCases} from './cases.js'
import {dotenvCases, flagCases, tokenStdinCases, unitCases} from './cases-unit.js'
import {disagreement} from '../helpers/json5-oracle.js'
import {MAX_NESTING, parseConfigText} from '../../src/formats/json5/parse.js'

/** Every file text in the corpus, decoded as the readers decode it (UTF-8). */
function corpusTexts(): {name: string; text: string}[] {
  const out: {name: string; text: string}[] = []
  for (const c of [...allCases(), ...unitCases(), ...dotenvCases(), ...tokenStdinCases(), ...flagCases()]) {
    for (const [file, body] of Object.entries(c.files)) out.push({
      name: `${c.family}/${c.name}: ${file}`,
      text: typeof body === 'string' ? body : body.toString('utf8'),
    })
    if (c.sync?.stdin !== undefined) out.push({name: `${c.family}/${c.name}: stdin`, text: c.sync.stdin})
  }
  return out
}

describe('JSON5 fast path vs json5 on the hostile corpus', {timeout: 300_000}, () => {
  const texts = corpusTexts()

  it('agrees on every corpus file, whole and cut at every offset', () => {
    expect(texts.length).toBeGreaterThan(50)
    let scanned = 0
    for (const {name, text} of texts) {
      // Every offset of a small file, 200 offsets of a middling one; the big ones (json5 takes seconds
      // per megabyte) whole only.
      const cuts = new Set<number>([text.length])
      if (text.length <= 4096) for (let i = 0; i < text.length; i++) cuts.add(i)
      else if (text.length <= 65_536) for (let k = 0; k < 200; k++) cuts.add(Math.floor((text.length * k) / 200))
      for (const at of cuts) {
        const t = text.slice(0, at)
        // Skimming forced on every container: on the whole file (the property test forces it on 100,000 damaged texts).
        const r = disagreement(t, {forceSkim: at === text.length})
        if (r.problem) throw new Error(`${name}, cut at ${at}: ${r.problem}`)
        if (r.path === 'scan' && at === text.length) scanned++
      }
    }
    // The corpus holds JSON5 configs the scan must take (not only text it declines).
    expect(scanned).toBeGreaterThan(5)
  })

  it('places the nesting limit where the plain-JSON path places it', () => {
    // Same offsets: JSON with spaces (JSON.parse path) and JSON5 with comments (scan path).
    for (const n of [MAX_NESTING, MAX_NESTING + 1, 10_000]) {
      const json = parseConfigText('\n' + '[    '.repeat(n) + '1' + ']'.repeat(n))
      const json5 = parseConfigText('\n' + '[/**/'.repeat(n) + '1' + ',]'.repeat(n).slice(1))
      expect(json5.ok).toBe(json.ok)
      if (!json.ok) expect(json5).toEqual(json)
    }
  })
})
