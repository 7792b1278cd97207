import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, runCli, schemaErrors, type CliResult} from '../helpers/cli.js'
import {freePort, standInUnit} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

const UNIT = 'clawdoc-e2e-gw.service'
const TOKEN_A = 'fake-restart-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const TOKEN_B = 'fake-restart-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
const TOKEN_C = 'fake-restart-token-cccccccccccccccccccccccccccccccc'
const ALL = [TOKEN_A, TOKEN_B, TOKEN_C]

let um: UserManager
let port: number
let logFile: string
const strays: ChildProcess[] = []

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'lib', 'commands', 'restart.js'))) {
    throw new Error('lib/ is not built: run `npx tsc -p . && npx oclif manifest` before the e2e tests')
  }
  um = await startUserManager()
  port = await freePort()
  logFile = path.join(um.scratch, 'gw.log')
})
afterAll(async () => {
  for (const s of strays) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL')
  await um?.stop()
})

async function writeConfig(token: string): Promise<void> {
  const dir = path.join(um.home, '.clawdbot')
  await mkdir(dir, {recursive: true, mode: 0o700})
  const tmp = path.join(dir, 'clawdbot.json.tmp')
  await writeFile(tmp, JSON.stringify({gateway: {mode: 'local', port, auth: {token}}}, null, 2) + '\n', {mode: 0o600})
  const {rename} = await import('node:fs/promises')
  await rename(tmp, path.join(dir, 'clawdbot.json'))
}

// The parsed --json document: it is checked against its schema before any test reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function clawdoc(args: string[], env: Record<string, string> = {}): Promise<{r: CliResult; json: any}> {
  const r = await runCli(['restart', '--unit', UNIT, '--json', '--timeout', '15', ...args], {env: {...um.env, ...env}, timeoutMs: 60_000})
  for (const t of ALL) {
    expect(r.stdout).not.toContain(t)
    expect(r.stderr).not.toContain(t)
  }
  const json = JSON.parse(r.stdout)
  expect(await schemaErrors('restart-result.schema.json', json)).toEqual([])
  return {r, json}
}

async function mainPid(): Promise<number> {
  return Number((await um.systemctl('show', '-p', 'MainPID', '--value', UNIT)).stdout.trim())
}

async function environToken(pid: number): Promise<string | undefined> {
  const env = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0')
  return env.find((e) => e.startsWith('CLAWDBOT_GATEWAY_TOKEN='))?.slice('CLAWDBOT_GATEWAY_TOKEN='.length)
}

