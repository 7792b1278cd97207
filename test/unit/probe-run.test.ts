import {isIP} from 'node:net'

import fc from 'fast-check'
import {afterEach, describe, expect, it} from 'vitest'

import {distinctValues, runProbes, tokenCopies} from '../../src/probe/run-probes.js'
import {isLoopbackHost} from '../../src/formats/url.js'
import {mayReceiveTokens, probeTarget} from '../../src/probe/target.js'
import {Secret} from '../../src/model/secret.js'
import {closedPort, probeFacts as facts, tokenCopy as copy, closeFakeGateways, startFakeGateway} from '../helpers/fake-gateway.js'

const A = 'fake-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const B = 'fake-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

afterEach(closeFakeGateways)

describe('distinct values', () => {
  it('collects every token copy (not passwords), groups equal values, skips empty ones', () => {
    const f = facts(
      1,
      [copy('config.auth.token', A), copy('unit.env', A), copy('shell.env', B), copy('service.process-env', ''), copy('config.auth.password', A, 'password')],
    )
    const ids = tokenCopies(f).map((c) => c.id)
    expect(ids.sort()).toEqual(['config.auth.token', 'service.process-env', 'shell.env', 'unit.env'])
    const vs = distinctValues(tokenCopies(f))
    expect(vs.map((v) => [v.copies.sort(), v.trimmed])).toEqual([[['config.auth.token', 'unit.env'], false], [['shell.env'], false]])
  })

  it('adds the trimmed value of a copy with outer whitespace (what clients send)', () => {
    const vs = distinctValues([copy('config.auth.token', `${A} `), copy('shell.env', A)])
    expect(vs.map((v) => [v.value.length, v.copies, v.trimmed])).toEqual([[A.length + 1, ['config.auth.token'], false], [A.length, ['shell.env'], false]])
    const ws = distinctValues([copy('config.auth.token', `\t${A}\n`), copy('unit.env', ` ${A}`)])
    expect(ws.map((v) => [v.value.length, v.copies, v.trimmed])).toEqual([
      [A.length + 2, ['config.auth.token'], false],
      [A.length + 1, ['unit.env'], false],
      [A.length, ['config.auth.token', 'unit.env'], true],
    ])
  })
})

describe('runProbes against the fake gateway', () => {
  it('sends one connect per distinct value plus one bogus token, all to loopback, and reports per value', async () => {
    const gw = await startFakeGateway({token: A})
    const f = facts(
      gw.port,
      [copy('config.auth.token', A), copy('unit.env', A), copy('config.remote.token', B), copy('shell.env', B), copy('service.manager-env', A)],
    )
    const p = await runProbes(f, {timeoutMs: 2000})
    expect(p.status).toBe('ok')
    expect(p.target).toBe(`ws://127.0.0.1:${gw.port}`)
    expect(p.authOff).toBe(false)
    const sent = gw.connectTokens()
    expect(sent).toHaveLength(3)
    expect(sent.filter((t) => t === A)).toHaveLength(1)
    expect(sent.filter((t) => t === B)).toHaveLength(1)
    const bogus = sent.find((t) => t !== A && t !== B)
    expect(bogus).toMatch(/^[0-9a-f]{48}$/)
    expect(gw.frames).toHaveLength(3) // nothing but the connect requests
    expect(new Set(gw.connections.map((c) => c.remoteAddress))).toEqual(new Set(['127.0.0.1']))
    const byFp = (v: string) => p.results.find((r) => r.sha256 === new Secret(v).fingerprint)
    expect(byFp(A)).toMatchObject({outcome: 'accepted', copies: ['config.auth.token', 'unit.env', 'service.manager-env'], length: A.length})
    expect(byFp(B)).toMatchObject({outcome: 'token-mismatch', copies: ['config.remote.token', 'shell.env']})
    expect(JSON.stringify(p)).not.toContain(A)
    expect(JSON.stringify(p)).not.toContain(B)
  })

  it('shows the whitespace trap: the value as written is accepted, the trimmed one the clients send is not', async () => {
    const gw = await startFakeGateway({token: `${A} `})
    const p = await runProbes(facts(gw.port, [copy('config.auth.token', `${A} `)]))
    expect(p.results.map((r) => [r.length, r.outcome, r.trimmed ?? false])).toEqual([
      [A.length + 1, 'accepted', false],
      [A.length, 'token-mismatch', true],
    ])
  })

  it('detects auth off with the bogus token', async () => {
    const gw = await startFakeGateway({authMode: 'none'})
    const p = await runProbes(facts(gw.port, [copy('config.auth.token', A)]))
    expect(p.authOff).toBe(true)
    expect(gw.connectTokens()).toHaveLength(2)
  })

  it('still probes with the bogus token when no copy exists', async () => {
    const gw = await startFakeGateway({token: A})
    const p = await runProbes(facts(gw.port))
    expect(p).toMatchObject({status: 'ok', authOff: false, results: []})
    expect(gw.connectTokens()).toHaveLength(1)
  })

  it('reports unreachable for a closed port, naming a non-loopback bind', async () => {
    const port = await closedPort()
    const p = await runProbes(facts(port, [copy('config.auth.token', A)]))
    expect(p.status).toBe('unreachable')
    expect(p.results[0]!.outcome).toBe('refused')
    expect(p.authOff).toBeUndefined()
    expect(p.reason).toBe(`Nothing answered on ws://127.0.0.1:${port} (refused: connection refused).`)
    const t = await runProbes(facts(port, [], {bind: 'tailnet'}))
    expect(t.reason).toMatch(/gateway\.bind is "tailnet"/)
  })

  it('probes the remote URL only when asked, and skips when it is unset or not ws', async () => {
    const gw = await startFakeGateway({token: B})
    const f = facts(1, [copy('config.remote.token', B)], {remoteUrl: `ws://localhost:${gw.port}/?token=${B}`})
    const p = await runProbes(f, {remote: true})
    expect(p.target).toBe(`ws://localhost:${gw.port}`) // query (a token!) stripped for display
    expect(p.results[0]!.outcome).toBe('accepted')
    expect((await runProbes(facts(1, [], {}), {remote: true})).status).toBe('skipped')
    expect((await runProbes(facts(1, [], {remoteUrl: 'http://example.invalid'}), {remote: true})).status).toBe('skipped')
  })
})

