import * as fsp from 'node:fs/promises'
import * as path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {OPENCLAW_2026_3_2} from '../../src/model/profiles/data/openclaw-2026.3.2.js'
import type {UnitLayout} from '../../src/model/profiles/data/types.js'
import {Secret} from '../../src/model/secret.js'
import {execFile} from '../../src/sources/exec.js'
import {freePort} from '../helpers/clawdbot.js'
import {ensureOpenclaw, openclawConfigText, type OpenclawInstall} from '../helpers/openclaw.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'
import {VALUES, describeOpenclawProfile, normaliseUnit, probeAs} from './openclaw-suite.js'

// The early openclaw (2026.3.2, Node 22): every measured line of its profile data, against the real release.
describeOpenclawProfile('2026.3.2', OPENCLAW_2026_3_2)

// Its own `gateway install`, in the contained user manager (no system-manager check in this release).
describe('openclaw 2026.3.2: the unit its `gateway install` writes', () => {
  let inst: OpenclawInstall
  let um: UserManager
  let port: number
  let unit: string

  beforeAll(async () => {
    inst = await ensureOpenclaw('2026.3.2')
    um = await startUserManager()
    port = await freePort()
    const config = JSON.parse(openclawConfigText({port, auth: {token: VALUES.A}}, path.join(um.scratch, 'gateway.log'))) as Record<string, unknown>
    // mDNS off through the config: the unit the installer writes does not carry our env switches.
    await fsp.mkdir(path.join(um.home, '.openclaw'), {recursive: true, mode: 0o700})
    await fsp.writeFile(path.join(um.home, '.openclaw', 'openclaw.json'), JSON.stringify({...config, discovery: {mdns: {mode: 'off'}}}, null, 2), {mode: 0o600})
    const env = {...um.env, PATH: `${path.dirname(inst.node)}:/usr/local/bin:/usr/bin:/bin`, TMPDIR: inst.tmp, NO_COLOR: '1', OPENCLAW_NO_RESPAWN: '1'}
    const r = await execFile(inst.node, [inst.entry, 'gateway', 'install', '--port', String(port)], {env, cwd: um.home, timeoutMs: 120_000})
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
    unit = await fsp.readFile(path.join(um.unitDir, OPENCLAW_2026_3_2.names.unitName), 'utf8')
  }, 300_000)

  afterAll(async () => {
    await um?.stop()
  })

  it('has the recorded layout: the token inline in Environment=, no EnvironmentFile=', () => {
    const lines = unit.split('\n')
    const tokenLines = lines.filter((l) => l.startsWith('Environment=OPENCLAW_GATEWAY_TOKEN='))
    expect(tokenLines.length).toBe(OPENCLAW_2026_3_2.unit.tokenFromConfig === 'inline' ? 1 : 0)
    if (tokenLines.length) expect(new Secret(tokenLines[0]!.slice('Environment=OPENCLAW_GATEWAY_TOKEN='.length)).equals(new Secret(VALUES.A))).toBe(true)
    expect(lines.some((l) => l.startsWith('EnvironmentFile='))).toBe((OPENCLAW_2026_3_2.unit as UnitLayout).environmentFile !== undefined)
    expect(lines).toContain(`KillMode=${OPENCLAW_2026_3_2.unit.killMode}`)
    expect(lines).toContain(`Restart=${OPENCLAW_2026_3_2.unit.restart}`)
    for (const v of OPENCLAW_2026_3_2.unit.markerVariables) expect(lines.some((l) => l.startsWith(`Environment=${v}=`)), v).toBe(true)
    const sample = normaliseUnit(unit, {node: inst.node, pkg: inst.pkg, home: um.home, tmp: inst.tmp, port, tokens: VALUES})
    process.stderr.write(`--- openclaw 2026.3.2 unit sample ---\n${JSON.stringify(sample)}\n`)
    expect(sample).toBe(OPENCLAW_2026_3_2.unit.sample)
  })

  it('runs under the user manager, and the gateway it starts accepts the config token', async () => {
    const end = Date.now() + 180_000
    let last = ''
    while (Date.now() < end) {
      const a = await probeAs(`ws://127.0.0.1:${port}`, VALUES.A, OPENCLAW_2026_3_2.probe, 5000)
      if (a.outcome === 'accepted') return
      last = a.outcome
      await new Promise((res) => setTimeout(res, 500))
    }
    const show = await um.systemctl('status', OPENCLAW_2026_3_2.names.unitName)
    throw new Error(`the installed unit never served (last probe: ${last}): ${show.stdout.slice(-1500)}`)
  }, 200_000)
})
