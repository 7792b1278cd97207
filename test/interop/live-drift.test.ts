import {existsSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {observeExec} from '../../src/sources/exec.js'
import {probeToken} from '../../src/probe/ws-probe.js'
import {Secret} from '../../src/model/secret.js'
import {parseShow} from '../../src/formats/systemctl-show.js'
import {ensureClawdbot, freePort, productEnv, productUnitText, runClawdbot, type Installed} from '../helpers/clawdbot.js'
import {clawdocActors, fakeToken as fake, systemctlOk, writePrivate, type Machine, type Shell} from '../helpers/live-drift.js'
import {run, startUserManager, type UserManager} from '../helpers/user-manager.js'

// Issue 6 part 3: every token drift, end to end, against the REAL clawdbot gateway run as the unit
// clawdbot-gateway.service of a REAL (private) systemd user manager, with the REAL product CLI as
// the client. Per case: (a) `clawdbot gateway health` shows the fault, (b) `clawdoc doctor --json`
// names it and its live probe agrees, (c) `clawdoc sync-token --yes --restart` repairs it so that
// the product's own health call succeeds and doctor is clean. One manager, one unit, one port for
// the whole file: a case rewrites the config and the unit and restarts (warm start ~3.5 s).

const UNIT = 'clawdbot-gateway.service'
/** S: a short token chosen by hand (the product accepts any non-empty string; clawdoc warns, never refuses). */
const T = {A: fake('A'), B: fake('B'), X: fake('X'), U: fake('U'), N: fake('N'), D: fake('D'), Y: fake('Y'), S: 'k7Qm2Zp9'}
const ALL = Object.values(T)

let inst: Installed
let um: UserManager
let port: number
const actors = clawdocActors(() => um, ALL)
const {outputs, syncToken} = actors
/** Every argv started in this process through src/exec.ts (the product's CLI, its unit renderer). */
const argvs: string[] = []
const stopObserving = observeExec((file, args) => argvs.push([file, ...args].join(' ')))
const configPath = () => path.join(um.home, '.clawdbot', 'clawdbot.json')
const unitPath = () => path.join(um.unitDir, UNIT)
const gatewayOut = () => path.join(um.scratch, 'gateway.out')
const gatewayLog = () => path.join(um.scratch, 'gateway.log')

beforeAll(async () => {
  inst = await ensureClawdbot() // ~40 s the first time on a machine, then cached
  um = await startUserManager()
  port = await freePort()
}, 300_000)

afterAll(async () => {
  stopObserving()
  await um?.stop()
})

// ---------------------------------------------------------------------------------------------
// The service, as the product installs it
// ---------------------------------------------------------------------------------------------

/**
 * The unit rendered by the product's own buildSystemdUnit, with the environment its installer
 * bakes in (src/docs/CLAWDBOT.md §5), plus what a test needs: a file log (there is no journal), the shared
 * warm compile cache (TMPDIR) and the outward-facing subsystems off.
 */
async function unitText(o: {token?: string; allowUnconfigured?: boolean}): Promise<string> {
  const env: Record<string, string> = {
    // The same quiet, private environment as every product process in the tests.
    ...productEnv(inst.node22, um.home),
    CLAWDBOT_GATEWAY_PORT: String(port),
    ...(o.token === undefined ? {} : {CLAWDBOT_GATEWAY_TOKEN: o.token}),
    CLAWDBOT_SYSTEMD_UNIT: UNIT,
    CLAWDBOT_SERVICE_MARKER: 'clawdbot',
    CLAWDBOT_SERVICE_KIND: 'gateway',
    CLAWDBOT_SERVICE_VERSION: '2026.1.24-3',
  }
  let text = await productUnitText(inst, port, env)
  const exec = `gateway --port ${port}\n`
  expect(text).toContain(exec)
  // What the product's own refusal says to do ("… or pass --allow-unconfigured"); no `s`, so unquoted.
  if (o.allowUnconfigured) text = text.replace(exec, `gateway --port ${port} --allow-unconfigured\n`)
  expect(text).toMatch(/\nRestart=always\nRestartSec=5\nKillMode=process\n/)
  return text.replace('\nKillMode=process\n', `\nKillMode=process\nStandardOutput=append:${gatewayOut()}\nStandardError=append:${gatewayOut()}\n`)
}

function gatewayConfig(gateway: Record<string, unknown>): string {
  return `${JSON.stringify({update: {checkOnStart: false}, logging: {file: gatewayLog()}, gateway: {port, ...gateway}}, null, 2)}\n`
}

const systemctl = (...args: string[]) => systemctlOk(um, ...args)

/** Poll the real gateway until it accepts `token` (ready, and holding the expected value). */
async function waitAccepts(token: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  let last = ''
  while (Date.now() < end) {
    const a = await probeToken(`ws://127.0.0.1:${port}`, new Secret(token), {timeoutMs: 3000})
    if (a.outcome === 'accepted') return
    last = `${a.outcome}${a.message ? `: ${a.message}` : ''}`
    await new Promise((r) => setTimeout(r, 250))
  }
  const out = await fsp.readFile(gatewayOut(), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '(no output)'
    throw e
  })
  throw new Error(`gateway on ${port} never accepted the expected token (last: ${last}). Output tail:\n${out.slice(-2000)}`)
}

