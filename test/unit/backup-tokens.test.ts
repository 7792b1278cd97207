import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {listBackups, tokensHeld} from '../../src/sources/backups.js'
import type {ReadFs} from '../../src/sources/context.js'
import {Secret} from '../../src/model/secret.js'

const A = 'aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666'
const B = 'bbbb2222cccc3333dddd4444eeee5555ffff66660000aaaa'
const m = (label: string, v: string) => ({label, value: new Secret(v)})
const masks = (r: ReturnType<typeof tokensHeld>) => r.tokens.map((t) => `${t.label} ${t.value?.mask() ?? t.template}`)

describe('tokensHeld: a backup read in its own grammar', () => {
  it('config: the extractors of the config reader (auth, remote, env block, channels), templates kept as templates', () => {
    const r = tokensHeld(
      'config',
      `// c\n{gateway: {auth: {token: '${A}', password: "\${PW}"}}, env: {vars: {CLAWDBOT_GATEWAY_TOKEN: '${B}'}}, channels: {x: {gatewayToken: '${A}'}}}`,
      '/c.json',
    )
    expect(masks(r)).toEqual([
      `gateway.auth.token ${new Secret(A).mask()}`,
      `env.vars.CLAWDBOT_GATEWAY_TOKEN ${new Secret(B).mask()}`,
      `channels.x.gatewayToken ${new Secret(A).mask()}`,
      'gateway.auth.password ${PW}',
    ])
  })
  it('config that does not parse: a problem with the line, no value', () => {
    expect(tokensHeld('config', `{\n gateway: {auth: {token: '${A}'\n`, '/c.json')).toEqual({
      tokens: [],
      problem: expect.stringMatching(/^it is not valid JSON5 \(line \d+\)$/),
    })
  })
  it('unit: the last Environment= in [Service] wins, quotes and continuations as systemd reads them', () => {
    const r = tokensHeld(
      'unit',
      `[Unit]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=nope\n[Service]\nEnvironment="CLAWDBOT_GATEWAY_TOKEN=${B}"\nEnvironment=X=1 \\\n  ` +
        `CLAWDBOT_GATEWAY_TOKEN=${A}\n`,
      '/u.service',
    )
    expect(r.tokens).toEqual([m('CLAWDBOT_GATEWAY_TOKEN', A)])
  })
  it('EnvironmentFile= and .env: their own quoting rules', () => {
    expect(tokensHeld(
      'env-file',
      `CLAWDBOT_GATEWAY_TOKEN='${A}'\nCLAWDBOT_GATEWAY_PASSWORD=${B}\n`,
      '/e',
    ).tokens).toEqual([m('CLAWDBOT_GATEWAY_TOKEN', A), m('CLAWDBOT_GATEWAY_PASSWORD', B)])
    expect(tokensHeld('env-file', `CLAWDBOT_GATEWAY_TOKEN=${A}\0\n`, '/e')).toEqual({tokens: [], problem: 'systemd would refuse this file'})
    expect(tokensHeld(
      'dotenv',
      `CLAWDBOT_GATEWAY_TOKEN=${B}\nexport CLAWDBOT_GATEWAY_TOKEN="${A}" # new\n`,
      '/.env',
    ).tokens).toEqual([m('CLAWDBOT_GATEWAY_TOKEN', A)])
  })
})

describe('listBackups', () => {
  it('finds new and old names of each file, oldest first, and nothing else', async () => {
    const vol = Volume.fromJSON({
      '/s/clawdbot.json': '{}',
      '/s/clawdbot.json.clawdoc-20261125T142233.bak': '1',
      '/s/clawdbot.json.clawdoc-20261125T142233-1.bak': '2',
      '/s/clawdbot.json.clawdoc-20261125T142233.500Z-000.bak': '3',
      '/s/clawdbot.json.bak': 'product backup',
      '/s/.env.clawdoc-20261125T142233.500Z-000.bak': '4',
      '/s/other.json.clawdoc-20261125T142233.500Z-000.bak': '5',
    })
    const fs = vol.promises as unknown as ReadFs
    const found = await listBackups(fs, [{path: '/s/clawdbot.json', kind: 'config'}, {path: '/s/.env', kind: 'dotenv'}])
    expect(found.map((b) => [b.file, b.id])).toEqual([
      ['/s/clawdbot.json', '20261125T142233'],
      ['/s/clawdbot.json', '20261125T142233-1'],
      ['/s/.env', '20261125T142233.500Z-000'],
      ['/s/clawdbot.json', '20261125T142233.500Z-000'],
    ])
  })
})
