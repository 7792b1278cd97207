import {readFile} from 'node:fs/promises'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {readPort} from '../../src/sources/port.js'
import {readService} from '../../src/sources/service.js'
import {freePort, standInUnit} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

const UNIT = 'clawdoc-e2e-read.service'
const TOKEN_A = 'fake-e2e-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const TOKEN_B = 'fake-e2e-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'

let um: UserManager
let port: number
beforeAll(async () => {
  um = await startUserManager()
  port = await freePort()
})
afterAll(async () => {
  await um?.stop()
})

const ctx = () => createContext({env: um.env, home: um.home, cwd: um.home})

async function waitListening(): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const s = await readService(ctx(), UNIT)
    if ((await readPort(ctx(), port, 'unit', s)).listening) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('stand-in gateway never listened')
}

describe('readService and readPort against a real user manager', () => {
  it('the private manager is contained in its own cgroup, not ours', async () => {
    expect(await readFile(`/proc/${um.pid}/cgroup`, 'utf8')).toContain(`0::/${um.cgroup}/`)
    expect(await readFile('/proc/self/cgroup', 'utf8')).not.toContain(um.cgroup)
  })

  it('reads live Environment, MainPID env, NeedDaemonReload, and the listener as the service child', async () => {
    const logFile = path.join(um.scratch, 'gw.log')
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_A, logFile}))
    expect((await um.systemctl('daemon-reload')).code).toBe(0)
    expect((await um.systemctl('start', UNIT)).code).toBe(0)
    await waitListening()

    let s = await readService(ctx(), UNIT)
    expect(s).toMatchObject({status: 'ok', loadState: 'loaded', activeState: 'active', needDaemonReload: false, processEnvStatus: 'ok'})
    expect(s.controlGroup).toContain(`/${um.cgroup}/`)
    expect(s.managerToken?.value.reveal()).toBe(TOKEN_A)
    expect(s.processToken?.value.reveal()).toBe(TOKEN_A)
    const p = await readPort(ctx(), port, 'unit', s)
    expect(p.listeners).toHaveLength(1)
    // The listener is the launcher's child, not MainPID, and still belongs to the service.
    expect(p.listeners[0].pid).not.toBe(s.mainPid)
    expect(p.listeners[0].belongsToService).toBe(true)

    // Edit the unit: the manager keeps the old env until daemon-reload.
    await um.writeUnit(UNIT, standInUnit({port, token: TOKEN_B, logFile}))
    s = await readService(ctx(), UNIT)
    expect(s.needDaemonReload).toBe(true)
    expect(s.managerToken?.value.reveal()).toBe(TOKEN_A)

    // After daemon-reload the manager has the new env, the running process still the old one.
    expect((await um.systemctl('daemon-reload')).code).toBe(0)
    s = await readService(ctx(), UNIT)
    expect(s.needDaemonReload).toBe(false)
    expect(s.managerToken?.value.reveal()).toBe(TOKEN_B)
    expect(s.processToken?.value.reveal()).toBe(TOKEN_A)
  })

  it('a missing unit is LoadState=not-found, not an error', async () => {
    const s = await readService(ctx(), 'clawdoc-e2e-nope.service')
    expect(s).toMatchObject({status: 'ok', loadState: 'not-found', activeState: 'inactive'})
    expect(s.mainPid).toBeUndefined()
  })

  it('an empty XDG_RUNTIME_DIR is no-bus', async () => {
    const empty = path.join(um.scratch, 'empty-run')
    await import('node:fs/promises').then((f) => f.mkdir(empty, {mode: 0o700}))
    const s = await readService(createContext({env: {...um.env, XDG_RUNTIME_DIR: empty}, home: um.home, cwd: um.home}), UNIT)
    expect(s).toMatchObject({status: 'no-bus'})
    expect(s.hint).toMatch(/enable-linger/)
  })
})
