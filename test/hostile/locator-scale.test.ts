import {describe, expect, it} from 'vitest'

import {lineColumn} from '../../src/formats/lines.js'
import {locateValue, locateValues, pathKey} from '../../src/formats/json5/locate.js'

describe('the config locator on huge and duplicate-heavy documents', () => {
  it('places 100 000 values in one pass (was quadratic: a config of unknown keys hung doctor)', () => {
    const text = '{\n' + Array.from({length: 100_000}, (_, i) => `  "k${i}": ${i}`).join(',\n') + '\n}\n'
    const started = performance.now()
    const found = locateValues(text, (p) => p.length === 1)
    // A generous bound: this proves "no hang", not speed (the quadratic version took minutes).
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(found.size).toBe(100_000)
    for (const i of [0, 1, 4242, 99_999]) {
      const span = found.get(pathKey([`k${i}`]))!
      expect({line: span.line, column: span.column}).toEqual(lineColumn(text, span.start))
      expect(span.line).toBe(i + 2)
    }
  })

  it('a later duplicate still replaces everything an earlier one left behind', () => {
    // The first "gateway" is walked while nothing has been found yet; its token must not survive.
    const text = '{"gateway": {"auth": {"token": "aaaa"}}, "x": 1, "gateway": {"mode": "local"}}'
    expect(locateValue(text, ['gateway', 'auth', 'token'])).toBeUndefined()
    const again = '{"gateway": {"auth": {"token": "aaaa"}}, "gateway": {"auth": {"token": "bbbb"}}}'
    expect(again.slice(locateValue(again, ['gateway', 'auth', 'token'])!.start)).toMatch(/^"bbbb"/)
  })
})
