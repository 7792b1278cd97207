// Issue 13: the sync diff of a unit or .env file splits only the lines around the edit. It must list
// exactly what comparing every line i of the old file with line i of the new one lists (and, when lines were cut or
// added by --migrate-legacy-names, the changed block between the common head and tail).
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {PlannedFile} from '../../src/fix/plan.js'
import {fileDiff, maskLine} from '../../src/render/sync.js'

/** The oracle: every line i of the old file against line i of the new one; when lines were cut or added, the changed block. */
function wholeFileDiff(before: string, after: string): string[] {
  const a = before.split('\n')
  const b = after.split('\n')
  const out: string[] = []
  if (a.length !== b.length) {
    let head = 0
    while (a[head] === b[head]) head++
    let tail = 0
    while (tail < Math.min(a.length, b.length) - head && a.at(-1 - tail) === b.at(-1 - tail)) tail++
    a.slice(head, a.length - tail).forEach((l, i) => out.push(`  - ${head + i + 1}: ${maskLine(l)}`))
    b.slice(head, b.length - tail).forEach((l, i) => out.push(`  + ${head + i + 1}: ${maskLine(l)}`))
    return out
  }
  a.forEach((l, i) => {
    if (l !== b[i]) out.push(`  - ${i + 1}: ${maskLine(l)}`, `  + ${i + 1}: ${maskLine(b[i])}`)
  })
  return out
}

const diff = (before: string, after: string): string[] =>
  fileDiff({kind: 'dotenv', before: Buffer.from(before), after: Buffer.from(after)} as unknown as PlannedFile)

describe('the line diff of a planned file', () => {
  it('equals a whole-file line-by-line comparison', () => {
    const line = fc.string({unit: fc.constantFrom('A', '=', '1', '2', '"', ' ', '\r'), maxLength: 6})
    const edit = fc.tuple(fc.nat(), fc.nat({max: 3}), fc.array(line, {maxLength: 3}))
    // Common text before and after the edit, long enough for the block comparison (1024 characters).
    const pad = fc.constantFrom('', 'X=1234567890\n'.repeat(100), 'Y=1\n'.repeat(700))
    fc.assert(
      fc.property(fc.array(line, {maxLength: 8}), fc.array(edit, {maxLength: 2}), pad, pad, (lines, edits, head, tail) => {
        const next = [...lines]
        for (const [at, del, ins] of edits) next.splice(next.length ? at % (next.length + 1) : 0, del, ...ins)
        const before = head + lines.join('\n') + tail
        const after = head + next.join('\n') + tail
        expect(diff(before, after)).toEqual(wholeFileDiff(before, after))
      }),
      {numRuns: 20_000},
    )
  })
})
