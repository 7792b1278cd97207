import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {Secret} from '../../src/model/secret.js'
import {readConfig} from '../../src/sources/config/read.js'

const FAKE_A = 'fake0000aaaa'.repeat(4)
const FAKE_B = 'fake1111bbbb'.repeat(4)
const D = '/h/.clawdbot'
const CFG = `${D}/clawdbot.json`
const paths = {configPath: CFG, home: '/h', cwd: '/w', stateDir: D}
const read = (files: Record<string, string>, env: Record<string, string> = {}) =>
  readConfig({fs: Volume.fromJSON(files).promises as unknown as ReadFs, env}, paths)
const j = (o: unknown) => JSON.stringify(o, null, 2) + '\n'

describe('readConfig: $include', () => {
  it('takes a token from a nested include and places it in that file', async () => {
    const f = await read({
      [CFG]: j({gateway: {$include: './gw/gateway.json5', mode: 'local'}}),
      [`${D}/gw/gateway.json5`]: `{\n  $include: 'auth.json',\n  bind: 'loopback',\n}\n`,
      [`${D}/gw/auth.json`]: j({auth: {token: FAKE_A}}),
    })
    expect(f.includeErrors).toEqual([])
    expect(f.files).toEqual([CFG, `${D}/gw/gateway.json5`, `${D}/gw/auth.json`])
    expect(f.gateway).toMatchObject({mode: 'local', bind: 'loopback'})
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.gateway.authToken!.place).toEqual({kind: 'config', file: `${D}/gw/auth.json`, line: 3, column: 14, key: 'gateway.auth.token'})
    expect(f.discardedByProduct).toBe(false)
  })

  it('lets sibling keys override, deep-merges objects and concatenates arrays (array form)', async () => {
    const f = await read({
      [CFG]: j({$include: ['a.json', 'b.json'], gateway: {auth: {token: FAKE_B}}}),
      [`${D}/a.json`]: j({gateway: {auth: {token: FAKE_A}, trustedProxies: ['1.1.1.1']}}),
      [`${D}/b.json`]: j({gateway: {mode: 'local', trustedProxies: ['2.2.2.2']}}),
    })
    expect(f.includeErrors).toEqual([])
    expect(f.gateway.mode).toBe('local')
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_B))).toBe(true)
    expect(f.gateway.authToken!.place.file).toBe(CFG)
    expect(f.schemaErrors).toEqual([])
  })

  it('reports a missing include at the line of its $include', async () => {
    const f = await read({[CFG]: j({gateway: {mode: 'local'}, $include: './nope.json'})})
    expect(f.includeErrors).toHaveLength(1)
    expect(f.includeErrors[0].message).toContain('file not found')
    expect(f.includeErrors[0].place).toMatchObject({file: CFG, line: 5, column: 15})
    expect(f.discardedByProduct).toBe(true)
    expect(f.gateway.mode).toBe('local')
  })

  it('detects a cycle', async () => {
    const f = await read({[CFG]: j({$include: 'a.json'}), [`${D}/a.json`]: j({$include: 'clawdbot.json'})})
    expect(f.includeErrors).toHaveLength(1)
    expect(f.includeErrors[0].message).toMatch(/^Circular include detected: .*clawdbot.json -> .*a.json -> .*clawdbot.json/)
    expect(f.includeErrors[0].place.file).toBe(`${D}/a.json`)
  })

  it('allows 10 nested includes and rejects the 11th', async () => {
    const chain = (n: number) => {
      const files: Record<string, string> = {[CFG]: j({$include: 'f1.json'})}
      for (let i = 1; i <= n; i++) files[`${D}/f${i}.json`] = i === n ? j({gateway: {mode: 'local'}}) : j({$include: `f${i + 1}.json`})
      return files
    }
    const ten = await read(chain(10))
    expect(ten.includeErrors).toEqual([])
    expect(ten.gateway.mode).toBe('local')
    const eleven = await read(chain(11))
    expect(eleven.includeErrors).toHaveLength(1)
    expect(eleven.includeErrors[0].message).toContain('Maximum include depth (10) exceeded at: f11.json')
  })

  it('reports an include that does not parse, and a non-string array item', async () => {
    const f = await read({[CFG]: j({$include: ['bad.json', 42]}), [`${D}/bad.json`]: '{\n  "a": [1,\n'})
    expect(f.includeErrors.map((e) => e.message)).toEqual([
      expect.stringContaining('Failed to parse include file: bad.json'),
      expect.stringContaining('expected a string, got number'),
    ])
    expect(f.includeErrors[0].message).toContain('line 3, column 1')
    expect(f.includeErrors[1].place).toMatchObject({line: 4})
  })
})

describe('readConfig: ${VAR}', () => {
  const cfg = j({gateway: {auth: {token: '${GW_TOKEN}'}, remote: {token: 'pre-$${GW_TOKEN}'}}})

  it('substitutes a set variable and records the template', async () => {
    const f = await read({[CFG]: cfg}, {GW_TOKEN: FAKE_A})
    expect(f.varErrors).toEqual([])
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.gateway.authToken!.origin).toEqual({
      type: 'config-var',
      variable: 'GW_TOKEN',
      template: '${GW_TOKEN}',
      resolvedFrom: {kind: 'shell-env', variable: 'GW_TOKEN'},
    })
    // $${X} is a literal ${X}, not a reference.
    expect(f.gateway.remoteToken!.value.equals(new Secret('pre-${GW_TOKEN}'))).toBe(true)
    expect(f.gateway.remoteToken!.origin).toEqual({type: 'literal'})
  })

  it.each([
    [{}, 'unset'],
    [{GW_TOKEN: ''}, 'empty'],
  ] as const)('reports an %s variable as fatal, at the value', async (env, reason) => {
    const f = await read({[CFG]: cfg}, env)
    expect(f.varErrors).toEqual([
      {
        variable: 'GW_TOKEN',
        reason,
        message: expect.stringContaining('Missing env var "GW_TOKEN" referenced at config path: gateway.auth.token'),
        place: expect.objectContaining({line: 4, column: 16}),
      },
    ])
    expect(f.discardedByProduct).toBe(true)
  })

  it('substitutes a reference whose $ is written as a JSON escape (\\u0024), as the product does', async () => {
    const f = await read({[CFG]: '{"gateway": {"auth": {"token": "\\u0024{GW_TOKEN}"}}}'}, {GW_TOKEN: FAKE_A})
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
  })

  it('shows a template with its literal parts hidden (they may be part of the secret)', async () => {
    const f = await read({[CFG]: j({gateway: {auth: {token: 'fake-prefix-${GW_TOKEN}$${X}'}}})}, {GW_TOKEN: 'x'})
    expect(f.gateway.authToken!.origin).toMatchObject({type: 'config-var', variable: 'GW_TOKEN', template: '…${GW_TOKEN}…'})
  })

  it('ignores names that are not [A-Z_][A-Z0-9_]*', async () => {
    const f = await read({[CFG]: j({gateway: {auth: {token: '${lower}x${1X}'}}})})
    expect(f.varErrors).toEqual([])
    expect(f.gateway.authToken!.value.equals(new Secret('${lower}x${1X}'))).toBe(true)
  })
})
