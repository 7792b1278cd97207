import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {refreshLive} from '../../src/sources/gather.js'
import {runRestart} from '../../src/app/restart.js'
import {createContext} from '../../src/sources/context.js'
import type {Exec, ExecResult} from '../../src/sources/exec.js'
import type {Facts} from '../../src/model/facts.js'
import type {RestartDeps} from '../../src/restart/types.js'
import {verifyUp, WAIT_FIRST_MS, WAIT_MAX_MS} from '../../src/restart/verify.js'
import {makeFacts, TOK_A, TOK_B} from '../helpers/facts.js'

const res = (stdout: string, code = 0): ExecResult => ({ok: code === 0, code, stdout, stderr: '', timedOut: false})
const HDR = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
// 0x4965 = 18789, LISTEN, inode 7777.
const TCP = HDR + '   0: 0100007F:4965 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 1 0 100 0 0 10 0\n'
const SHOW_AFTER = [
  'LoadState=loaded',
  'ActiveState=active',
  'SubState=running',
  'MainPID=500',
  'NeedDaemonReload=no',
  'ControlGroup=/app.slice/clawdbot-gateway.service',
  'FragmentPath=/h/.config/systemd/user/clawdbot-gateway.service',
  `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_B}`,
].join('\n')

/** A /proc where pid 500 (the new MainPID) runs with token B and its child 501 listens on 18789. */
function newProcess(extra: Record<string, string> = {}) {
  const vol = Volume.fromJSON({
    '/proc/net/tcp': TCP,
    '/proc/500/stat': '500 (node) S 1 500 500 0',
    '/proc/500/environ': `HOME=/h\0CLAWDBOT_GATEWAY_TOKEN=${TOK_B}\0`,
    '/proc/500/task/500/children': '501',
    '/proc/500/cgroup': '0::/app.slice/clawdbot-gateway.service\n',
    '/proc/501/stat': '501 (node) S 500 500 500 0',
    '/proc/501/cgroup': '0::/app.slice/clawdbot-gateway.service\n',
    '/proc/501/cmdline': 'node\0gw.mjs\0',
    '/run/u/.keep': '',
    ...extra,
  })
  vol.mkdirSync('/proc/500/fd', {recursive: true})
  vol.mkdirSync('/proc/501/fd', {recursive: true})
  vol.symlinkSync('socket:[7777]', '/proc/501/fd/9')
  return vol
}

function fakeExec(handler: (args: readonly string[]) => ExecResult) {
  const calls: string[][] = []
  const exec: Exec = async (_file, args) => {
    calls.push([...args])
    return handler(args)
  }
  return {exec, calls}
}

function clock() {
  let t = 0
  const sleeps: number[] = []
  return {now: () => t, sleeps, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms))}
}

describe('verifyUp after a blocking restart', () => {
  it('asks systemd once while the main process runs, and backs off from a small first wait', async () => {
    const c = clock()
    const {exec, calls} = fakeExec(() => res(SHOW_AFTER))
    let tries = 0
    const vol = newProcess()
    const v = await verifyUp(
      {env: {}, exec, now: c.now, fs: vol.promises as never, procRoot: '/proc'},
      {sleep: c.sleep, tcpAccepts: async () => ++tries >= 12},
      'u.service',
      18789,
      30_000,
    )
    expect(v).toMatchObject({ok: true, activeState: 'active', mainPid: 500, portAccepts: true})
    expect(v.props?.ControlGroup).toBe('/app.slice/clawdbot-gateway.service')
    expect(calls).toHaveLength(1)
    expect(calls[0]).toEqual(['--user', 'show', expect.stringContaining('--property=LoadState,ActiveState,SubState,MainPID'), '--', 'u.service'])
    expect(c.sleeps[0]).toBe(WAIT_FIRST_MS)
    expect(c.sleeps).toEqual([...c.sleeps].sort((a, b) => a - b))
    expect(Math.max(...c.sleeps)).toBe(WAIT_MAX_MS)
  })
  it('a main process that vanished while waiting for the port: systemd is asked, auto-restart fails at once', async () => {
    const c = clock()
    const shows = [SHOW_AFTER, 'ActiveState=activating\nSubState=auto-restart\nMainPID=0']
    const {exec, calls} = fakeExec(() => res(shows[Math.min(calls.length - 1, 1)]))
    const vol = newProcess()
    const v = await verifyUp(
      {env: {}, exec, now: c.now, fs: vol.promises as never, procRoot: '/proc'},
      {sleep: c.sleep, tcpAccepts: async () => (vol.rmSync('/proc/500', {recursive: true, force: true}), false)},
      'u.service',
      18789,
      30_000,
    )
    expect(v).toMatchObject({ok: false, subState: 'auto-restart'})
    expect(v.note).toMatch(/failed to start/)
    expect(calls).toHaveLength(2)
    expect(c.now()).toBeLessThan(100)
  })
})

