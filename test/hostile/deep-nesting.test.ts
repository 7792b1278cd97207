import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {MAX_NESTING, parseConfigText} from '../../src/formats/json5/parse.js'
import {readConfig} from '../../src/sources/config/read.js'

const CFG = '/h/.clawdbot/clawdbot.json'
const INC = '/h/.clawdbot/deep.json5'
const paths = {configPath: CFG, home: '/h', cwd: '/w', stateDir: '/h/.clawdbot'}
const read = (files: Record<string, string>) => readConfig({fs: Volume.fromJSON(files).promises as unknown as ReadFs, env: {}}, paths)

const objects = (n: number, key = '"a"') => `{${key}:`.repeat(n) + '1' + '}'.repeat(n)
const arrays = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n)

describe('deeply nested configs (10 000 levels used to overflow the stack in $include resolution)', () => {
  it.each([
    ['JSON objects', objects(10_000)],
    ['JSON5 objects (unquoted keys)', objects(10_000, 'a')],
    ['arrays', arrays(10_000)],
    ['objects with comments and brackets inside strings', '// {[\n' + `{"a":"}]", "b":`.repeat(5000) + '1' + '}'.repeat(5000)],
  ])('%s: a parse-error with line and column, no exception', async (_name, text) => {
    const f = await read({[CFG]: text})
    expect(f.status).toBe('parse-error')
    expect(f.error?.message).toMatch(/nested more than 200 levels deep/)
    expect(f.error?.place).toMatchObject({file: CFG, line: expect.any(Number), column: expect.any(Number)})
  })

  it('points at the first bracket past the limit', () => {
    const r = parseConfigText('\n' + objects(MAX_NESTING + 1))
    expect(r).toMatchObject({ok: false, line: 2, column: MAX_NESTING * 5 + 1})
  })

  it('accepts exactly MAX_NESTING levels (brackets in strings and comments do not count)', async () => {
    expect(parseConfigText(objects(MAX_NESTING)).ok).toBe(true)
    expect(parseConfigText(`/* [[[[ */ {"x": "{{{{[[[[", 'y': '\\'{{', z: ${objects(MAX_NESTING - 1)}}`).ok).toBe(true)
    const f = await read({[CFG]: objects(MAX_NESTING)})
    expect(f.status).toBe('ok')
  })

  it('a deep $include file is an include error on the $include, not a crash', async () => {
    const f = await read({[CFG]: '{"$include": "./deep.json5"}', [INC]: arrays(10_000)})
    expect(f.status).toBe('ok')
    expect(f.includeErrors).toHaveLength(1)
    expect(f.includeErrors[0].message).toMatch(/deep\.json5.*nested more than 200 levels/)
    expect(f.discardedByProduct).toBe(true)
  })
})