/**
 * Install a case: config + unit, daemon-reload, start through systemd, wait until served. The
 * previous case's gateway is stopped first: a config written under a running gateway triggers its
 * hot reload (an in-process restart), which would race the systemd restart.
 */
async function install(o: {config: string; unit: {token?: string; allowUnconfigured?: boolean}; serverToken: string}): Promise<void> {
  // Nothing to stop before the first case (stop on an unknown unit exits 5).
  if (existsSync(unitPath())) await systemctl('stop', UNIT)
  await writePrivate(configPath(), o.config)
  await um.writeUnit(UNIT, await unitText(o.unit))
  await systemctl('daemon-reload')
  await systemctl('start', UNIT)
  await waitAccepts(o.serverToken)
}

async function show(...props: string[]): Promise<Record<string, string>> {
  const r = await um.systemctl('show', UNIT, ...props.map((p) => `--property=${p}`))
  return parseShow(r.stdout)
}

/** CLAWDBOT_GATEWAY_TOKEN in the environment of the unit's running main process. */
async function processToken(): Promise<Secret | undefined> {
  const pid = Number((await show('MainPID')).MainPID)
  expect(pid).toBeGreaterThan(0)
  const env = (await fsp.readFile(`/proc/${pid}/environ`, 'utf8')).split('\0')
  const line = env.find((l) => l.startsWith('CLAWDBOT_GATEWAY_TOKEN='))
  return line === undefined ? undefined : new Secret(line.slice('CLAWDBOT_GATEWAY_TOKEN='.length))
}

// ---------------------------------------------------------------------------------------------
// The three actors: the product's CLI, clawdoc doctor, clawdoc sync-token
// ---------------------------------------------------------------------------------------------

/** The real `clawdbot gateway health` from a shell with these variables (stored device tokens removed). */
async function health(shell: Shell, home = um.home): Promise<{ok: boolean; out: string}> {
  const r = await runClawdbot(['gateway', 'health'], {home, env: shell, timeoutMs: 45_000})
  return {ok: r.code === 0, out: `${r.stdout}\n${r.stderr}`}
}

function expect1008Mismatch(h: {ok: boolean; out: string}): void {
  expect(h.ok, h.out).toBe(false)
  expect(h.out, h.out).toMatch(/gateway closed \(1008\)/)
  expect(h.out, h.out).toMatch(/token mismatch/)
}

const clawdoc = (what: string, args: string[], shell: Shell, m?: Machine) => actors.clawdoc(what, args, shell, {machine: m})
const doctor = (shell: Shell, m?: Machine) => actors.doctor(shell, {machine: m})

/**
 * Run a `Next:` line as the user would, on that machine: `a && b`, each part either clawdoc (the built
 * CLI) or a plain command through sh. Every part must succeed.
 */