describe('verifyUp: a unit that stays activating', () => {
  it('is asked about with growing gaps (not every port step), until the deadline', async () => {
    const c = clock()
    const {exec, calls} = fakeExec(() => res('ActiveState=activating\nSubState=start\nMainPID=0'))
    const v = await verifyUp({env: {}, exec, now: c.now}, {sleep: c.sleep, tcpAccepts: async () => true}, 'u.service', 18789, 3000)
    expect(v).toMatchObject({ok: false, activeState: 'activating'})
    expect(v.note).toMatch(/did not become active within 3 s \(activating\/start\)/)
    // 5, 10, 20 ... 250 ms gaps: about 17 asks in 3 s, where a fixed 25 ms step would make 120.
    expect(calls.length).toBeGreaterThan(10)
    expect(calls.length).toBeLessThan(25)
  })
})

describe('refreshLive', () => {
  function setup(shows: string[] = [SHOW_AFTER]) {
    const vol = newProcess()
    const {exec, calls} = fakeExec(() => res(shows.shift() ?? SHOW_AFTER))
    const ctx = createContext({
      env: {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/u/bus'},
      fs: vol.promises as never,
      exec,
      procRoot: '/proc',
      home: '/h',
      cwd: '/h',
    })
    return {ctx, calls, vol}
  }
  it('reuses the file facts and the given systemctl show; reads the new process and the port', async () => {
    const {ctx, calls} = setup()
    const before = makeFacts()
    const after = await refreshLive(
      ctx,
      before,
      {show: Object.fromEntries(SHOW_AFTER.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])), probe: false},
    )
    expect(calls).toEqual([])
    expect(after.config).toBe(before.config)
    expect(after.unit).toBe(before.unit)
    expect(after.env).toBe(before.env)
    expect(after.service).toMatchObject({status: 'ok', mainPid: 500, processEnvStatus: 'ok'})
    expect(after.service.processToken?.value.reveal()).toBe(TOK_B)
    expect(after.port).toMatchObject({port: 18789, listening: true, listeners: [{pid: 501, belongsToService: true}]})
    expect(after.probe).toMatchObject({status: 'skipped', reason: '--no-probe'})
    expect(before.service.mainPid).toBe(4242)
  })
  it('without a show, asks systemd itself (one call)', async () => {
    const {ctx, calls} = setup()
    const after = await refreshLive(ctx, makeFacts(), {probe: false})
    expect(calls).toHaveLength(1)
    expect(after.service.mainPid).toBe(500)
  })
  it('rereads the config only when asked to', async () => {
    const {ctx, vol} = setup()
    vol.mkdirSync('/h/.clawdbot', {recursive: true})
    vol.writeFileSync('/h/.clawdbot/clawdbot.json', JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_B}}}))
    const before = makeFacts()
    const after = await refreshLive(ctx, before, {probe: false, rereadConfig: true})
    expect(after.config).not.toBe(before.config)
    expect(after.config.gateway.authToken?.value.reveal()).toBe(TOK_B)
  })
})

