// Issue 13: inserting a key parses only the object that receives it (insertInRegion), not the whole
// file. On documents of every style, the result must be byte for byte what the CST gives when it
// parses the whole file (insertJsonString), and must not depend on what the rest of the file holds.
import fc from 'fast-check'
import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {setJsonString} from '../../src/formats/json5/edit.js'
import {insertJsonString} from '../../src/formats/json5/insert.js'
import {Secret} from '../../src/model/secret.js'

const style = fc.record({
  quoteKeys: fc.constantFrom('"', "'", ''),
  nl: fc.constantFrom('\n', '\r\n'),
  indent: fc.constantFrom('', '  ', '    ', '\t'),
  trailingComma: fc.boolean(),
  comment: fc.boolean(),
  /** What gateway.auth holds already: absent, empty, or a mode. */
  auth: fc.constantFrom('absent', 'empty', 'mode'),
  /** Members of gateway besides auth. */
  members: fc.nat({max: 2}),
})
type Style = typeof style extends fc.Arbitrary<infer T> ? T : never

function render(s: Style, big: number): string {
  const k = (name: string) => (s.quoteKeys ? `${s.quoteKeys}${name}${s.quoteKeys}` : name)
  const t = s.trailingComma ? ',' : ''
  const [i1, i2, i3] = [s.indent, s.indent.repeat(2), s.indent.repeat(3)]
  const gw: string[] = []
  for (let m = 0; m < s.members; m++) gw.push(`${i2}${k(`m${m}`)}: 'v${m}'`)
  if (s.auth === 'empty') gw.push(`${i2}${k('auth')}: {}`)
  if (s.auth === 'mode') gw.push(`${i2}${k('auth')}: {${s.nl}${i3}${k('mode')}: "token"${t}${s.nl}${i2}}`)
  const vars = Array.from({length: big}, (_, n) => `${i2}${k(`V${n}`)}: "x"`)
  const lines = [
    ...(s.comment ? ['// header'] : []),
    '{',
    `${i1}${k('gateway')}: {${s.comment ? ' // the gateway' : ''}`,
    ...(gw.length ? [gw.join(`,${s.nl}`) + t] : []),
    `${i1}},`,
    `${i1}${k('env')}: {`,
    ...(vars.length ? [vars.join(`,${s.nl}`) + t] : []),
    `${i1}}${t}`,
    '}',
    '',
  ]
  return lines.join(s.nl)
}

describe('inserting a key parses only the receiving object', () => {
  it('gives the whole-file CST result, byte for byte', () => {
    fc.assert(
      fc.property(style, fc.nat({max: 3}), (s, big) => {
        const text = render(s, big)
        const token = new Secret('fake3333dddd'.repeat(4))
        const path = ['gateway', 'auth', 'token']
        const out = setJsonString(text, path, token, {create: true})
        expect(out).toBe(insertJsonString(text, path, token))
        expect(JSON5.parse(out).gateway.auth.token).toBe(token.reveal())
      }),
      {numRuns: 500},
    )
  })
})
