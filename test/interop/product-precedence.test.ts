import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {observeExec} from '../../src/sources/exec.js'
import {runProbes} from '../../src/probe/run-probes.js'
import {probeToken} from '../../src/probe/ws-probe.js'
import {Secret} from '../../src/model/secret.js'
import {ensureClawdbot, runClawdbot, startGateway, writeConfig, type RunningGateway} from '../helpers/clawdbot.js'
import {probeFacts, tokenCopy} from '../helpers/fake-gateway.js'
import {PRECEDENCE_ROWS, SERVERS, TOKEN_VALUES, type PrecedenceRow, type ServerId, type Sym} from './precedence-table.js'

const VALUES = TOKEN_VALUES
const val = (s: Sym | undefined) => (s === undefined ? undefined : VALUES[s])

let root: string
const gateways = new Map<ServerId, RunningGateway>()
/** Every argv this file starts (through src/exec.ts): no token may ever be in one. */
const argvs: string[] = []
const stopObserving = observeExec((file, args) => argvs.push([file, ...args].join(' ')))

beforeAll(async () => {
  await ensureClawdbot() // ~40 s the first time on a machine, then cached
  root = await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-interop-'))
  // One gateway per server setup, reused by every row; rows only change the client side.
  for (const [id, s] of Object.entries(SERVERS) as [ServerId, (typeof SERVERS)[ServerId]][]) {
    const home = path.join(root, `server-${id}`)
    await fsp.mkdir(home)
    const auth = 'authToken' in s ? {auth: {token: val(s.authToken)}} : {}
    const env = 'envToken' in s ? {CLAWDBOT_GATEWAY_TOKEN: val(s.envToken)} : {}
    gateways.set(id, await startGateway({home, config: {gateway: {mode: 'local', ...auth}}, env}))
  }
}, 300_000)

afterAll(async () => {
  stopObserving()
  for (const g of gateways.values()) await g.stop()
  if (root) await fsp.rm(root, {recursive: true, force: true})
})

/** A client machine as the row describes it: its own HOME, config copy, env and .env files. */
async function clientRun(row: PrecedenceRow, gw: RunningGateway) {
  const home = path.join(root, `client-${row.id}`)
  const cwd = path.join(home, 'work')
  await fsp.mkdir(cwd, {recursive: true})
  const gateway: Record<string, unknown> = {mode: row.mode, port: gw.port}
  if (row.authToken !== undefined) gateway.auth = {token: val(row.authToken)}
  gateway.remote = {...(row.mode === 'remote' ? {url: gw.url} : {}), ...(row.remoteToken ? {token: val(row.remoteToken)} : {})}
  await writeConfig(home, {gateway}, path.join(home, 'client.log'))
  if (row.stateDirDotenv) await fsp.writeFile(path.join(home, '.clawdbot', '.env'), `CLAWDBOT_GATEWAY_TOKEN=${val(row.stateDirDotenv)}\n`, {mode: 0o600})
  if (row.cwdDotenv) await fsp.writeFile(path.join(cwd, '.env'), `CLAWDBOT_GATEWAY_TOKEN=${val(row.cwdDotenv)}\n`, {mode: 0o600})
  return runClawdbot(['gateway', 'health'], {home, cwd, env: {CLAWDBOT_GATEWAY_TOKEN: val(row.shellEnv)}})
}

function healthOutcome(r: {code: number | null; stdout: string; stderr: string}): string {
  const out = r.stdout + r.stderr
  if (r.code === 0) return 'ok'
  if (/gateway token mismatch/.test(out)) return 'token-mismatch'
  if (/gateway token missing/.test(out)) return 'token-missing'
  return `other (code ${r.code}): ${out.slice(0, 400)}`
}

const PROBE_FOR: Record<PrecedenceRow['result'], string> = {'ok': 'accepted', 'token-mismatch': 'token-mismatch', 'token-missing': 'token-missing'}

describe('clawdbot 2026.1.24-3: who sends which token (src/docs/CLAWDBOT.md §10)', () => {
  it.each(PRECEDENCE_ROWS.map((r) => [r.id, r] as const))('%s', async (_id, row) => {
    const gw = gateways.get(row.server)!
    const r = await clientRun(row, gw)
    expect(healthOutcome(r), row.note).toBe(row.result)
    // Our model of what the CLI sends, probed directly, gets the same verdict.
    const sent = row.clientSends === undefined ? undefined : new Secret(VALUES[row.clientSends])
    const probe = await probeToken(gw.url, sent, {timeoutMs: 5000})
    expect(probe.outcome, row.note).toBe(PROBE_FOR[row.result])
  }, 60_000)
})

describe('what the probe sees on the same gateways', () => {
  it('the server accepts its config token as written (with the space) and only that', async () => {
    const gw = gateways.get('whitespace')!
    expect((await probeToken(gw.url, new Secret(VALUES['A ']))).outcome).toBe('accepted')
    const mm = await probeToken(gw.url, new Secret(VALUES.A))
    expect(mm).toMatchObject({outcome: 'token-mismatch', message: 'unauthorized: gateway token mismatch (provide gateway auth token)'})
  })

  it('auth "" accepts a random token; a token server refuses it', async () => {
    const random = new Secret(`fake-random-${Date.now()}`)
    expect((await probeToken(gateways.get('emptyToken')!.url, random)).outcome).toBe('accepted')
    expect((await probeToken(gateways.get('configAndStaleEnv')!.url, random)).outcome).toBe('token-mismatch')
  })

  it('runProbes reports, per distinct value, which copies the real gateway accepts', async () => {
    const gw = gateways.get('configAndStaleEnv')!
    const f = probeFacts(gw.port, [
      tokenCopy('config.auth.token', VALUES.A), tokenCopy('statedir.dotenv', VALUES.A), tokenCopy('unit.env', VALUES.X),
      tokenCopy('service.process-env', VALUES.X), tokenCopy('shell.env', VALUES.B),
    ])
    const p = await runProbes(f, {timeoutMs: 5000})
    expect(p).toMatchObject({status: 'ok', authOff: false})
    expect(p.results.map((r) => [r.copies, r.outcome])).toEqual([
      [['config.auth.token', 'statedir.dotenv'], 'accepted'],
      [['shell.env'], 'token-mismatch'],
      [['unit.env', 'service.process-env'], 'token-mismatch'],
    ])
    const off = await runProbes(probeFacts(gateways.get('emptyToken')!.port, [tokenCopy('unit.env', VALUES.X)]), {timeoutMs: 5000})
    expect(off.authOff).toBe(true)
  })

  it('no token ever went on a command line', () => {
    expect(argvs.length).toBeGreaterThanOrEqual(PRECEDENCE_ROWS.length)
    for (const v of [VALUES.A, VALUES.B, VALUES.U, VALUES.X, VALUES.Z]) expect(argvs.some((a) => a.includes(v))).toBe(false)
  })

  it('the gateway log never contains a token value', async () => {
    for (const g of gateways.values()) {
      // The product may not have written its log file at all (ENOENT): then there is nothing in it to leak.
      const log = await fsp.readFile(g.logFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return ''
        throw e
      })
      const text = [await fsp.readFile(g.outFile, 'utf8'), log].join('\n')
      for (const v of [VALUES.A, VALUES.B, VALUES.U, VALUES.X, VALUES.Z]) expect(text.includes(v), `${g.outFile}`).toBe(false)
    }
  })
})
