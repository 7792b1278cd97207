import {afterEach, describe, expect, it} from 'vitest'

import {classifyRejection, safeMessage} from '../../src/probe/classify.js'
import {probeToken} from '../../src/probe/ws-probe.js'
import {Secret} from '../../src/model/secret.js'
import {OPENCLAW_CURRENT} from '../../src/model/profiles/index.js'
import {closedPort, closeFakeGateways, startFakeGateway} from '../helpers/fake-gateway.js'

const GOOD = 'fake-good-token-0000000000000000000000000000000000'
const BAD = 'fake-bad-token-11111111111111111111111111111111111'

afterEach(closeFakeGateways)

describe('probeToken against the fake gateway', () => {
  it('accepts the right token, sends exactly one connect as the product expects, closes with 1000', async () => {
    const gw = await startFakeGateway({token: GOOD})
    const r = await probeToken(gw.url, new Secret(GOOD))
    expect(r.outcome).toBe('accepted')
    expect(r.message).toBeUndefined()
    expect(gw.frames).toHaveLength(1)
    const f = gw.frames[0]!.json as Record<string, unknown>
    expect(f).toMatchObject({
      type: 'req',
      method: 'connect',
      params: {
        minProtocol: 3,
        maxProtocol: 3,
        client: {id: 'clawdbot-probe', mode: 'probe'},
        role: 'operator',
        scopes: ['operator.read'],
        auth: {token: GOOD},
      },
    })
    expect((f.params as Record<string, unknown>).device).toBeUndefined()
    expect(gw.frames[0]!.remoteAddress).toBe('127.0.0.1')
    await expect.poll(() => gw.connections[0]!.closeCode).toBe(1000)
  })

  it('speaks the handshake of the release in play (openclaw 2026.9.6: openclaw-probe, protocol 3-4)', async () => {
    const gw = await startFakeGateway({token: GOOD})
    // The fake is a clawdbot 2026.1.24-3 gateway: it refuses the openclaw client id as the real one would.
    expect(await probeToken(gw.url, new Secret(GOOD), {handshake: OPENCLAW_CURRENT.probe})).toMatchObject({outcome: 'protocol-error'})
    const f = gw.frames[0]!.json as {params: Record<string, unknown>}
    expect(f.params).toMatchObject({minProtocol: 3, maxProtocol: 4, client: {id: 'openclaw-probe', mode: 'probe'}})
  })

  it('classifies a wrong token as token-mismatch and keeps the product text', async () => {
    const gw = await startFakeGateway({token: GOOD})
    const r = await probeToken(gw.url, new Secret(BAD))
    expect(r).toMatchObject({outcome: 'token-mismatch', message: 'unauthorized: gateway token mismatch (provide gateway auth token)'})
  })

  it('classifies no token (device identity required) as token-missing, and sends no auth', async () => {
    const gw = await startFakeGateway({token: GOOD})
    const r = await probeToken(gw.url, undefined)
    expect(r).toMatchObject({outcome: 'token-missing', message: 'device identity required'})
    expect(gw.connectTokens()).toEqual([undefined])
  })

  it('classifies pairing required and token-not-configured as rejected', async () => {
    const gw = await startFakeGateway({token: GOOD, behaviour: 'pairing'})
    expect(await probeToken(gw.url, new Secret(GOOD))).toMatchObject({outcome: 'rejected', message: 'pairing required'})
    const unconfigured = await startFakeGateway({})
    const r = await probeToken(unconfigured.url, new Secret(GOOD))
    expect(r.outcome).toBe('rejected')
    expect(r.message).toMatch(/not configured on gateway/)
  })

  it('accepts anything when auth is off', async () => {
    const gw = await startFakeGateway({authMode: 'none'})
    expect((await probeToken(gw.url, new Secret(BAD))).outcome).toBe('accepted')
  })

  it('reports garbage frames and close 1002 as protocol-error, without echoing the frame', async () => {
    const gw = await startFakeGateway({behaviour: 'garbage', token: GOOD})
    const r = await probeToken(gw.url, new Secret(GOOD))
    expect(r.outcome).toBe('protocol-error')
    expect(r.message).not.toContain('html')
    expect(gw.frames).toHaveLength(0) // never sent the token to a non-gateway
    const closing = await startFakeGateway({behaviour: 'close-1002', token: GOOD})
    expect(await probeToken(closing.url, new Secret(GOOD))).toMatchObject({outcome: 'protocol-error', message: 'protocol mismatch'})
  })

  it('gives no-answer within the timeout when the gateway stays silent', async () => {
    const gw = await startFakeGateway({behaviour: 'silent', token: GOOD})
    const r = await probeToken(gw.url, new Secret(GOOD), {timeoutMs: 300})
    expect(r.outcome).toBe('no-answer')
    expect(r.ms).toBeGreaterThanOrEqual(290)
    expect(r.ms).toBeLessThan(1500)
    expect(gw.frames).toHaveLength(0)
    // The socket is gone once the promise settles: the server sees it closed.
    await expect.poll(() => gw.connections[0]?.closeCode).toBeDefined()
  })

  it('gives refused for a closed port, quickly', async () => {
    const port = await closedPort()
    const r = await probeToken(`ws://127.0.0.1:${port}`, new Secret(GOOD), {timeoutMs: 2000})
    expect(r.outcome).toBe('refused')
    expect(r.ms).toBeLessThan(1500)
  })

  it('reports a bad URL as protocol-error instead of throwing', async () => {
    const r = await probeToken('http://[not a url', new Secret(GOOD))
    expect(r.outcome).toBe('protocol-error')
    expect(r.message).not.toContain(GOOD)
  })
})

describe('classifyRejection / safeMessage', () => {
  it.each([
    ['unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)', true, 'token-mismatch'],
    ['unauthorized: gateway token missing (provide gateway auth token)', true, 'token-missing'],
    ['device identity required', false, 'token-missing'],
    ['device identity required', true, 'rejected'],
    ['unauthorized: gateway password mismatch (provide gateway auth password)', true, 'rejected'],
    ['invalid connect params: at /client/mode', true, 'protocol-error'],
    ['protocol mismatch', true, 'protocol-error'],
  ] as const)('%s (sent token: %s) -> %s', (text, sent, outcome) => {
    expect(classifyRejection(text, sent)).toBe(outcome)
  })

  it('masks an echoed token and cuts to 200 chars', () => {
    const s = new Secret(GOOD)
    const out = safeMessage(`echo ${GOOD} ${'x'.repeat(400)}`, GOOD, s.mask())
    expect(out).not.toContain(GOOD)
    expect(out).toContain(s.mask())
    expect(out).toHaveLength(200)
  })
})