describe('target guard', () => {
  it.each([
    ['127.0.0.1', true], ['127.3.4.5', true], ['localhost', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false], ['192.168.1.2', false], ['example.com', false], ['128.0.0.1', false], ['127.0.0.1.example.com', false],
  ] as const)('%s loopback=%s', (host, want) => {
    expect(isLoopbackHost(host)).toBe(want)
  })

  it('reads a dotted quad as node:net does (it no longer loads node:net for that)', () => {
    const octet = fc.oneof(fc.integer({min: 0, max: 300}).map(String), fc.constantFrom('00', '01', '127', '255', '256', '-1', '', 'x', '1e2'))
    const host = fc.oneof(fc.array(octet, {minLength: 3, maxLength: 5}).map((o) => o.join('.')), fc.string())
    fc.assert(fc.property(host, (h) => {
      const lower = h.toLowerCase()
      // The same answer, for every string whose IPv4 reading decides it (not localhost, ::1 or a mapped address).
      if (isIP(lower) === 4) expect(isLoopbackHost(h)).toBe(lower.startsWith('127.'))
      else if (!/^(localhost|::1|0:0:0:0:0:0:0:1|\[?::ffff:.*)$/.test(lower.replace(/^\[|\]$/g, ''))) expect(isLoopbackHost(h)).toBe(false)
    }), {numRuns: 20_000})
  })

  it('lets tokens go only to loopback or the remote URL the user asked for', () => {
    expect(mayReceiveTokens('ws://127.0.0.1:1', undefined)).toBe(true)
    expect(mayReceiveTokens('ws://10.1.2.3:1', undefined)).toBe(false)
    expect(mayReceiveTokens('wss://gw.example.com', 'wss://gw.example.com')).toBe(true)
    expect(mayReceiveTokens('wss://evil.example.com', 'wss://gw.example.com')).toBe(false)
  })

  it('builds ws/wss loopback URLs from the port and TLS setting, never the bind address', () => {
    expect(probeTarget(facts(4242, [], {bind: 'lan'}), false)).toMatchObject({url: 'ws://127.0.0.1:4242', loopback: true})
    expect(probeTarget(facts(4242, [], {tlsEnabled: true}), false)).toMatchObject({url: 'wss://127.0.0.1:4242'})
  })
})

describe('what a remote gateway may receive', async () => {
  const {probeCopies} = await import('../../src/probe/run-probes.js')
  it('only gateway.remote.token goes to a non-loopback host; loopback gets every copy', () => {
    const f = facts(
      1,
      [copy('config.auth.token', A), copy('config.remote.token', B), copy('shell.env', A), copy('unit.env', B)],
      {remoteUrl: 'wss://gw.example.net'},
    )
    expect(probeCopies(f, false).map((c) => c.id)).toEqual(['config.remote.token'])
    expect(probeCopies(f, true).map((c) => c.id).sort()).toEqual(['config.auth.token', 'config.remote.token', 'shell.env', 'unit.env'])
  })
})

describe('runProbes: a port that takes the connection but does not answer the handshake', () => {
  it('is asked once more with three times the time before it is called unreachable (no-answer)', async () => {
    const gw = await startFakeGateway({token: A, behaviour: 'silent'})
    const f = facts(gw.port, [copy('config.auth.token', A)])
    const t0 = performance.now()
    const p = await runProbes(f, {timeoutMs: 200})
    // Two rounds: 200 ms, then 600 ms (each round's probes run side by side).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(750)
    expect(gw.connections.length).toBe(4)
    expect(p.status).toBe('unreachable')
    expect(p.results[0]).toMatchObject({outcome: 'no-answer', message: 'no answer within 600 ms'})
  })
})
