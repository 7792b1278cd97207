import {readFileSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import {pathToFileURL} from 'node:url'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {OPENCLAW_2026_3_2} from '../../src/model/profiles/data/openclaw-2026.3.2.js'
import {Secret} from '../../src/model/secret.js'
import {execFile, observeExec} from '../../src/sources/exec.js'
import {freePort, portAnswers} from '../helpers/clawdbot.js'
import {CACHE_ROOT} from '../helpers/install-cache.js'
import {clawdocActors, fakeToken, systemctlOk, waitUntil, writePrivate, type Shell} from '../helpers/live-drift.js'
import {ensureOpenclaw, findExport, openclawConfigText, openclawEnv, type OpenclawInstall} from '../helpers/openclaw.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'
import {healthOutcome, probeAs, logText, waitServes as waitOpenclawServes} from './openclaw-suite.js'

// Issue 12 item 6, the early openclaw row of the interop matrix: the live drift suite on the real openclaw 2026.3.2
// (Node 22), running as the unit that its own `openclaw gateway install` wrote (the token inline in Environment=,
// KillMode=process), in a contained systemd user manager. Model: live-drift-openclaw.test.ts (2026.9.6).
// One install (cached), one manager, one gateway start per fixture and one per repair. Per drift: the real
// `openclaw gateway health` (and, where the drift hits them, the release's own in-gateway tool call) shows what the
// drift does, clawdoc `doctor` names it, `clawdoc sync-token --yes --restart` repairs it, the real calls then succeed
// and `clawdoc doctor --fail-on error` exits 0. What it found is src/docs/OPENCLAW.md §9; a run's record
// goes to node_modules/.cache/clawdoc-interop/live-drift-openclaw-early.json (not committed).

const R = '2026.3.2' as const
const P = OPENCLAW_2026_3_2
const UNIT = P.names.unitName
const T = {A: fakeToken('oce-A'), B: fakeToken('oce-B'), X: fakeToken('oce-X')}
/** Every token value of the file; the one the gateway generates itself (case b) is added when it is read. */
const SECRETS = Object.values(T)
const OUT = path.join(CACHE_ROOT, 'live-drift-openclaw-early.json')
const TOKEN_LINE = `Environment=${P.unit.markerVariables[0]}=`

let inst: OpenclawInstall
let um: UserManager
let port: number
const {outputs, doctor, syncToken} = clawdocActors(() => um, SECRETS)
const argvs: string[] = []
const stopObserving = observeExec((file, args) => argvs.push([file, ...args].join(' ')))
const timings: Record<string, number> = {}
const measured: Record<string, unknown> = {}

const stateDir = () => path.join(um.home, P.names.stateDirName)
const configPath = () => path.join(stateDir(), P.names.configFileName)
const unitPath = () => path.join(um.unitDir, UNIT)
const gatewayLog = () => path.join(um.scratch, 'gateway.log')
const url = () => `ws://127.0.0.1:${port}`

/** The test config: loopback, a private log, mDNS off through the config (the unit the installer writes carries no env switches). */
const config = (gateway: Record<string, unknown>) => {
  const c = JSON.parse(openclawConfigText({port, ...gateway}, gatewayLog())) as Record<string, unknown>
  return `${JSON.stringify({...c, discovery: {mdns: {mode: 'off'}}}, null, 2)}\n`
}

/** The gateway.auth.token the config holds now (the gateway may have written it), or undefined. */
function configToken(): string | undefined {
  const c = JSON.parse(readFileSync(configPath(), 'utf8')) as {gateway?: {auth?: {token?: unknown}}}
  const t = c.gateway?.auth?.token
  return typeof t === 'string' ? t : undefined
}

const gatewayOutput = (): Promise<string> => logText(gatewayLog())

/** Until the gateway accepts `token` (sent explicitly, with the release's own probe handshake). */
const waitServes = (token: string, ms = 180_000): Promise<void> => waitOpenclawServes({port, probe: P.probe, log: gatewayLog()}, token, ms)

/** Which of the file's token values the running gateway accepts (the probe's verdict per symbol). */
async function accepts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(T)) out[k] = (await probeAs(url(), v, P.probe, 5000)).outcome
  return out
}

