// Skimming (src/formats/json5/skim.ts): the end of a container written as plain JSON, found by token
// runs. What it takes and where it stops; the scan and the offset map around it are checked against the
// json5 package by the property test (json5-scan-property.test.ts, skimming forced on every container).
import {describe, expect, it} from 'vitest'

import {skimContainer} from '../../src/formats/json5/skim.js'
import {SKIM_AT, json5ToJson, parseScanned} from '../../src/formats/json5/scan.js'
import {MAX_NESTING, parseConfigText} from '../../src/formats/json5/parse.js'
import {locateValue} from '../../src/formats/json5/locate.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import {Secret} from '../../src/model/secret.js'

describe('skimContainer', () => {
  it('takes a container of JSON tokens to its end', () => {
    for (const t of ['{}', '[]', '{"a": [1, -2.5e+3, true, false, null, "x\\"y\\u00e9\\n"], "b": {"c": {}}}', '[ \t\r\n0 ]', '[true, null]']) {
      expect(skimContainer(t + ' tail', 0), t).toMatchObject({end: t.length})
    }
  })

  it('stops at the first thing JSON lacks, or JSON5 reads otherwise', () => {
    const cases: [string, string][] = [
      ['{"a": 1, // c\n}', '/'],
      ['{a: 1}', 'a'],
      ["['x']", "'"],
      ['[1,]', ','],
      ['[1 , \n ]', ','],
      ['[.5]', '.'],
      ['[+1]', '+'],
      ['[0x1F]', 'x'],
      ['[1.]', '.'],
      ['[Infinity]', 'I'],
      ['[-Infinity]', '-'],
      ['{true: 1}', 't'],
      ['{null_x: 1}', 'n'],
      ['{true0: 1}', 't'],
      ['["\\v"]', '"'],
      ['["\\x41"]', '"'],
      ['["a\nb"]', '"'],
      ['["a\u0001"]', '"'],
      ['[1\u00a0]', '\u00a0'],
      ['[1}', '}'],
      ['{"a": 1]', ']'],
      ['[1, 2', ''],
    ]
    for (const [t, at] of cases) {
      const r = skimContainer(t, 0)
      expect(r.end, t).toBe(-1)
      expect(t.charAt(r.stoppedAt), t).toBe(at)
    }
  })

  it('leaves grammar to JSON.parse (token order is not checked), which json5 agrees to refuse', () => {
    expect(skimContainer('[1 2]', 0).end).toBe(5)
    expect(skimContainer('{"a" "b"}', 0).end).toBe(9)
  })

  it('says where nesting first passes the limit, counting the containers around it', () => {
    expect(skimContainer('[[[1]], [[[2]]]]', 0, 0, 3).tooDeepAt).toBe(10)
    expect(skimContainer('[[[1]], [[[2]]]]', 0, 1, 3).tooDeepAt).toBe(2)
    expect(skimContainer('[[1]]', 0, 0, 3).tooDeepAt).toBe(-1)
  })

  it('when it stops, hands back the long containers it found whole, by start', () => {
    const long = JSON.stringify({k: 'v'.repeat(40)})
    const t = `{"a": ${long}, "b": [1], c: 1}`
    const r = skimContainer(t, 0, 0, Infinity, 20)
    expect(r.end).toBe(-1)
    expect([...(r.closed ?? new Map())]).toEqual([[6, 6 + long.length]])
  })
})

describe('the scan skims a big config', () => {
  const vars = Object.fromEntries(Array.from({length: 2000}, (_, i) => [`V${i}`, 'x'.repeat(40)]))
  const text = `// hand-edited\n{gateway: {auth: {token: 'abc'}}, env: ${JSON.stringify({vars: {...vars, TOKEN_VAR: 'y'}}, null, 2)},}\n`

  it('without an entry for each value inside, and reads the container when asked', () => {
    const scanned = json5ToJson(text, MAX_NESTING)!
    // root, gateway, auth, token, env: the 2000 vars wait until asked for.
    expect(scanned.offsets.count).toBe(5)
    expect(text.length).toBeGreaterThan(SKIM_AT)
    const r = parseConfigText(text)
    expect(r.ok && (r.value as {env: {vars: Record<string, string>}}).env.vars.V1999).toBe('x'.repeat(40))
    expect(scanned.offsets.find(['env', 'vars', 'TOKEN_VAR'])).toBeGreaterThan(4)
    expect(scanned.offsets.valueCount()).toBe(4 + 1 + 1 + 2001)
    expect(parseScanned(scanned)).toEqual(r.ok && r.value)
  })

  it('reads a skimmed container whole when first asked, so a deep path costs one pass, not one per level', () => {
    let inner = '"deep"'
    const keys: string[] = []
    for (let d = 0; d < 150; d++) {
      inner = `{"k${d}": ${inner}, "pad": "${'p'.repeat(20)}"}`
      keys.unshift(`k${d}`)
    }
    const deep = `// hand-edited\n{a: 1, b: ${inner}}`
    const map = json5ToJson(deep, MAX_NESTING)!.offsets
    expect(map.count).toBe(3) // root, a, and b skimmed
    const i = map.find(['b', ...keys])
    expect(deep.slice(map.start(i), map.end(i))).toBe('"deep"')
    // b's second entry is the only one: nothing inside it was left skimmed, to be skimmed again level by level.
    expect(map.count - map.valueCount()).toBe(1)
  })

  it('places and edits a value inside a skimmed container', () => {
    parseConfigText(text) // the reader's scan: its map is remembered
    const span = locateValue(text, ['env', 'vars', 'TOKEN_VAR'])!
    expect(text.slice(span.start, span.end)).toBe('"y"')
    expect(span.line).toBe(text.slice(0, span.start).split('\n').length)
    const out = setJsonString(text, ['env', 'vars', 'TOKEN_VAR'], new Secret('z'.repeat(32)))
    expect(out).toBe(text.replace('"TOKEN_VAR": "y"', `"TOKEN_VAR": "${'z'.repeat(32)}"`))
    const added = setJsonString(text, ['env', 'vars', 'NEW_VAR'], new Secret('n'.repeat(32)), {create: true})
    const v = parseConfigText(added)
    expect(v.ok && (v.value as {env: {vars: Record<string, string>}}).env.vars.NEW_VAR).toBe('n'.repeat(32))
  })
})
