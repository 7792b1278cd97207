import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {Secret} from '../../src/model/secret.js'
import {readConfig} from '../../src/sources/config/read.js'

const FAKE_A = 'fake0000aaaa'.repeat(4)
const FAKE_B = 'fake1111bbbb'.repeat(4)
const CFG = '/h/.clawdbot/clawdbot.json'
const paths = {configPath: CFG, home: '/h', cwd: '/w', stateDir: '/h/.clawdbot'}

function memfs(files: Record<string, string>): ReadFs {
  return Volume.fromJSON(files).promises as unknown as ReadFs
}
const read = (files: Record<string, string>, env: Record<string, string> = {}) => readConfig({fs: memfs(files), env}, paths)
/** The product writes 2-space JSON plus a newline. */
const productJson = (o: unknown) => JSON.stringify(o, null, 2) + '\n'

describe('readConfig: parse', () => {
  it('reads plain JSON as the product writes it, with token places', async () => {
    const f = await read({[CFG]: productJson({gateway: {mode: 'local', port: 18789, bind: 'loopback', auth: {mode: 'token', token: FAKE_A}}})})
    expect(f.status).toBe('ok')
    expect(f.discardedByProduct).toBe(false)
    expect(f.schemaErrors).toEqual([])
    expect(f.files).toEqual([CFG])
    expect(f.gateway).toMatchObject({mode: 'local', port: 18789, bind: 'loopback', authMode: 'token'})
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.gateway.authToken!.place).toEqual({kind: 'config', file: CFG, line: 8, column: 16, key: 'gateway.auth.token'})
    expect(f.gateway.authToken!.origin).toEqual({type: 'literal'})
    expect(f.gateway.places['gateway.port']).toMatchObject({line: 4, column: 13})
    expect(typeof f.mode).toBe('number')
  })

  it('reads JSON5 with comments, single quotes, unquoted keys, trailing commas, CRLF and a BOM', async () => {
    const text = '\uFEFF// my config\r\n{\r\n  gateway: {\r\n    /* local */ mode: \'local\',\r\n    auth: {token: \'' + FAKE_A + '\',},\r\n  },\r\n}\r\n'
    const f = await read({[CFG]: text})
    expect(f.status).toBe('ok')
    expect(f.gateway.mode).toBe('local')
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.gateway.authToken!.place).toMatchObject({line: 5, column: 19})
  })

  it.each([
    ['{\n  "gateway": {\n    "mode": "local",,\n  }\n}\n', 3, 21, 'unexpected character'],
    ['{\n  "gateway": {\n    "auth": {"token": "' + FAKE_A + '\n  }\n}\n', 3, 72, 'not closed'],
    ['{\n  "gateway": {\n', 3, 1, 'ends too early'],
  ])('reports a parse error at its exact line and column without quoting the text (%#)', async (text, line, column, reason) => {
    const f = await read({[CFG]: text})
    expect(f.status).toBe('parse-error')
    expect(f.discardedByProduct).toBe(true)
    expect(f.error!.place).toEqual({kind: 'config', file: CFG, line, column})
    expect(f.error!.message).toContain(`line ${line}, column ${column}`)
    expect(f.error!.message).toContain(reason)
    expect(f.error!.message).not.toContain('fake')
  })

  it('reports a missing file', async () => {
    const f = await read({'/h/other': '{}'})
    expect(f).toMatchObject({status: 'missing', files: [], discardedByProduct: false})
  })

  it('reports EACCES as unreadable (fake fs: root can read mode 000 files)', async () => {
    const fs = memfs({[CFG]: '{}'})
    const denied: ReadFs = {
      ...fs,
      stat: fs.stat,
      readFile: (async () => {
        throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'})
      }) as unknown as ReadFs['readFile'],
    }
    const f = await readConfig({fs: denied, env: {}}, paths)
    expect(f.status).toBe('unreadable')
    expect(f.error!.message).toContain('permission denied')
  })

  it('reports a directory in place of the file as unreadable', async () => {
    const f = await read({[`${CFG}/x`]: '{}'})
    expect(f.status).toBe('unreadable')
    expect(f.error!.message).toContain('directory')
  })

  it('keeps a numeric token as nonString and flags the schema error', async () => {
    const f = await read({[CFG]: '{"gateway": {"auth": {"token": 123456}}}'})
    expect(f.gateway.authToken).toMatchObject({nonString: 'number'})
    expect(f.gateway.authToken!.value.equals(new Secret('123456'))).toBe(true)
    expect(f.schemaErrors).toHaveLength(1)
    expect(f.schemaErrors[0]).toMatchObject({fatal: true, place: {key: 'gateway.auth.token', line: 1, column: 32}})
    expect(f.discardedByProduct).toBe(true)
  })
})