/** The real `openclaw gateway health` of the gateway's user (its pairings stay: the gateway's own state is live). */
async function health(shell: Shell): Promise<{outcome: string; out: string}> {
  const r = await execFile(inst.node, [inst.entry, 'gateway', 'health', '--timeout', '15000'], {
    cwd: um.home,
    env: openclawEnv(inst, um.home, {XDG_RUNTIME_DIR: um.runtimeDir, ...shell}),
    timeoutMs: 60_000,
  })
  return {outcome: healthOutcome(r), out: `${r.stdout}\n${r.stderr}`.slice(-1500)}
}

/**
 * What an in-gateway agent tool gets: the release's own `callGateway` (as its callGatewayTool calls it: client
 * gateway-client, mode backend, no explicit token), run in the running gateway's environment (/proc/<MainPID>/environ),
 * so it resolves its token as the tools inside that process do. Returns the outcome only (never the token).
 */
async function toolCall(): Promise<string> {
  const pid = (await um.systemctl('show', UNIT, '--property=MainPID', '--value')).stdout.trim()
  const environ = await fsp.readFile(`/proc/${pid}/environ`, 'utf8')
  const pairs = environ.split('\0').filter((kv) => kv.includes('='))
  const env = Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
  const {file, name} = findExport(inst, 'callGateway')
  const script = `process.argv[1] = ${JSON.stringify(inst.entry)}
const callGateway = (await import(${JSON.stringify(pathToFileURL(file).href)}))[${JSON.stringify(name)}]
try {
  await callGateway({method: 'health', timeoutMs: 15000, clientName: 'gateway-client', clientDisplayName: 'agent', mode: 'backend'})
  console.log('ok')
} catch (e) {
  const m = String(e && e.message || e)
  console.log(/gateway token mismatch/.test(m) ? 'token-mismatch' : /token missing/.test(m) ? 'token-missing' : 'other: ' + m.slice(0, 300))
}
process.exit(0)`
  const r = await execFile(inst.node, ['--input-type=module', '-e', script], {env: {...env, NO_COLOR: '1'}, cwd: um.home, timeoutMs: 60_000})
  return r.stdout.trim().split('\n').at(-1) ?? `no output (code ${r.code}): ${r.stderr.slice(-300)}`
}

/** The unit file with its inline token line replaced (`line` undefined: removed), as a hand edit leaves it. */
async function editUnitTokenLine(line: string | undefined): Promise<void> {
  const text = await fsp.readFile(unitPath(), 'utf8')
  const lines = text.split('\n')
  const i = lines.findIndex((l) => l.startsWith(TOKEN_LINE))
  expect(i, 'the installed unit has an inline token line').toBeGreaterThanOrEqual(0)
  if (line === undefined) lines.splice(i, 1)
  else lines[i] = line
  await writePrivate(unitPath(), lines.join('\n'))
}

/** The repaired setup: the real health call works, and doctor --fail-on error exits 0. */
async function expectRepaired(shell: Shell): Promise<void> {
  const h = await health(shell)
  expect(h.outcome, h.out).toBe('ok')
  const d = await doctor(shell, {args: ['--fail-on', 'error']})
  expect(d.errors(), JSON.stringify(d.bad())).toEqual([])
  expect(d.code).toBe(0)
}

const lap = async <V>(key: string, f: () => Promise<V>): Promise<V> => {
  const t = performance.now()
  try {
    return await f()
  } finally {
    timings[key] = Math.round(performance.now() - t)
  }
}

const fileStart = performance.now()

beforeAll(async () => {
  inst = await lap('ensureOpenclaw', () => ensureOpenclaw(R))
  um = await startUserManager()
  port = await freePort()
  await writePrivate(configPath(), config({auth: {token: T.A}}))
  // 2026.3.2 has no home or system-manager check: its installer runs as is, writes the unit, enables and starts it.
  const r = await lap('install', () => execFile(inst.node, [inst.entry, 'gateway', 'install', '--port', String(port)], {
    env: openclawEnv(inst, um.home, {XDG_RUNTIME_DIR: um.runtimeDir}),
    cwd: um.home,
    timeoutMs: 120_000,
  }))
  expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-2000)).toBe(0)
  await lap('firstStart', () => waitServes(T.A))
}, 600_000)

