import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {Exec, ExecResult} from '../../src/sources/exec.js'
import {judgePreflight} from '../../src/restart/preflight.js'
import {stopStrays} from '../../src/restart/strays.js'
import {confirmToken} from '../../src/restart/token.js'
import {diagnose} from '../../src/model/views.js'
import {verifyUp} from '../../src/restart/verify.js'
import {copy, makeFacts, TOK_A, TOK_B} from '../helpers/facts.js'

const res = (stdout: string): ExecResult => ({ok: true, code: 0, stdout, stderr: '', timedOut: false})

describe('judgePreflight', () => {
  it('a healthy setup has no blockers', () => {
    expect(judgePreflight(makeFacts())).toEqual({blockers: [], needsDaemonReload: false, strays: []})
  })
  it.each([
    ['no-bus', (f: ReturnType<typeof makeFacts>) => (f.service = {unit: 'u', status: 'no-bus', reason: 'r', hint: 'h'}), 'NO_BUS'],
    ['unit not found', (f: ReturnType<typeof makeFacts>) => (f.service.loadState = 'not-found'), 'UNIT_NOT_FOUND'],
    ['masked', (f: ReturnType<typeof makeFacts>) => (f.service.loadState = 'masked'), 'UNIT_NOT_LOADED'],
    ['config missing', (f: ReturnType<typeof makeFacts>) => (f.config.status = 'missing'), 'CONFIG_MISSING'],
    ['config unparsable', (f: ReturnType<typeof makeFacts>) => (f.config.status = 'parse-error'), 'CONFIG_BROKEN'],
    ['config discarded', (f: ReturnType<typeof makeFacts>) => (f.config.discardedByProduct = true), 'CONFIG_BROKEN'],
  ])('%s blocks', (_n, patch, code) => {
    expect(judgePreflight(makeFacts(patch)).blockers.map((b) => b.code)).toEqual([code])
  })
  it('--allow-unconfigured in ExecStart lifts the missing-config block', () => {
    const f = makeFacts((f) => {
      f.config.status = 'missing'
      f.unit.execStart = {args: ['node', 'entry.js', 'gateway', '--allow-unconfigured'], place: {kind: 'unit'}}
      f.unit.allowUnconfigured = true
    })
    expect(judgePreflight(f).blockers).toEqual([])
  })
  it('NeedDaemonReload and strays are reported (unknown ownership counts as a stray)', () => {
    const f = makeFacts((f) => {
      f.service.needDaemonReload = true
      f.port.listeners = [{pid: 1, belongsToService: true}, {pid: 77, command: 'python3 -m http.server', belongsToService: false}, {}]
    })
    const v = judgePreflight(f)
    expect(v.needsDaemonReload).toBe(true)
    expect(v.strays).toEqual([{pid: 77, command: 'python3 -m http.server'}, {pid: undefined, command: undefined}])
  })
  it('a legacy unit\'s gateway on the port is never a stray to SIGTERM: it blocks, naming the unit and the systemd command', () => {
    const f = makeFacts((f) => {
      f.port.listeners = [{pid: 91, command: 'node /opt/clawdbot/dist/entry.js gateway', belongsToService: false, legacyUnit: 'moltbot-gateway.service'}]
    })
    const v = judgePreflight(f)
    expect(v.strays).toEqual([])
    expect(v.blockers.map((b) => b.code)).toEqual(['PORT_HELD'])
    expect(v.blockers[0].message).toMatch(/pid 91 of the legacy unit moltbot-gateway\.service, beside clawdbot-gateway\.service: two gateways, one port/)
    expect(v.blockers[0].hint).toContain('systemctl --user disable --now moltbot-gateway.service')
  })
})

describe('confirmToken', () => {
  it.each([
    ['match', () => {}],
    ['mismatch', (f: ReturnType<typeof makeFacts>) => (f.service.processToken = copy('service.process-env', TOK_B))],
    ['no-env-token', (f: ReturnType<typeof makeFacts>) => delete f.service.processToken],
    ['no-config-token', (f: ReturnType<typeof makeFacts>) => delete f.config.gateway.authToken],
    ['exec-token', (f: ReturnType<typeof makeFacts>) => (f.unit.execToken = copy('unit.exec-start', TOK_B))],
    ['unknown', (f: ReturnType<typeof makeFacts>) => (f.service.processEnvStatus = 'unreadable')],
  ])('%s', (check, patch) => {
    const t = confirmToken(diagnose(makeFacts(patch as never)))
    expect(t.check).toBe(check)
    expect(JSON.stringify(t)).not.toContain(TOK_A)
    expect(JSON.stringify(t)).not.toContain(TOK_B)
  })
})

describe('verifyUp', () => {
  function clock() {
    let t = 0
    return {now: () => t, sleep: async (ms: number) => void (t += ms)}
  }
  const execSeq = (states: string[]): Exec => {
    let i = 0
    return async () => res(states[Math.min(i++, states.length - 1)])
  }
  it('waits through activating until active and the port accepts', async () => {
    const c = clock()
    let tries = 0
    const v = await verifyUp(
      {env: {}, exec: execSeq(['ActiveState=activating\nSubState=start\nMainPID=0', 'ActiveState=active\nSubState=running\nMainPID=9']), now: c.now},
      {sleep: c.sleep, tcpAccepts: async () => ++tries >= 3},
      'u.service',
      1234,
      5000,
    )
    expect(v).toMatchObject({ok: true, activeState: 'active', mainPid: 9, portAccepts: true})
  })
  it('auto-restart is a failure at once, not a wait', async () => {
    const c = clock()
    const v = await verifyUp(
      {env: {}, exec: execSeq(['ActiveState=activating\nSubState=auto-restart\nMainPID=0']), now: c.now},
      {sleep: c.sleep, tcpAccepts: async () => false},
      'u.service',
      1,
      30_000,
    )
    expect(v.ok).toBe(false)
    expect(v.note).toMatch(/failed to start/)
    expect(c.now()).toBe(0)
  })
  it('gives up at the deadline when the port never answers', async () => {
    const c = clock()
    const v = await verifyUp(
      {env: {}, exec: execSeq(['ActiveState=active\nSubState=running\nMainPID=9']), now: c.now},
      {sleep: c.sleep, tcpAccepts: async () => false},
      'u.service',
      1,
      2000,
    )
    expect(v).toMatchObject({ok: false, portAccepts: false})
    expect(v.note).toMatch(/did not accept connections within 2 s/)
  })
})

describe('stopStrays', () => {
  it('SIGTERMs the exact pid once, never SIGKILL, and reports a survivor', async () => {
    const vol = Volume.fromJSON({'/proc/55/stat': '55 (stubborn) S 1 55 55 0'})
    const sent: [number, string][] = []
    let t = 0
    const r = await stopStrays(
      {fs: vol.promises as never, procRoot: '/proc', now: () => t},
      {kill: (pid, sig) => void sent.push([pid, sig]), sleep: async (ms) => void (t += ms)},
      [{pid: 55, command: 'x'}],
      1000,
    )
    expect(sent).toEqual([[55, 'SIGTERM']])
    expect(r.survivors).toEqual([{pid: 55, command: 'x', stopped: false}])
  })
  it('a zombie counts as stopped', async () => {
    const vol = Volume.fromJSON({'/proc/56/stat': '56 (gone) Z 1 56 56 0'})
    const r = await stopStrays({fs: vol.promises as never, procRoot: '/proc', now: () => 0}, {kill: () => {}, sleep: async () => {}}, [{pid: 56}])
    expect(r.survivors).toEqual([])
  })
})