async function runNextLine(line: string, m: Machine): Promise<void> {
  for (const part of line.split(' && ')) {
    if (part.startsWith('clawdoc ')) {
      const args = [...part.slice('clawdoc '.length).matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((x) => x[1] ?? x[2])
      const r = await clawdoc(`Next: ${part}`, args, {}, m)
      expect(r.code, `${part}: ${r.stderr}`).toBe(0)
    } else {
      const r = await run('sh', ['-c', part], m.env)
      expect(r.code, `${part}: ${r.stderr}`).toBe(0)
    }
  }
}

/** (c): the product's CLI now connects, and doctor has nothing at error or warning. */
async function expectRepaired(shell: Shell, known: string[] = []): Promise<void> {
  const h = await health(shell)
  expect(h.ok, h.out).toBe(true)
  const d = await doctor(shell)
  expect(d.bad().filter(([id]) => !known.includes(id))).toEqual([])
  expect(d.doc.probe?.status).toBe('ok')
  // The listener is the unit's own process (no leftover child of the old launcher holds the port).
  expect(d.status('port.stray-process')).toBe('pass')
  expect(d.doc.probe?.results.map((r) => r.outcome)).toEqual(d.doc.probe?.results.map(() => 'accepted'))
  if (known.length === 0) expect(d.code).toBe(0)
}

// ---------------------------------------------------------------------------------------------
// The drift cases
// ---------------------------------------------------------------------------------------------

describe('clawdbot 2026.1.24-3 as a systemd user unit: drift found and repaired', () => {
  it('1. auth vs remote: gateway.mode remote at this very gateway, remote.token != auth.token', async () => {
    // One config, as on a real gateway machine. A gateway refuses mode=remote ("… or pass
    // --allow-unconfigured", src/docs/CLAWDBOT.md §10), so the unit passes what the product's message says.
    const remote = {mode: 'remote', remote: {url: `ws://127.0.0.1:${port}`, token: T.B}, auth: {token: T.A}}
    await install({config: gatewayConfig(remote), unit: {token: T.A, allowUnconfigured: true}, serverToken: T.A})
    expect1008Mismatch(await health({}))

    const d = await doctor({})
    // The remote CLI of this machine points at this very gateway: its party check says it (auth-vs-remote is a hint now).
    expect(d.status('token.remote-cli')).toBe('error')
    expect(d.probe('config.remote.token')).toBe('token-mismatch')
    expect(d.probe('config.auth.token')).toBe('accepted')
    expect(d.code).toBe(1)

    const s = await syncToken({})
    expect(s.doc.files.map((f) => f.path)).toEqual([configPath()])
    expect(s.doc.restart, JSON.stringify(s.doc.restart)).toMatchObject({ok: true, outcome: 'restarted'})
    expect(s.code).toBe(0)
    await expectRepaired({})
  }, 240_000)

  it('2. shell env vs config: a stale CLAWDBOT_GATEWAY_TOKEN in the client shell', async () => {
    await install({config: gatewayConfig({mode: 'local', auth: {token: T.A}}), unit: {token: T.A}, serverToken: T.A})
    const shell = {CLAWDBOT_GATEWAY_TOKEN: T.X}
    expect1008Mismatch(await health(shell))

    const d = await doctor(shell)
    expect(d.status('token.local-cli')).toBe('error')
    expect(d.probe('shell.env')).toBe('token-mismatch')
    expect(d.probe('config.auth.token')).toBe('accepted')
    expect(d.code).toBe(1)

    // clawdoc cannot change the shell: it says what to do, and the shell fault stays.
    const s = await syncToken(shell)
    expect(s.doc.instructions.join(' ')).toMatch(/unset CLAWDBOT_GATEWAY_TOKEN/)
    expect(s.doc.findingsAfter.map((f) => f.check)).toContain('token.local-cli')
    expect(s.doc).toMatchObject({ok: false, files: []})
    expect(s.code, JSON.stringify(s.doc.restart)).toBe(1) // written nothing, token finding left
    expect1008Mismatch(await health(shell))
    // The user follows the instruction.
    await expectRepaired({})
  }, 240_000)

  it('3. unit vs config: the unit bakes in another token than gateway.auth.token', async () => {
    await install({config: gatewayConfig({mode: 'local', auth: {token: T.A}}), unit: {token: T.X}, serverToken: T.A})
    // The product's CLI sends gateway.auth.token, which the server uses: it succeeds.
    const h = await health({})
    expect(h.ok, h.out).toBe(true)
    // But the running gateway holds X in its environment, and a product client sending that
    // value (what in-gateway tools do) is refused.
    expect((await processToken())?.equals(new Secret(T.X))).toBe(true)
    expect1008Mismatch(await health({CLAWDBOT_GATEWAY_TOKEN: T.X}))

    const d = await doctor({})
    expect(d.status('token.gateway-tools')).toBe('error')
    expect(d.probe('unit.env')).toBe('token-mismatch')
    expect(d.probe('service.process-env')).toBe('token-mismatch')
    expect(d.probe('config.auth.token')).toBe('accepted')
    expect(d.code).toBe(1)

    const s = await syncToken({})
    expect(s.doc.files.map((f) => f.path)).toEqual([unitPath()])
    expect(s.doc.restart, JSON.stringify(s.doc.restart)).toMatchObject({ok: true, outcome: 'restarted'})
    expect(s.code).toBe(0)
    expect((await processToken())?.equals(new Secret(T.A))).toBe(true)
    await expectRepaired({})
  }, 240_000)

  it('4. stale running service: unit edited, restarted without daemon-reload, the shell holds the new token', async () => {
    // The server's token lives only in the unit (no gateway.auth.token), so the unit is what matters.
    await install({config: gatewayConfig({mode: 'local'}), unit: {token: T.U}, serverToken: T.U})
    // The user rotates the token in the unit file and in the shell, then restarts the way the
    // product's own `clawdbot gateway restart` does: systemctl restart, no daemon-reload.
    await um.writeUnit(UNIT, await unitText({token: T.N}))
    await systemctl('restart', UNIT)
    await waitAccepts(T.U)
    expect((await show('NeedDaemonReload')).NeedDaemonReload).toBe('yes')
    const shell = {CLAWDBOT_GATEWAY_TOKEN: T.N}
    expect1008Mismatch(await health(shell))

    const d = await doctor(shell)
    expect(d.status('token.service-stale')).toBe('error')
    expect(d.status('unit.needs-daemon-reload')).toBe('warning')
    expect(d.probe('unit.env')).toBe('token-mismatch')
    expect(d.probe('shell.env')).toBe('token-mismatch')
    expect(d.probe('service.manager-env')).toBe('accepted')
    expect(d.code).toBe(1)

    // The new value is the one the user meant: take it from the unit file.
    const s = await syncToken(shell, ['--from', 'unit'])
    expect(s.doc.restart, JSON.stringify(s.doc.restart)).toMatchObject({ok: true, outcome: 'restarted'})
    expect(s.code).toBe(0)
    expect((await show('NeedDaemonReload')).NeedDaemonReload).toBe('no')
    await expectRepaired(shell)
  }, 240_000)

  it('5. JSON5 config with comments: auth.token drifted from the unit and the shell; comments survive the sync', async () => {
    const json5 = [
      '// clawdbot config, edited by hand',
      '{',
      "  update: { checkOnStart: false, },",
      `  logging: { file: '${gatewayLog()}', }, // no /tmp/clawdbot`,
      '  gateway: {',
      "    mode: 'local',",
      `    port: ${port},`,
      '    /* pasted from the wizard',
      '       last week */',
      `    auth: { token: '${T.D}', },`,
      '  },',
      '}',
      '',
    ].join('\n')
    await install({config: json5, unit: {token: T.A}, serverToken: T.D})
    const shell = {CLAWDBOT_GATEWAY_TOKEN: T.A}
    expect1008Mismatch(await health(shell))

    const d = await doctor(shell)
    expect(d.status('token.local-cli')).toBe('error')
    expect(d.status('token.gateway-tools')).toBe('error')
    expect(d.probe('shell.env')).toBe('token-mismatch')
    expect(d.probe('unit.env')).toBe('token-mismatch')
    expect(d.probe('config.auth.token')).toBe('accepted')
    expect(d.code).toBe(1)

    // The unit and the shell agree on the intended value: bring the config to it.
    const s = await syncToken(shell, ['--from', 'unit'])
    expect(s.doc.files.map((f) => f.path)).toEqual([configPath()])
    expect(s.doc.restart, JSON.stringify(s.doc.restart)).toMatchObject({ok: true, outcome: 'restarted'})
    expect(s.code).toBe(0)
    expect(await fsp.readFile(configPath(), 'utf8')).toBe(json5.replace(T.D, T.A))
    await expectRepaired(shell)
    // Neither the restart nor the gateway's hot reload rewrote the file.
    expect(await fsp.readFile(configPath(), 'utf8')).toBe(json5.replace(T.D, T.A))
  }, 240_000)
})

describe('issue 11 acceptance: a short hand-chosen token, and a remote-mode machine', () => {
  const stateDotenv = () => path.join(um.home, '.clawdbot', '.env')
  // The next cases start from a state dir without a .env.
  afterAll(() => fsp.rm(stateDotenv(), {force: true}))

  it('6. a short server token (8 characters) with a stale unit copy and a stale <stateDir>/.env copy: adopted with token.weak, repaired', async () => {
    // Written before the start: the gateway keeps its unit's value (dotenv never overrides the process environment).
    await writePrivate(stateDotenv(), `CLAWDBOT_GATEWAY_TOKEN=${T.Y}\n`)
    await install({config: gatewayConfig({mode: 'local', auth: {token: T.S}}), unit: {token: T.X}, serverToken: T.S})
    // The product's CLI takes <stateDir>/.env over gateway.auth.token: refused.
    expect1008Mismatch(await health({}))

    const d = await doctor({})
    expect(d.status('token.local-cli')).toBe('error')
    expect(d.status('token.gateway-tools')).toBe('error')
    expect(d.status('token.weak')).toBe('warning')
    expect(d.probe('config.auth.token')).toBe('accepted')
    expect(d.probe('statedir.dotenv')).toBe('token-mismatch')
    expect(d.code).toBe(1)

    // The default sync adopts the token the server uses, short as it is: a warning, no refusal.
    const s = await syncToken({})
    expect(s.doc.files.map((f) => f.path).sort()).toEqual([stateDotenv(), unitPath()].sort())
    expect(s.doc.warnings?.map((w) => w.check)).toEqual(['token.weak'])
    expect(s.doc.restart, JSON.stringify(s.doc.restart)).toMatchObject({ok: true, outcome: 'restarted'})
    expect(s.code).toBe(0)
    expect((await processToken())?.equals(new Secret(T.S))).toBe(true)
    expect(await fsp.readFile(stateDotenv(), 'utf8')).toBe(`CLAWDBOT_GATEWAY_TOKEN=${T.S}\n`)
    await expectRepaired({}, ['token.weak'])
    const failOnError = await clawdoc('doctor --fail-on error', ['doctor', '--fail-on', 'error'], {})
    expect(failOnError.stdout).toMatch(/\[token\.weak\]/)
    expect(failOnError.code, failOnError.stdout).toBe(0)
  }, 240_000)

  it('7. a remote-mode machine (its own HOME) against this gateway: doctor\'s Next: keeps `gateway health` working; --generate needs --rotate', async () => {
    // The gateway of case 6 (short token S) serves on: reuse it; start it only when this case runs alone.
    const served = await probeToken(`ws://127.0.0.1:${port}`, new Secret(T.S), {timeoutMs: 3000})
    if (served.outcome !== 'accepted') {
      await install({config: gatewayConfig({mode: 'local', auth: {token: T.S}}), unit: {token: T.S}, serverToken: T.S})
    }
    // The other machine: no gateway unit, no user manager; a config written by hand (0644) that reaches this gateway.
    const home = path.join(um.scratch, 'remote-machine')
    const cfg = path.join(home, '.clawdbot', 'clawdbot.json')
    await fsp.mkdir(path.dirname(cfg), {recursive: true, mode: 0o700})
    const remoteCfg = {
      update: {checkOnStart: false},
      logging: {file: path.join(um.scratch, 'remote-machine.log')},
      gateway: {mode: 'remote', remote: {url: `ws://127.0.0.1:${port}`, token: T.S}},
    }
    await fsp.writeFile(cfg, `${JSON.stringify(remoteCfg, null, 2)}\n`)
    await fsp.chmod(cfg, 0o644)
    const m: Machine = {home, env: {HOME: home, PATH: um.env.PATH, LANG: 'C.UTF-8'}}
    const works = async () => {
      const h = await health({}, home)
      expect(h.ok, h.out).toBe(true)
    }
    await works()

    const d = await doctor({}, m)
    // No local token is asked for (this machine runs no gateway), and nothing rotates the remote token.
    expect(d.status('token.auth-missing')).toBe('pass')
    expect(d.status('config.permissions')).toBe('warning')
    expect(d.doc.nextStep).toBe(`chmod 600 ${cfg}`)
    expect(d.code).toBe(1)
    await runNextLine(d.doc.nextStep!, m)
    await works()
    const after = await doctor({}, m)
    expect(after.bad()).toEqual([])
    expect(after.code).toBe(0)

    // A new token on a remote-mode machine would lock it out of its gateway: refused without --rotate.
    const before = await fsp.readFile(cfg, 'utf8')
    const g = await clawdoc('sync-token --generate --yes (remote machine)', ['sync-token', '--generate', '--yes'], {}, m)
    expect(g.code, g.stdout + g.stderr).toBe(2)
    expect(g.stderr).toMatch(/would replace a token that is in use.*--rotate/s)
    expect(await fsp.readFile(cfg, 'utf8')).toBe(before)
    await works()
  }, 240_000)
})

describe('clawdoc bugs found by this suite (regression guards)', () => {
  // Found here: config.mode-remote-gateway reported "the gateway refuses to start" whenever
  // gateway.mode was remote and a unit existed, without looking at ExecStart. With
  // --allow-unconfigured (what the product's own refusal tells the user to add) the real gateway
  // runs fine. The check now honours the flag; this proves it against the real product.
  it('config.mode-remote-gateway stays quiet when ExecStart passes --allow-unconfigured and the gateway runs', async () => {
    const remote = {mode: 'remote', remote: {url: `ws://127.0.0.1:${port}`, token: T.A}, auth: {token: T.A}}
    await install({config: gatewayConfig(remote), unit: {token: T.A, allowUnconfigured: true}, serverToken: T.A})
    const pid = (await show('MainPID')).MainPID
    // Past RestartSec=5: not a crash loop, the same process still serves.
    await new Promise((r) => setTimeout(r, 6000))
    await waitAccepts(T.A, 5000)
    expect((await show('MainPID', 'ActiveState', 'NRestarts'))).toMatchObject({MainPID: pid, ActiveState: 'active', NRestarts: '0'})
    const d = await doctor({})
    expect(d.bad()).toEqual([])
  }, 120_000)
})

describe('hygiene over the whole file', () => {
  it('clawdoc ran, and no clawdoc output, product argv or gateway output held a token value', async () => {
    expect(outputs.length).toBeGreaterThanOrEqual(16)
    for (const {what, r} of outputs) for (const t of ALL) expect(`${r.stdout}${r.stderr}`.includes(t), what).toBe(false)
    expect(argvs.filter((a) => a.includes(' gateway health')).length).toBeGreaterThanOrEqual(10)
    for (const t of ALL) expect(argvs.some((a) => a.includes(t))).toBe(false)
    const gw = `${await fsp.readFile(gatewayOut(), 'utf8')}${await fsp.readFile(gatewayLog(), 'utf8')}`
    expect(gw).toMatch(/listening on ws:\/\/127\.0\.0\.1/)
    for (const t of ALL) expect(gw.includes(t)).toBe(false)
  })
})