describe('runRestart reads every fact once', () => {
  type RunOpts = {
    probeAnswer?: 'accepted' | 'token-mismatch'
    rewriteConfig?: boolean
    silentProbes?: number
    earlyAnswer?: 'no-answer' | 'rejected'
    probe?: boolean
  }
  function run(opts: RunOpts = {}) {
    const c = clock()
    const vol = Volume.fromJSON({'/h/.clawdbot/clawdbot.json': '{}'})
    const {exec, calls} = fakeExec((args) => {
      // The product rewrites its config at start (legacy migration): the gateway does it during the restart.
      if (args[1] === 'restart' && opts.rewriteConfig) vol.writeFileSync('/h/.clawdbot/clawdbot.json', '{"gateway":{}}')
      return res(args[1] === 'show' ? SHOW_AFTER : '')
    })
    const ctx = createContext({env: {}, fs: vol.promises as never, exec, procRoot: '/proc', home: '/h', cwd: '/h', now: c.now})
    const gathers: unknown[] = []
    const refreshes: {show?: Record<string, string>; probe?: boolean; rereadConfig?: boolean}[] = []
    const deps: RestartDeps = {
      gather: async (_ctx, o) => (gathers.push(o), makeFacts()),
      refresh: async (_ctx, before, o) => {
        refreshes.push(o)
        const f: Facts = {...before, probe: undefined}
        if (o.probe !== false) {
          f.probe = {
            status: 'ok',
            target: 'ws://127.0.0.1:18789',
            results: [{
              copies: ['config.auth.token'],
              length: TOK_A.length,
              sha256: before.config.gateway.authToken!.value.fingerprint,
              // The first `silentProbes` probes get no answer (a gateway that takes TCP before it answers WebSocket).
              outcome: refreshes.length <= (opts.silentProbes ?? 0) ? (opts.earlyAnswer ?? 'no-answer') : opts.probeAnswer ?? 'accepted',
              ...(refreshes.length <= (opts.silentProbes ?? 0) && opts.earlyAnswer === 'rejected' ? {message: 'gateway starting'} : {}),
              ms: 1,
            }],
          }
        }
        return f
      },
      runChecks: () => [],
      kill: () => {},
      tcpAccepts: async () => true,
      sleep: c.sleep,
    }
    const paths = makeFacts().paths
    return {go: () => runRestart(ctx, {paths, dryRun: false, stopStrays: false, timeoutMs: 5000, probe: opts.probe}, deps), gathers, refreshes, calls}
  }
  it('one gather, one restart, one show, then one refresh (with that show) that probes', async () => {
    const r = run()
    const o = await r.go()
    expect(o.outcome).toBe('restarted')
    expect(o.phases.map((p) => p.name)).toEqual(['preflight', 'restart', 'verify', 'confirm'])
    expect(r.gathers).toHaveLength(1)
    expect(r.refreshes).toHaveLength(1)
    // The port accepted: the default probe is asked for outright, so it runs beside the port's read.
    expect(r.refreshes[0]).toMatchObject({probe: true, rereadConfig: false, show: expect.objectContaining({MainPID: '500'})})
    expect(r.calls.map((a) => a[1])).toEqual(['restart', 'show'])
    expect(o.probe).toMatchObject({status: 'ok', serverToken: 'accepted'})
  })
  it('--no-probe: the same single refresh, without a probe; --probe: with one', async () => {
    const off = run({probe: false})
    const o = await off.go()
    expect(o.outcome).toBe('restarted')
    expect(off.refreshes).toEqual([expect.objectContaining({probe: false})])
    expect(off.calls.map((a) => a[1])).toEqual(['restart', 'show'])
    expect(o.probe).toMatchObject({status: 'skipped'})
    const on = run({probe: true})
    await on.go()
    expect(on.refreshes).toEqual([expect.objectContaining({probe: true})])
  })
  it('a config the gateway rewrote at start is read again', async () => {
    const r = run({rewriteConfig: true})
    await r.go()
    expect(r.refreshes[0]?.rereadConfig).toBe(true)
  })
  it('a gateway that rejects its own token: not-healthy from the same facts, no further read', async () => {
    const r = run({probeAnswer: 'token-mismatch'})
    const o = await r.go()
    expect(o.outcome).toBe('not-healthy')
    expect(r.refreshes).toHaveLength(1)
    expect(o.probe?.serverToken).toBe('token-mismatch')
  })
  it('a gateway that does not answer the handshake yet is probed again, with backoff, until it answers', async () => {
    const r = run({silentProbes: 3})
    const o = await r.go()
    expect(o.outcome).toBe('restarted')
    expect(r.refreshes).toHaveLength(4)
    expect(o.probe?.serverToken).toBe('accepted')
  })
  it('a gateway that refuses the handshake for another reason than the token while it starts is probed again', async () => {
    const r = run({silentProbes: 2, earlyAnswer: 'rejected'})
    const o = await r.go()
    expect(o.outcome).toBe('restarted')
    expect(r.refreshes).toHaveLength(3)
  })
  it('… and when that lasts to the deadline: not-healthy, with the product\'s own text', async () => {
    const r = run({silentProbes: 1000, earlyAnswer: 'rejected'})
    const o = await r.go()
    expect(o.outcome).toBe('not-healthy')
    expect(o.actions.at(-1)).toBe('The gateway is up but rejects its own configured token (rejected: gateway starting).')
  })
  it('a gateway that never answers within the deadline: not-healthy, and the probes stop at the deadline', async () => {
    const r = run({silentProbes: 1000})
    const o = await r.go()
    expect(o.outcome).toBe('not-healthy')
    expect(o.probe?.serverToken).toBe('no-answer')
    // 5 s deadline, waits of 250, 500, 1000, 2000 ms: a handful of probes, not a busy loop.
    expect(r.refreshes.length).toBeGreaterThan(2)
    expect(r.refreshes.length).toBeLessThan(8)
  })
})