describe('clawdoc restart against a real private user manager', () => {
  it('starts a fresh unit (systemd loads a new file on demand), verifies the port and the token', async () => {
    await writeConfig(TOKEN_A)
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_A, logFile}))
    const {r, json} = await clawdoc([])
    expect(r.code, r.stderr).toBe(0)
    expect(json).toMatchObject({ok: true, outcome: 'restarted', final: {activeState: 'active', portAccepts: true, port}, token: {check: 'match'}})
    expect(json.phases.map((p: {name: string}) => p.name)).toEqual(['preflight', 'restart', 'verify', 'confirm'])
    expect(await environToken(await mainPid())).toBe(TOKEN_A)
  })

  it('dry-run after a unit edit says it would daemon-reload and changes nothing', async () => {
    await writeConfig(TOKEN_B)
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_B, logFile}))
    const before = await mainPid()
    const {r, json} = await clawdoc(['--dry-run'])
    expect(r.code).toBe(0)
    expect(json).toMatchObject({outcome: 'dry-run', dryRun: true})
    expect(json.actions.join('\n')).toMatch(/Would run systemctl --user daemon-reload/)
    expect(await mainPid()).toBe(before)
    expect((await um.systemctl('show', '-p', 'NeedDaemonReload', '--value', UNIT)).stdout.trim()).toBe('yes')
  })

  it('NeedDaemonReload=yes: reloads first, and the new process holds the new token', async () => {
    const before = await mainPid()
    const {r, json} = await clawdoc([])
    expect(r.code, r.stdout).toBe(0)
    expect(json.phases.map((p: {name: string}) => p.name)).toEqual(['preflight', 'daemon-reload', 'restart', 'verify', 'confirm'])
    const pid = await mainPid()
    expect(pid).not.toBe(before)
    expect(await environToken(pid)).toBe(TOKEN_B)
    expect(json.token.check).toBe('match')
  })

  it('a unit token that differs from gateway.auth.token: restarted, exit 1, mismatch (fingerprints only)', async () => {
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_C, logFile}))
    const {r, json} = await clawdoc([])
    expect(r.code).toBe(1)
    expect(json).toMatchObject({
      ok: false,
      outcome: 'restarted',
      token: {check: 'mismatch', process: {length: TOKEN_C.length}, server: {length: TOKEN_B.length}},
    })
    expect(json.token.process.sha256).not.toBe(json.token.server.sha256)
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_B, logFile}))
  })

  it('a stray process on the port: named and blocked; --stop-strays stops that exact pid and restarts', async () => {
    expect((await um.systemctl('stop', UNIT)).code).toBe(0)
    const stray = spawn(
      process.execPath,
      ['-e', `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`],
      {stdio: ['ignore', 'pipe', 'inherit']},
    )
    strays.push(stray)
    await new Promise((res) => stray.stdout!.once('data', res))
    const exited = new Promise<NodeJS.Signals | null>((res) => stray.once('exit', (_c, sig) => res(sig)))

    const blocked = await clawdoc([])
    expect(blocked.r.code).toBe(2)
    expect(blocked.json.outcome).toBe('preflight-failed')
    expect(blocked.json.blockers[0]).toMatchObject({code: 'PORT_HELD'})
    expect(blocked.json.blockers[0].message).toContain(`pid ${stray.pid}`)
    expect(blocked.json.strays).toEqual([{pid: stray.pid, command: expect.stringContaining('node -e')}])
    expect(stray.exitCode).toBeNull()

    const {r, json} = await clawdoc(['--stop-strays'])
    expect(r.code, r.stdout).toBe(0)
    expect(await exited).toBe('SIGTERM')
    expect(json).toMatchObject({outcome: 'restarted', strays: [{pid: stray.pid, stopped: true}]})
    expect(json.phases.map((p: {name: string}) => p.name)).toContain('stop-strays')
  })

  it('a service that fails at start: exit 3, not-healthy, journal unavailable, findings', async () => {
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_B, logFile, fail: true}))
    const {r, json} = await clawdoc([])
    expect(r.code).toBe(3)
    expect(json.outcome).toBe('not-healthy')
    expect(json.journal).toEqual({available: false, lines: []})
    expect(json.final.portAccepts).toBe(false)
    expect(json.findings.map((f: {check: string}) => f.check)).toContain('service.not-active')
    // The human form says so too.
    const human = await runCli(['restart', '--unit', UNIT, '--timeout', '15'], {env: um.env, timeoutMs: 60_000})
    expect(human.code).toBe(3)
    expect(human.stdout).toMatch(/journal unavailable/)
    expect(await readFile(logFile, 'utf8')).toMatch(/failing at start/)
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_B, logFile}))
    await um.systemctl('daemon-reload')
  })

  it('a missing unit: exit 2, UNIT_NOT_FOUND, nothing started', async () => {
    const r = await runCli(['restart', '--unit', 'clawdoc-e2e-missing.service', '--json'], {env: um.env})
    expect(r.code).toBe(2)
    const json = JSON.parse(r.stdout)
    expect(await schemaErrors('restart-result.schema.json', json)).toEqual([])
    expect(json.blockers.map((b: {code: string}) => b.code)).toContain('UNIT_NOT_FOUND')
  })

  it('no bus at all (empty XDG_RUNTIME_DIR): exit 2 with the linger hint', async () => {
    const empty = path.join(um.scratch, 'no-bus')
    await mkdir(empty, {mode: 0o700})
    const {r, json} = await clawdoc([], {XDG_RUNTIME_DIR: empty})
    expect(r.code).toBe(2)
    expect(json.blockers[0]).toMatchObject({code: 'NO_BUS', hint: expect.stringContaining('loginctl enable-linger')})
  })
})
