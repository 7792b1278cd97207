// Issue 13: the line index reads only as far as the offsets asked for. In any order of questions it
// must answer what a full index of the text answers.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {LineIndex, type LineEnds} from '../../src/formats/lines.js'

/** The plain definition: count the line breaks before the offset. */
function naive(text: string, offset: number, ends: LineEnds): {line: number; column: number} {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i]
    if (c === '\n' || (ends === 'any' && c === '\r' && text[i + 1] !== '\n')) {
      line++
      start = i + 1
    }
  }
  return {line, column: offset - start + 1}
}

describe('LineIndex, built as far as asked', () => {
  it('places every offset like a count of the line breaks before it, in any order of questions', () => {
    const text = fc.string({unit: fc.constantFrom('a', '\n', '\r', ' ', 'é'), maxLength: 40})
    fc.assert(
      fc.property(text, fc.constantFrom<LineEnds>('lf', 'any'), fc.array(fc.nat(45), {maxLength: 8}), (t, ends, offsets) => {
        const index = new LineIndex(t, ends)
        for (const o of offsets) expect(index.position(o), `${JSON.stringify(t)} @${o} ${ends}`).toEqual(naive(t, o, ends))
      }),
      {numRuns: 20_000},
    )
  })
})
