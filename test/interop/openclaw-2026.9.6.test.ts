import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {OPENCLAW_2026_9_6} from '../../src/model/profiles/data/openclaw-2026.9.6.js'
import type {UnitLayout} from '../../src/model/profiles/data/types.js'
import {execFile} from '../../src/sources/exec.js'
import {callExports, ensureOpenclaw, type OpenclawInstall} from '../helpers/openclaw.js'
import {VALUES, describeOpenclawProfile, normaliseUnit} from './openclaw-suite.js'

// openclaw 2026.9.6 on Node 24: every measured line of its profile data, against the real release.
describeOpenclawProfile('2026.9.6', OPENCLAW_2026_9_6)

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PORT = 18789

/**
 * The unit as the release's installer would write it: its own buildGatewayInstallPlan (the
 * environment and where each value goes) and buildSystemdUnit (the text). `gateway install` itself
 * refuses in a container without a system manager (src/docs/OPENCLAW.md §6); the plan's file-backed values
 * go to EnvironmentFile= exactly as writeSystemdUnit does (only when there are some).
 */
const RENDER = `const [plan, build] = fns
const p = await plan({env: {...process.env, ...input.env}, port: input.port, config: input.config, runtime: 'node', warn: () => {}})
const src = p.environmentValueSources ?? {}
const inline = Object.fromEntries(Object.entries(p.environment).filter(([k]) => !String(src[k] ?? 'inline').includes('file')))
const fileKeys = Object.keys(p.environment).filter((k) => String(src[k] ?? '').includes('file'))
const stateDir = input.env.OPENCLAW_STATE_DIR ?? (process.env.HOME + '/.openclaw')
const unit = build({
  programArguments: p.programArguments,
  workingDirectory: p.workingDirectory,
  environment: inline,
  environmentFiles: fileKeys.length ? [stateDir + '/gateway.systemd.env'] : [],
})
process.stdout.write(JSON.stringify({unit, fileKeys}))`

describe('openclaw 2026.9.6: the unit its installer renders', () => {
  let inst: OpenclawInstall
  let home: string

  beforeAll(async () => {
    inst = await ensureOpenclaw('2026.9.6')
    home = await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-oc-unit-'))
  }, 600_000)
  afterAll(async () => {
    if (home) await fsp.rm(home, {recursive: true, force: true})
  })

  const render = async (config: unknown, env: Record<string, string>) =>
    JSON.parse(await callExports(inst, ['buildGatewayInstallPlan', 'buildSystemdUnit'], RENDER, {config, env, port: PORT}, home)) as {
      unit: string
      fileKeys: string[]
    }

  it('a token in the config stays out of the unit (tokenFromConfig)', async () => {
    const {unit, fileKeys} = await render({gateway: {mode: 'local', auth: {token: VALUES.A}}}, {})
    expect(unit.includes(VALUES.A)).toBe(false)
    expect(fileKeys).toEqual([])
    expect(OPENCLAW_2026_9_6.unit.tokenFromConfig).toBe('none')
    const lines = unit.split('\n')
    expect(lines).toContain(`KillMode=${OPENCLAW_2026_9_6.unit.killMode}`)
    expect(lines).toContain(`Restart=${OPENCLAW_2026_9_6.unit.restart}`)
    for (const v of OPENCLAW_2026_9_6.unit.markerVariables) expect(lines.some((l) => l.startsWith(`Environment=${v}=`)), v).toBe(true)
    const sample = normaliseUnit(unit, {node: inst.node, pkg: inst.pkg, home, tmp: inst.tmp, port: PORT, tokens: VALUES})
    process.stderr.write(`--- openclaw 2026.9.6 unit sample ---\n${JSON.stringify(sample)}\n`)
    expect(sample).toBe(OPENCLAW_2026_9_6.unit.sample)
  }, 60_000)

  it('a token in the installing shell goes neither into the unit nor into gateway.systemd.env (tokenFromEnv)', async () => {
    const {unit, fileKeys} = await render({gateway: {mode: 'local'}}, {OPENCLAW_GATEWAY_TOKEN: VALUES.U})
    expect(unit.includes(VALUES.U)).toBe(false)
    expect(fileKeys.includes('OPENCLAW_GATEWAY_TOKEN')).toBe((OPENCLAW_2026_9_6.unit as UnitLayout).tokenFromEnv === 'env-file')
    expect(unit.split('\n').some((l) => l.startsWith('EnvironmentFile='))).toBe((OPENCLAW_2026_9_6.unit as UnitLayout).tokenFromEnv === 'env-file')
  }, 60_000)

  it('quotes values with whitespace (quotesWhitespace)', async () => {
    const out = await callExports(inst, ['buildSystemdUnit'], `process.stdout.write(fns[0]({programArguments: ['a b'], environment: {K: 'x y'}}))`, {}, home)
    expect(out.includes('ExecStart="a b"') && out.includes('Environment="K=x y"')).toBe(OPENCLAW_2026_9_6.unit.quotesWhitespace)
  }, 60_000)
})

describe('openclaw 2026.9.6: its own config schema', () => {
  it('schemas/ holds exactly what test/tools/openclaw-schema.mjs generates from the release', async () => {
    await ensureOpenclaw('2026.9.6')
    expect(OPENCLAW_2026_9_6.configSchema.exportable).toBe(true)
    const r = await execFile(
      process.execPath,
      [path.join(ROOT, 'test', 'tools', 'openclaw-schema.mjs'), '--release', '2026.9.6', '--check'],
      {timeoutMs: 180_000},
    )
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
  }, 200_000)
})