describe('readConfig: validation', () => {
  it('rejects the legacy gateway.token and gateway.customBindHost (gateway is strict)', async () => {
    const f = await read({[CFG]: productJson({gateway: {mode: 'local', token: FAKE_A, customBindHost: '10.0.0.1'}})})
    expect(f.gateway.legacyToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.schemaErrors.map((e) => e.place.key).sort()).toEqual(['gateway.customBindHost', 'gateway.token'])
    expect(f.schemaErrors.find((e) => e.place.key === 'gateway.token')!.message).toContain('gateway.auth.token')
    expect(f.schemaErrors.every((e) => e.fatal && e.place.line !== undefined)).toBe(true)
    expect(f.discardedByProduct).toBe(true)
  })

  it('rejects wrong types and enum values without echoing the value', async () => {
    const f = await read({[CFG]: productJson({gateway: {port: '18789', mode: 'server', bind: 'all', auth: {mode: FAKE_B}}})})
    expect(f.schemaErrors.map((e) => e.place.key).sort()).toEqual(['gateway.auth.mode', 'gateway.bind', 'gateway.mode', 'gateway.port'])
    expect(JSON.stringify(f.schemaErrors)).not.toContain(FAKE_B)
    expect(f.gateway.port).toBeUndefined()
  })

  it('rejects channels.dingtalk unless an installed plugin declares it', async () => {
    const cfg = productJson({channels: {dingtalk: {clientId: 'id', clientSecret: 'fake-secret', gatewayToken: FAKE_B}, telegram: {enabled: true}}})
    const bare = await read({[CFG]: cfg})
    expect(bare.schemaErrors).toHaveLength(1)
    expect(bare.schemaErrors[0].message).toContain('unknown channel id: dingtalk')
    expect(bare.schemaErrors[0].place).toMatchObject({key: 'channels.dingtalk', line: 3})
    expect(bare.pluginChannels).toBeUndefined()
    const ding = bare.channels.find((c) => c.id === 'dingtalk')!
    expect(ding.keys).toEqual(['clientId', 'clientSecret', 'gatewayToken'])
    expect(ding.tokens).toHaveLength(1)
    expect(ding.tokens[0]).toMatchObject({id: 'config.channel', label: 'channels.dingtalk.gatewayToken'})
    expect(bare.channels.find((c) => c.id === 'telegram')!.enabled).toBe(true)

    const manifest = JSON.stringify({id: 'dingtalk', channels: ['dingtalk'], configSchema: {}})
    const withPlugin = await read({[CFG]: cfg, '/h/.clawdbot/extensions/dingtalk/clawdbot.plugin.json': manifest})
    expect(withPlugin.pluginChannels).toEqual(['dingtalk'])
    expect(withPlugin.schemaErrors).toEqual([])
    const viaLoadPath = await read({
      [CFG]: productJson({plugins: {load: {paths: ['~/plugins/ding']}}, channels: {dingtalk: {}}}),
      '/h/plugins/ding/clawdbot.plugin.json': manifest,
    })
    expect(viaLoadPath.schemaErrors).toEqual([])
  })

  it('accepts channels declared by bundled plugins (msteams, matrix) and finds bridge tokens', async () => {
    const f = await read({[CFG]: productJson({channels: {msteams: {}, matrix: {bridge: {token: FAKE_A}}}})})
    expect(f.schemaErrors).toEqual([])
    expect(f.channels[1].tokens[0]).toMatchObject({label: 'channels.matrix.bridge.token', place: {line: 6}})
  })

  it('reports the effective env block token and the one it shadows', async () => {
    const f = await read({[CFG]: productJson({env: {vars: {CLAWDBOT_GATEWAY_TOKEN: FAKE_A}, CLAWDBOT_GATEWAY_TOKEN: FAKE_B}})})
    expect(f.envBlock).toHaveLength(1)
    expect(f.envBlock[0]).toMatchObject({id: 'config.env', label: 'env.CLAWDBOT_GATEWAY_TOKEN', shadowed: [{key: 'env.vars.CLAWDBOT_GATEWAY_TOKEN', line: 4}]})
    expect(f.envBlock[0].value.equals(new Secret(FAKE_B))).toBe(true)
  })
})
