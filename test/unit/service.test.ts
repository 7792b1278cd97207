import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import type {Exec, ExecResult} from '../../src/sources/exec.js'
import {readLegacyUnits, readService} from '../../src/sources/service.js'

const FAKE_OLD = 'fake-manager-token-0000'
const FAKE_NEW = 'fake-process-token-1111'

function setup(show: ExecResult, procFiles: Record<string, string> = {}) {
  const vol = Volume.fromJSON({'/run/u/.keep': '', ...procFiles})
  // busStatus needs a socket; memfs has none, so use the DBUS variable path.
  const calls: string[][] = []
  const exec: Exec = async (_f, args) => {
    calls.push([...args])
    return show
  }
  const ctx = createContext({
    env: {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/u/bus'},
    fs: vol.promises as never,
    exec,
    procRoot: '/proc',
    home: '/h',
    cwd: '/h',
  })
  return {ctx, calls}
}
const res = (stdout: string, code = 0): ExecResult => ({ok: code === 0, code, stdout, stderr: '', timedOut: false})

describe('readService', () => {
  it('reads state, manager env token and the running process token (masked, never revealed)', async () => {
    const {ctx, calls} = setup(
      res(
        [
          'MainPID=321',
          'LoadState=loaded',
          'ActiveState=active',
          'SubState=running',
          'NeedDaemonReload=yes',
          'ControlGroup=/user.slice/app.slice/gw.service',
          'FragmentPath=/h/.config/systemd/user/gw.service',
          `Environment=HOME=/h "CLAWDBOT_GATEWAY_TOKEN=${FAKE_OLD}"`,
        ].join('\n'),
      ),
      {'/proc/321/environ': `HOME=/h\0CLAWDBOT_GATEWAY_TOKEN=${FAKE_NEW}\0`},
    )
    const s = await readService(ctx, 'gw.service')
    expect(calls[0]).toEqual(['--user', 'show', expect.stringContaining('--property=LoadState,'), '--', 'gw.service'])
    expect(s).toMatchObject({
      status: 'ok',
      loadState: 'loaded',
      activeState: 'active',
      subState: 'running',
      mainPid: 321,
      needDaemonReload: true,
      controlGroup: '/user.slice/app.slice/gw.service',
      processEnvStatus: 'ok',
    })
    expect(s.managerToken?.id).toBe('service.manager-env')
    expect(s.managerToken?.place).toMatchObject({kind: 'service', unit: 'gw.service'})
    expect(s.managerToken?.value.reveal()).toBe(FAKE_OLD)
    expect(s.processToken?.place).toMatchObject({kind: 'process', pid: 321})
    expect(s.processToken?.value.reveal()).toBe(FAKE_NEW)
    expect(JSON.stringify(s)).not.toContain(FAKE_OLD)
    expect(JSON.stringify(s)).not.toContain(FAKE_NEW)
  })

  it('MainPID=0: no process env, no token', async () => {
    const {ctx} = setup(res('MainPID=0\nLoadState=loaded\nActiveState=inactive\nEnvironment=\n'))
    const s = await readService(ctx, 'gw.service')
    expect(s).toMatchObject({status: 'ok', activeState: 'inactive', processEnvStatus: 'no-process'})
    expect(s.mainPid).toBeUndefined()
    expect(s.managerToken).toBeUndefined()
  })

  it('a vanished process is no-process, not an exception', async () => {
    const {ctx} = setup(res('MainPID=999\nLoadState=loaded\n'))
    expect((await readService(ctx, 'gw.service')).processEnvStatus).toBe('no-process')
  })

  it('no bus: status no-bus with reason and hint, systemctl never called', async () => {
    const {ctx, calls} = setup(res(''))
    const s = await readService({...ctx, env: {XDG_RUNTIME_DIR: '/run/u'}}, 'gw.service')
    expect(s).toMatchObject({status: 'no-bus'})
    expect(s.hint).toMatch(/enable-linger/)
    expect(calls).toHaveLength(0)
  })

  it('systemctl failure is status error', async () => {
    const {ctx} = setup(res('', 1))
    expect(await readService(ctx, 'gw.service')).toMatchObject({status: 'error', reason: expect.stringMatching(/exit 1/)})
  })
})

describe('readLegacyUnits', () => {
  function legacyCtx(answers: Record<string, ExecResult>, env: Record<string, string> = {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/u/bus'}) {
    const calls: string[][] = []
    const exec: Exec = async (_f, args) => {
      calls.push([...args])
      return answers[args.at(-1)!] ?? res('LoadState=not-found\nActiveState=inactive\nMainPID=0')
    }
    const ctx = createContext({env, fs: Volume.fromJSON({'/x': ''}).promises as never, exec, procRoot: '/proc', home: '/h', cwd: '/h'})
    return {ctx, calls}
  }

  it('asks systemctl --user show for each legacy name (never the unit in play) and keeps the ones the manager knows', async () => {
    const {ctx, calls} = legacyCtx({
      'clawdbot-gateway.service': res('LoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nMainPID=77\nFragmentPath=/h/c.service'),
    })
    const r = await readLegacyUnits(ctx, ['clawdbot-gateway.service', 'moltbot-gateway.service', 'openclaw-gateway.service'], 'openclaw-gateway.service')
    expect(calls.map((c) => c.at(-1))).toEqual(['clawdbot-gateway.service', 'moltbot-gateway.service'])
    expect(calls[0].slice(0, 2)).toEqual(['--user', 'show'])
    expect(r).toEqual({status: 'ok', units: [{unit: 'clawdbot-gateway.service', loadState: 'loaded', activeState: 'active', subState: 'running',
      unitFileState: 'enabled', mainPid: 77, fragmentPath: '/h/c.service'}]})
  })

  it('never throws: no bus and a failing systemctl are statuses', async () => {
    const noBus = legacyCtx({}, {})
    expect((await readLegacyUnits(noBus.ctx, ['clawdbot-gateway.service'], 'x.service')).status).toBe('no-bus')
    expect(noBus.calls).toEqual([])
    const failing = legacyCtx({'clawdbot-gateway.service': {ok: false, code: null, stdout: '', stderr: '', timedOut: false, spawnError: 'ENOENT'}})
    const r = await readLegacyUnits(failing.ctx, ['clawdbot-gateway.service'], 'x.service')
    expect(r).toMatchObject({status: 'error', units: []})
    expect(r.reason).toMatch(/could not be started \(ENOENT\)/)
  })
})
