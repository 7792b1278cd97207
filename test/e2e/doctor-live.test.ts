import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli, schemaErrors} from '../helpers/cli.js'
import {TOK_A, TOK_B} from '../helpers/facts.js'
import {freePort, standInUnit, waitForPort} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

// doctor against a REAL systemd user manager: a real unit (the stand-in gateway: a launcher whose
// child listens), its live Environment= as systemd has loaded it, NeedDaemonReload, the running
// process' own environment, the port's owner, and the live probe.
const UNIT = 'clawdbot-gateway.service'
let um: UserManager
let port: number


function unitText(token: string): string {
  return standInUnit({port, token, logFile: `${um.scratch}/gateway.log`})
}

async function doctor(extra: string[] = []) {
  const r = await runCli(['doctor', '--json', ...extra], {env: um.env, cwd: um.home})
  expect(r.stderr).toBe('')
  const doc = JSON.parse(r.stdout)
  expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
  for (const t of [TOK_A, TOK_B]) expect(r.stdout).not.toContain(t)
  const status = (id: string) => doc.checks.find((c: {id: string}) => c.id === id).status
  return {code: r.code, doc, status}
}

beforeAll(async () => {
  um = await startUserManager()
  port = await freePort()
  await mkdir(path.join(um.home, '.clawdbot'), {recursive: true})
  await writeFile(
    path.join(um.home, '.clawdbot', 'clawdbot.json'),
    `{ gateway: { mode: 'local', port: ${port}, auth: { token: '${TOK_A}' } } }\n`,
    {mode: 0o600},
  )
  await um.writeUnit(UNIT, unitText(TOK_A))
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  expect((await um.systemctl('start', UNIT)).code).toBe(0)
  await waitForPort(port)
})

afterAll(async () => {
  await um?.stop()
})

describe('doctor with a live user manager', () => {
  it('a consistent running setup passes, with the probe accepting the token', async () => {
    const {code, doc, status} = await doctor()
    expect(doc.service).toMatchObject({status: 'ok', activeState: 'active', needDaemonReload: false})
    expect(doc.copies.map((c: {id: string}) => c.id)).toEqual(expect.arrayContaining([
      'config.auth.token',
      'unit.env',
      'service.manager-env',
      'service.process-env',
    ]))
    expect(new Set(doc.copies.filter((c: {secret: string}) => c.secret === 'token').map((c: {group: string}) => c.group))).toEqual(new Set(['A']))
    expect(doc.probe.status).toBe('ok')
    expect(doc.probe.results.map((r: {outcome: string}) => r.outcome)).toEqual(['accepted'])
    expect(status('port.stray-process')).toBe('pass')
    expect(code).toBe(0)
  })

  it('an edited unit without daemon-reload: NeedDaemonReload and the stale manager env are reported', async () => {
    await um.writeUnit(UNIT, unitText(TOK_B))
    const {code, status, doc} = await doctor(['--no-probe'])
    expect(doc.service.needDaemonReload).toBe(true)
    expect(status('unit.needs-daemon-reload')).toBe('warning')
    expect(status('token.service-stale')).toBe('error')
    // The running process still holds the config's token, so no party disagrees yet (the stale
    // unit is token.service-stale's finding above, and token.gateway-tools' after the restart).
    expect(status('token.gateway-tools')).toBe('pass')
    expect(code).toBe(1)
  })

  it('after daemon-reload but before restart: the running process still has the old token', async () => {
    expect((await um.systemctl('daemon-reload')).code).toBe(0)
    const {status, doc} = await doctor(['--no-probe'])
    expect(doc.service.needDaemonReload).toBe(false)
    const stale = doc.checks.find((c: {id: string}) => c.id === 'token.service-stale')
    expect(stale.findings.map((f: {message: string}) => f.message).join(' ')).toMatch(/needs a restart/)
    expect(status('unit.needs-daemon-reload')).toBe('pass')
  })
})