afterAll(async () => {
  stopObserving()
  timings.file = Math.round(performance.now() - fileStart)
  await fsp.mkdir(CACHE_ROOT, {recursive: true})
  await fsp.writeFile(`${OUT}.tmp`, `${JSON.stringify({release: `openclaw ${R}`, measured, timings, at: new Date().toISOString()}, null, 2)}\n`)
  await fsp.rename(`${OUT}.tmp`, OUT)
  process.stderr.write(`live-drift-openclaw-early: ${JSON.stringify(timings)}\n${JSON.stringify(measured, null, 1)}\n`)
  await um?.stop()
}, 60_000)

describe(`openclaw ${R} as the unit its own \`gateway install\` wrote`, () => {
  it('the installed unit holds the config token inline (KillMode=process); health works; clawdoc finds no error', async () => {
    const unit = await fsp.readFile(unitPath(), 'utf8')
    const lines = unit.split('\n')
    expect(lines).toContain(`KillMode=${P.unit.killMode}`)
    const inline = lines.filter((l) => l.startsWith(TOKEN_LINE))
    expect(inline.length).toBe(1)
    expect(new Secret(inline[0]!.slice(TOKEN_LINE.length)).equals(new Secret(T.A))).toBe(true)
    const h = await health({})
    expect(h.outcome, h.out).toBe('ok')
    const d = await doctor({}, {args: ['--fail-on', 'error']})
    measured.baseline = {productHealth: h.outcome, clawdoc: d.bad()}
    expect(d.errors(), JSON.stringify(d.bad())).toEqual([])
    expect(d.code).toBe(0)
  }, 120_000)

  // c. needs no server change: it runs on the installed gateway.
  it('c. a stale shell OPENCLAW_GATEWAY_TOKEN: the env-first CLI of this release sends it (1008), and clawdoc says so', async () => {
    const shell = {[`${P.names.envPrefix}GATEWAY_TOKEN`]: T.X}
    const h = await health(shell)
    const d = await doctor(shell)
    measured['stale-shell'] = {productHealth: h.outcome, clawdocErrors: d.errors(), clawdoc: d.bad()}
    expect(h.outcome, h.out).toBe('token-mismatch')
    expect(d.status('token.local-cli')).toBe('error')
    expect(d.code).not.toBe(0)
  }, 120_000)

  it('a. the unit\'s inline token differs from gateway.auth.token (config edited after install): the server takes the config, ' +
    'the in-gateway tools the unit\'s copy; clawdoc names the tools\' 1008 and repairs it', async () => {
    // A rotation by hand (or `config set gateway.auth.token`): the config says X, the unit still embeds A.
    await lap('setup:unit-vs-config', async () => {
      await writePrivate(configPath(), config({auth: {token: T.X}}))
      await systemctlOk(um, 'restart', UNIT)
      await waitUntil(async () => (await portAnswers(port)) && Object.values(await accepts()).includes('accepted'), 180_000,
        async () => `no token accepted after the restart. Log tail:\n${(await gatewayOutput()).slice(-2000)}`)
    })
    const accepted = await lap('probe:unit-vs-config', () => accepts())
    // Read-only calls of independent clients: side by side, to keep the file cheap.
    const [h, tools] = await lap('product:unit-vs-config', () => Promise.all([health({}), toolCall()]))
    const d = await lap('doctor:unit-vs-config', () => doctor({}))
    measured['unit-vs-config'] = {accepts: accepted, productHealth: h.outcome, toolCall: tools, clawdocErrors: d.errors(), clawdoc: d.bad()}
    // The real release: the server is config-first even as a unit; the local CLI (bare shell) works; the tools send A.
    expect(accepted).toEqual({A: 'token-mismatch', B: 'token-mismatch', X: 'accepted'})
    expect(h.outcome, h.out).toBe('ok')
    expect(tools).toBe('token-mismatch')
    expect(d.errors()).toEqual(['token.gateway-tools'])
    const s = await lap('repair:unit-vs-config', () => syncToken({}))
    expect(s.code, JSON.stringify(s.doc)).toBe(0)
    expect(s.doc.restart).toMatchObject({ok: true})
    const [, after] = await lap('after:unit-vs-config', () => Promise.all([expectRepaired({}), toolCall()]))
    expect(after).toBe('ok')
  }, 600_000)

  /** A client that still holds B under the old name (this release's CLI still reads it). */
  const legacyShell = (): Shell => ({CLAWDBOT_GATEWAY_TOKEN: T.B})
  it('b. the unit sets the token as CLAWDBOT_GATEWAY_TOKEN, which this gateway ignores: it generates one and saves it to the config; ' +
    'clawdoc names the tools\' 1008 and --migrate-legacy-names repairs it', async () => {
    const logAt = (await gatewayOutput()).length
    // The unit's token line under the clawdbot-era name (a hand edit after old docs), and no token in the config.
    await lap('setup:legacy-env', async () => {
      await systemctlOk(um, 'stop', UNIT)
      await editUnitTokenLine(`Environment=CLAWDBOT_GATEWAY_TOKEN=${T.B}`)
      await writePrivate(configPath(), config({}))
      await systemctlOk(um, 'daemon-reload')
      await systemctlOk(um, 'start', UNIT)
      await waitUntil(async () => (await portAnswers(port)) && (await gatewayOutput()).slice(logAt).includes(P.errors.runtimeTokenWarning), 180_000,
        async () => `no "${P.errors.runtimeTokenWarning}". Log tail:\n${(await gatewayOutput()).slice(-2000)}`)
    })
    const generated = configToken()
    if (generated !== undefined) SECRETS.push(generated)
    const accepted = await accepts()
    const [h, holdsB, tools] = await Promise.all([health({}), health(legacyShell()), toolCall()])
    const d = await doctor({})
    measured['legacy-env'] = {
      generatedIntoConfig: generated === undefined ? 'no' : `yes (${generated.length} chars)`,
      accepts: accepted,
      productHealth: h.outcome,
      productHealthHoldingB: holdsB.outcome,
      toolCall: tools,
      clawdocErrors: d.errors(),
      clawdoc: d.bad(),
    }
    expect(generated, 'the gateway saved a generated token to gateway.auth.token').toBeDefined()
    expect(accepted).toEqual({A: 'token-mismatch', B: 'token-mismatch', X: 'token-mismatch'})
    expect(h.outcome, h.out).toBe('ok')
    expect(holdsB.outcome, holdsB.out).toBe('token-mismatch')
    expect(tools).toBe('token-mismatch')
    expect(d.errors()).toEqual(['token.gateway-tools'])
    expect(d.bad().find(([id]) => id === 'token.gateway-tools')?.[1]).toContain('CLAWDBOT_GATEWAY_TOKEN')
    const s = await lap('repair:legacy-env', () => syncToken({}, ['--migrate-legacy-names']))
    expect(s.code, JSON.stringify(s.doc)).toBe(0)
    expect(s.doc.restart).toMatchObject({ok: true})
    const unit = await fsp.readFile(unitPath(), 'utf8')
    expect(unit).not.toContain('CLAWDBOT_GATEWAY_TOKEN')
    expect(unit.split('\n').filter((l) => l.startsWith(TOKEN_LINE)).length).toBe(1)
    const [, after] = await Promise.all([expectRepaired({}), toolCall()])
    expect(after).toBe('ok')
  }, 600_000)
})

describe('hygiene over the whole file', () => {
  it('no clawdoc output, product argv or gateway log held a token value', async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(6)
    for (const {what, r} of outputs) for (const t of SECRETS) expect(`${r.stdout}${r.stderr}`.includes(t), what).toBe(false)
    for (const t of SECRETS) expect(argvs.some((a) => a.includes(t))).toBe(false)
    const log = await gatewayOutput()
    for (const t of SECRETS) expect(log.includes(t)).toBe(false)
  })
})
