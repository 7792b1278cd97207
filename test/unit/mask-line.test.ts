import {describe, expect, it} from 'vitest'

import {maskLine} from '../../src/render/sync.js'
import {Secret} from '../../src/model/secret.js'
import {TOK_A} from '../helpers/facts.js'

describe('maskLine (diff lines of unit, env and .env files)', () => {
  const m = new Secret(TOK_A).mask()
  it.each([
    [`Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`, `Environment=CLAWDBOT_GATEWAY_TOKEN=<${m}>`],
    [`Environment="CLAWDBOT_GATEWAY_TOKEN=${TOK_A}"`, `Environment="CLAWDBOT_GATEWAY_TOKEN=<${m}>"`],
    [`Environment='CLAWDBOT_GATEWAY_TOKEN=${TOK_A}' HOME=/h`, `Environment='CLAWDBOT_GATEWAY_TOKEN=<${m}>' HOME=<${new Secret('/h').mask()}>`],
    [`CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`, `CLAWDBOT_GATEWAY_TOKEN=<${m}>`],
    [`CLAWDBOT_GATEWAY_TOKEN="${TOK_A}"`, `CLAWDBOT_GATEWAY_TOKEN="<${m}>"`],
  ])('%s', (line, masked) => {
    expect(maskLine(line)).toBe(masked)
  })
  it('never lets a part of a value with "=" through', () => {
    for (const v of ['QUJD==', 'ABC=DEF', 'a=b=c']) {
      expect(maskLine(`CLAWDBOT_GATEWAY_TOKEN=${v}`)).not.toMatch(/QUJD|ABC|DEF|a=b/)
      expect(maskLine(`Environment=CLAWDBOT_GATEWAY_TOKEN=${v}`)).not.toMatch(/QUJD|ABC|DEF|a=b/)
    }
  })
})

describe('gateway.remote.url is kept without credentials', async () => {
  const {safeUrl} = await import('../../src/sources/config/extract.js')
  it.each([
    ['wss://gw.example.net:443/?token=SECRET', 'wss://gw.example.net'],
    ['ws://user:SECRET@127.0.0.1:18789/ws#SECRET', 'ws://127.0.0.1:18789/ws'],
    ['ws://127.0.0.1:18789', 'ws://127.0.0.1:18789'],
    ['not a url SECRET', undefined],
  ])('%s', (input, out) => {
    expect(safeUrl(input)).toBe(out)
  })
})

describe('config diffs mask every value', async () => {
  const {fileDiff} = await import('../../src/render/sync.js')
  const digits = '123456789012345678901234'
  it.each([
    ['a created object holding the token', '{ gateway: {} }', `{ gateway: { auth: { token: "${TOK_A}" } } }`],
    ['a numeric token', `{ gateway: { auth: { token: ${digits} } } }`, `{ gateway: { auth: { token: "${TOK_A}" } } }`],
  ])('%s', (_name, before, after) => {
    const lines = fileDiff({
      path: '/x/clawdbot.json',
      kind: 'config',
      before: Buffer.from(before),
      after: Buffer.from(after),
      reason: 'test',
      changes: [],
    } as never)
    expect(lines.length).toBeGreaterThan(0)
    for (const l of lines) {
      expect(l).not.toContain(TOK_A)
      expect(l).not.toContain(digits)
    }
  })
})
