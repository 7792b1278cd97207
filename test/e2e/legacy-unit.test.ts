import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, runCli, schemaErrors} from '../helpers/cli.js'
import {freePort, standInUnit, waitForPort} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

// Issue 12: an old clawdbot-gateway.service still enabled and running beside openclaw-gateway.service, in the contained
// user manager. doctor names it (unit.legacy-running, an error with the systemctl command); restart restarts only the
// release's own unit and never SIGTERMs the legacy unit's gateway, not even with --stop-strays; after the fix the
// release's gateway gets the port.
const OWN = 'openclaw-gateway.service'
const LEGACY = 'clawdbot-gateway.service'
const TOKEN = 'fake-legacy-unit-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const RELEASE = ['--product', 'openclaw', '--release', '2026.9.6']

let um: UserManager
let port: number

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'lib', 'commands', 'restart.js'))) throw new Error('lib/ is not built: run `npm run build` before the e2e tests')
  um = await startUserManager()
  port = await freePort()
  const state = path.join(um.home, '.openclaw')
  await mkdir(state, {recursive: true, mode: 0o700})
  await writeFile(path.join(state, 'openclaw.json'), JSON.stringify({gateway: {mode: 'local', port, auth: {token: TOKEN}}}, null, 2) + '\n', {mode: 0o600})
  await um.writeUnit(OWN, standInUnit({port, logFile: path.join(um.scratch, 'own.log')}))
  await um.writeUnit(LEGACY, standInUnit({port, token: TOKEN, logFile: path.join(um.scratch, 'legacy.log')}))
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  expect((await um.systemctl('enable', '--now', LEGACY)).code).toBe(0)
  await waitForPort(port)
}, 60_000)
afterAll(async () => {
  await um?.stop()
})

async function legacyPid(): Promise<number> {
  return Number((await um.systemctl('show', '-p', 'MainPID', '--value', LEGACY)).stdout.trim())
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function doctor(...args: string[]): Promise<any> {
  const r = await runCli(['doctor', ...RELEASE, '--json', '--no-probe', '--only', 'unit.legacy-running', ...args], {env: um.env, timeoutMs: 60_000})
  expect(r.stdout).not.toContain(TOKEN)
  const json = JSON.parse(r.stdout)
  expect(await schemaErrors('doctor-report.schema.json', json)).toEqual([])
  return json.checks.find((c: {id: string}) => c.id === 'unit.legacy-running')
}

describe('a legacy unit beside the release\'s own (contained user manager)', () => {
  it('doctor: an error naming the legacy unit, its pid and the systemctl command; --offline: skipped, not passed', async () => {
    const check = await doctor()
    expect(check.status).toBe('error')
    expect(check.findings[0].message).toContain(`The legacy unit ${LEGACY} is active (pid ${await legacyPid()}), enabled beside ${OWN}: two gateways, one port`)
    expect(check.findings[0].message).toContain(`It holds port ${port} now.`)
    expect(check.findings[0].fix.command).toBe(`systemctl --user disable --now ${LEGACY}`)
    const offline = await doctor('--offline')
    expect(offline.status).toBe('skipped')
    expect(offline.skipReason).toBe('not checked: --offline')
  })

  it('restart blocks on the legacy gateway, even with --stop-strays, and leaves the legacy unit running', async () => {
    const pid = await legacyPid()
    for (const extra of [[], ['--stop-strays']]) {
      const r = await runCli(['restart', ...RELEASE, '--json', '--timeout', '10', ...extra], {env: um.env, timeoutMs: 60_000})
      expect(r.code, r.stdout).toBe(2)
      const json = JSON.parse(r.stdout)
      expect(json.unit).toBe(OWN)
      // The listener is the launcher's child (as the product's): named by the legacy unit's cgroup, not by its MainPID.
      const message = expect.stringMatching(`pid \\d+ of the legacy unit ${LEGACY}, beside ${OWN}`)
      expect(json.blockers).toEqual([expect.objectContaining({code: 'PORT_HELD', message})])
      expect(json.blockers[0].hint).toContain(`systemctl --user disable --now ${LEGACY}`)
      expect(json.strays).toEqual([])
    }
    expect((await um.systemctl('is-active', LEGACY)).stdout.trim()).toBe('active')
    expect(await legacyPid()).toBe(pid)
  })

  it('sync-token --restart leaves the legacy unit alone; --migrate-legacy-names plans it (preview, --json) and stops and disables it', async () => {
    const pid = await legacyPid()
    // Without the flag: never touched (the restart's preflight blocks on the port, as restart does).
    const plain = await runCli(['sync-token', ...RELEASE, '--json', '--yes', '--restart', '--timeout', '10'], {env: um.env, timeoutMs: 60_000})
    // A sync whose restart was blocked did not land: 3 (syncExitCode).
    expect(plain.code, plain.stdout).toBe(3)
    expect(JSON.parse(plain.stdout).restart.outcome).toBe('preflight-failed')
    expect(JSON.parse(plain.stdout).unitStops).toBeUndefined()
    expect(await legacyPid()).toBe(pid)
    const undo = `systemctl --user enable --now ${LEGACY}`
    const dry = await runCli(['sync-token', ...RELEASE, '--json', '--dry-run', '--migrate-legacy-names'], {env: um.env, timeoutMs: 60_000})
    const planned = JSON.parse(dry.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', planned)).toEqual([])
    expect(planned.unitStops).toEqual([{unit: LEGACY, action: 'stop-and-disable', reason: `holds port ${port}`, undo}])
    const human = await runCli(['sync-token', ...RELEASE, '--dry-run', '--migrate-legacy-names'], {env: um.env, timeoutMs: 60_000})
    expect(human.stdout).toContain(`stop and disable ${LEGACY} (holds port ${port}); undo: ${undo}`)
    expect(await legacyPid()).toBe(pid)
    const r = await runCli(['sync-token', ...RELEASE, '--json', '--yes', '--restart', '--migrate-legacy-names', '--timeout', '15'],
      {env: um.env, timeoutMs: 90_000})
    const json = JSON.parse(r.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', json)).toEqual([])
    expect(json.unitStops).toEqual([{unit: LEGACY, action: 'stop-and-disable', reason: `holds port ${port}`, undo, ok: true}])
    expect(json.restart.outcome, r.stdout).toBe('restarted')
    expect(r.code, r.stdout).toBe(0)
    expect((await um.systemctl('is-active', LEGACY)).stdout.trim()).not.toBe('active')
    expect((await um.systemctl('is-enabled', LEGACY)).stdout.trim()).toBe('disabled')
    expect((await um.systemctl('is-active', OWN)).stdout.trim()).toBe('active')
  }, 120_000)

  it('after the fix doctor passes and restart brings up the release\'s own unit on the port', async () => {
    expect((await um.systemctl('disable', '--now', LEGACY)).code).toBe(0)
    expect((await doctor()).status).toBe('pass')
    const r = await runCli(['restart', ...RELEASE, '--json', '--timeout', '15'], {env: um.env, timeoutMs: 60_000})
    const json = JSON.parse(r.stdout)
    expect(json.outcome, r.stdout).toBe('restarted')
    expect(json.final.portAccepts).toBe(true)
    expect((await um.systemctl('is-active', OWN)).stdout.trim()).toBe('active')
    expect((await um.systemctl('is-active', LEGACY)).stdout.trim()).not.toBe('active')
  })
})
