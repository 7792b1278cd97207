import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import WebSocket from 'ws'

import {startGateway, type RunningGateway} from '../helpers/clawdbot.js'
import {startFakeGateway, type FakeGateway} from '../helpers/fake-gateway.js'

/**
 * The unit tests trust the fake gateway to answer like the real one. This file holds
 * it to that: the same handshakes go to both, and what comes back must be identical.
 */
const TOKEN = 'fake-parity-token-000000000000000000000000000000'

interface Reply {
  first?: string
  ok?: boolean
  code?: string
  message?: string
  payloadType?: string
  closeCode?: number
  closeReason?: string
}

/** One handshake with the given connect params (undefined: send nothing and wait for the close). */
function handshake(url: string, params: Record<string, unknown> | string): Promise<Reply> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    const reply: Reply = {}
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString()) as {type: string; event?: string; ok?: boolean; error?: {code: string; message: string}; payload?: {type?: string}}
      if (reply.first === undefined) {
        reply.first = `${f.type}:${f.event ?? ''}`
        ws.send(typeof params === 'string' ? params : JSON.stringify({type: 'req', id: 'p1', method: 'connect', params}))
        return
      }
      if (f.type !== 'res') return
      Object.assign(reply, {ok: f.ok, code: f.error?.code, message: f.error?.message, payloadType: f.payload?.type})
      if (f.ok) ws.close(1000)
    })
    ws.on('close', (code, reason) => {
      if (!reply.ok) Object.assign(reply, {closeCode: code, closeReason: reason.toString()})
      resolve(reply)
    })
    ws.on('error', () => undefined) // the close event reports the outcome
  })
}

const base = {
  minProtocol: 3,
  maxProtocol: 3,
  client: {id: 'clawdbot-probe', version: 'x', platform: 'linux', mode: 'probe'},
  role: 'operator',
  scopes: ['operator.read'],
}
const CASES: [string, Record<string, unknown> | string][] = [
  ['right token', {...base, auth: {token: TOKEN}}],
  ['wrong token, probe mode', {...base, auth: {token: 'fake-wrong'}}],
  ['wrong token, cli mode', {...base, client: {...base.client, id: 'cli', mode: 'cli'}, auth: {token: 'fake-wrong'}}],
  ['wrong token, control ui', {...base, client: {...base.client, id: 'clawdbot-control-ui', mode: 'ui'}, auth: {token: 'fake-wrong'}}],
  ['no auth', base],
  ['empty token', {...base, auth: {token: ''}}],
  ['newer protocol only', {...base, minProtocol: 4, maxProtocol: 4, auth: {token: TOKEN}}],
  ['not a connect', JSON.stringify({type: 'req', id: 'p1', method: 'health', params: {}})],
]

let real: RunningGateway
let fake: FakeGateway

beforeAll(async () => {
  real = await startGateway({config: {gateway: {auth: {token: TOKEN}}}})
  fake = await startFakeGateway({token: TOKEN})
}, 300_000)

afterAll(async () => {
  await fake?.close()
  await real?.stop()
})

describe('fake gateway answers like clawdbot 2026.1.24-3', () => {
  it.each(CASES)('%s', async (_name, params) => {
    const want = await handshake(real.url, params)
    const got = await handshake(fake.url, params)
    expect(want.first).toBe('event:connect.challenge')
    expect(got).toEqual(want)
  })
})
