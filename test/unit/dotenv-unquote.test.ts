// Issue 13: the dotenv reader drops a value's quotes without dotenv's back-reference regex on one-line
// values (that regex was most of a 10 000-line file's parse). It must give exactly what the regex gives.
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {unquote} from '../../src/formats/dotenv/parse.js'

const dotenvRule = (v: string): string => v.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')

describe('unquote equals dotenv 16 value.replace(/^([\'"`])([\\s\\S]*)\\1$/gm, "$2")', () => {
  it('on strings dense in quotes and line breaks', () => {
    const unit = fc.constantFrom("'", '"', '`', 'a', ' ', '\n', '\r', '\u2028', '\u2029', '\\', '#')
    fc.assert(
      fc.property(fc.string({unit, maxLength: 12}), (v) => {
        expect(unquote(v)).toBe(dotenvRule(v))
      }),
      {numRuns: 20_000},
    )
  })

  it('on corners', () => {
    for (const v of ['', "'", '""', "'a'", '`a`', '"a\'', '"a"b"', "'a\n'", "'a'\n'b'", '"\u2028"', 'abc']) expect(unquote(v)).toBe(dotenvRule(v))
  })
})
