import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {locate} from '../../src/app/locate.js'
import {runSync, syncExitCode} from '../../src/app/sync-token.js'
import {planLegacyUnitStops} from '../../src/fix/legacy-names.js'
import {renderSyncHuman, syncResult} from '../../src/render/sync.js'
import {createContext, type Context} from '../../src/sources/context.js'
import type {Exec, ExecResult} from '../../src/sources/exec.js'
import {TOK_A, makeFacts} from '../helpers/facts.js'

const res = (stdout: string, code = 0): ExecResult => ({ok: code === 0, code, stdout, stderr: '', timedOut: false})

describe('planLegacyUnitStops (pure)', () => {
  it('lists each legacy unit that runs or is enabled, with why and the undo; an inactive, disabled one is left alone', () => {
    const f = makeFacts()
    f.legacyUnits = {status: 'ok', units: [
      {unit: 'clawdbot-gateway.service', loadState: 'loaded', activeState: 'active', unitFileState: 'enabled', mainPid: 77},
      {unit: 'moltbot-gateway.service', loadState: 'loaded', activeState: 'inactive', unitFileState: 'enabled'},
      {unit: 'old-gateway.service', loadState: 'loaded', activeState: 'inactive', unitFileState: 'disabled'},
    ]}
    f.port.listeners = [{pid: 77, legacyUnit: 'clawdbot-gateway.service'}]
    expect(planLegacyUnitStops(f)).toEqual([
      {unit: 'clawdbot-gateway.service', reason: `holds port ${f.port.port}`, undo: 'systemctl --user enable --now clawdbot-gateway.service'},
      {unit: 'moltbot-gateway.service', reason: `enabled beside ${f.unit.name}`, undo: 'systemctl --user enable --now moltbot-gateway.service'},
    ])
    f.port.listeners = []
    expect(planLegacyUnitStops(f)[0]!.reason).toBe(`running (pid 77) beside ${f.unit.name}`)
    // Without a bus the units are not known: nothing is planned.
    f.legacyUnits = {status: 'no-bus', units: []}
    expect(planLegacyUnitStops(f)).toEqual([])
  })
})

// An openclaw 2026.9.6 home whose files already agree; clawdbot-gateway.service runs beside openclaw-gateway.service.
function home(disableCode = 0): {ctx: Context; calls: string[][]} {
  const vol = Volume.fromJSON({
    '/h/.openclaw/openclaw.json': JSON.stringify({gateway: {mode: 'local', auth: {mode: 'token', token: TOK_A}}}, null, 2) + '\n',
    '/h/.config/systemd/user/openclaw-gateway.service': '[Service]\nExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway --port 18789\n',
    '/h/.config/systemd/user/clawdbot-gateway.service': '[Service]\nExecStart=/usr/bin/node /opt/clawdbot/dist/index.js gateway\n',
  })
  vol.mkdirSync('/h/cwd', {recursive: true})
  const calls: string[][] = []
  const exec: Exec = async (file, args) => {
    calls.push([file, ...args])
    if (file !== 'systemctl') return res('', 1)
    if (args[1] === 'disable') return res('', disableCode)
    if (args[1] !== 'show') return res('', 1)
    const unit = args.at(-1)
    if (unit === 'clawdbot-gateway.service') return res('LoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nMainPID=0\n')
    if (unit === 'openclaw-gateway.service') return res('LoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\nMainPID=0\n')
    return res('LoadState=not-found\nActiveState=inactive\nMainPID=0\n')
  }
  const ctx = createContext({env: {HOME: '/h', PATH: '/nowhere', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/u/bus'}, home: '/h', cwd: '/h/cwd',
    fs: vol.promises as never, exec, uid: 1000, procRoot: '/proc', now: () => 1_780_000_000_000})
  return {ctx, calls}
}

const disables = (calls: string[][]) => calls.filter((c) => c[0] === 'systemctl' && c.includes('disable')).map((c) => c.join(' '))

async function sync(ctx: Context, o: {dryRun?: boolean; migrate?: boolean} = {}) {
  const {paths, product} = await locate(ctx, {product: 'openclaw', release: '2026.9.6'})
  const asked: number[] = []
  const out = await runSync(ctx, {paths, product: product.facts, choice: {kind: 'server'}, dryRun: o.dryRun ?? false, live: true,
    migrateLegacyNames: o.migrate ?? true}, {confirm: async (p) => (asked.push(p.unitStops?.length ?? 0), true)})
  return {out, asked}
}

describe('sync-token --migrate-legacy-names and a legacy unit beside the release\'s own', () => {
  it('the preview (human and JSON) lists the stop with its undo; --dry-run runs nothing', async () => {
    const {ctx, calls} = home()
    const {out} = await sync(ctx, {dryRun: true})
    expect(out.plan.unitStops).toEqual([{unit: 'clawdbot-gateway.service', reason: 'running beside openclaw-gateway.service',
      undo: 'systemctl --user enable --now clawdbot-gateway.service'}])
    const r = syncResult(out)
    expect(r.unitStops).toEqual([{unit: 'clawdbot-gateway.service', action: 'stop-and-disable', reason: 'running beside openclaw-gateway.service',
      undo: 'systemctl --user enable --now clawdbot-gateway.service'}])
    expect(renderSyncHuman(out, r, true)).toContain(
      'stop and disable clawdbot-gateway.service (running beside openclaw-gateway.service); undo: systemctl --user enable --now clawdbot-gateway.service')
    expect(disables(calls)).toEqual([])
  })

  it('applied: asks once, then `systemctl --user disable --now` the legacy unit (nothing else is stopped or killed); exit 0', async () => {
    const {ctx, calls} = home()
    const {out, asked} = await sync(ctx)
    expect(asked).toEqual([1])
    expect(disables(calls)).toEqual(['systemctl --user disable --now -- clawdbot-gateway.service'])
    expect(calls.some((c) => c.includes('stop') || c.includes('kill'))).toBe(false)
    expect(out.unitStops).toMatchObject([{unit: 'clawdbot-gateway.service', ok: true}])
    expect(syncResult(out).unitStops![0]).toMatchObject({ok: true})
    expect(renderSyncHuman(out, syncResult(out), false)).toContain('done: stop and disable clawdbot-gateway.service')
    expect(syncExitCode(out)).toBe(0)
  })

  it('a failed disable is a failure (exit 3), named with its command', async () => {
    const {ctx} = home(1)
    const {out} = await sync(ctx)
    expect(out.unitStops).toMatchObject([{ok: false, error: 'systemctl --user disable --now clawdbot-gateway.service failed (exit 1).'}])
    expect(syncExitCode(out)).toBe(3)
  })

  it('without --migrate-legacy-names the legacy unit is never touched, nor planned', async () => {
    const {ctx, calls} = home()
    const {out} = await sync(ctx, {migrate: false})
    expect(out.plan.unitStops).toBeUndefined()
    expect(syncResult(out).unitStops).toBeUndefined()
    expect(disables(calls)).toEqual([])
  })
})
