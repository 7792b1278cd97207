import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {runCli, schemaErrors} from '../helpers/cli.js'

// `sync-token --migrate-legacy-names` through the built CLI on real files of an openclaw 2026.9.6 home (detected from
// the package the unit runs): the preview names each file and line, the write changes names only (a legacy line whose
// new name is already there is cut), keeps modes, leaves backups, and a legacy unit beside it is never touched.
const A = 'aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666'
const UNIT = '.config/systemd/user/openclaw-gateway.service'
const DROPIN = `${UNIT}.d/10-env.conf`
const LEGACY_UNIT = '.config/systemd/user/clawdbot-gateway.service'
const ENVFILE = '.openclaw/gateway.systemd.env'
const DOTENV = '.openclaw/.env'

function files(home: string): Record<string, string> {
  return {
    'pkg/openclaw/package.json': '{"name":"openclaw","version":"2026.9.6"}\n',
    'pkg/openclaw/dist/index.js': '',
    '.openclaw/openclaw.json': JSON.stringify({gateway: {mode: 'local', auth: {mode: 'token', token: A}}}, null, 2) + '\n',
    [UNIT]: [
      '[Unit]',
      'Description=OpenClaw Gateway',
      '',
      '[Service]',
      `ExecStart=/usr/bin/node ${home}/pkg/openclaw/dist/index.js gateway --port 18789`,
      '# CLAWDBOT_GATEWAY_TOKEN: left by the clawdbot installer',
      `Environment=HOME=${home} "CLAWDBOT_STATE_DIR=${home}/.openclaw" MOLTBOT_DISABLE_BONJOUR=1`,
      `Environment=CLAWDBOT_GATEWAY_TOKEN=${A}`,
      `EnvironmentFile=-${home}/${ENVFILE}`,
      '',
      '[Install]',
      'WantedBy=default.target',
      '',
    ].join('\n'),
    [DROPIN]: "[Service]\r\nEnvironment='CLAWDBOT_GATEWAY_PORT=18789'\r\n",
    [ENVFILE]: `OPENCLAW_GATEWAY_TOKEN=${A}\nCLAWDBOT_GATEWAY_TOKEN=${A}\nCLAWDBOT_PROFILE=work`,
    [DOTENV]: '# mine\nexport CLAWDBOT_STATE_DIR="~/.openclaw" # keep\n',
    [LEGACY_UNIT]: `[Service]\nExecStart=/usr/bin/node /opt/clawdbot/dist/entry.js gateway\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${A}\n`,
  }
}

const roots: string[] = []
afterAll(() => roots.forEach((r) => rmSync(r, {recursive: true, force: true})))

function openclawHome(patch: (f: Record<string, string>) => void = () => {}): {home: string; before: Record<string, string>} {
  const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-migrate-'))
  roots.push(home)
  const before = files(home)
  patch(before)
  for (const [rel, text] of Object.entries(before)) {
    mkdirSync(path.dirname(path.join(home, rel)), {recursive: true})
    writeFileSync(path.join(home, rel), text)
  }
  chmodSync(path.join(home, ENVFILE), 0o600)
  chmodSync(path.join(home, '.openclaw/openclaw.json'), 0o600)
  return {home, before}
}

const env = (home: string) => ({HOME: home, XDG_RUNTIME_DIR: undefined})
const read = (home: string, rel: string) => readFileSync(path.join(home, rel), 'utf8')

describe('sync-token --migrate-legacy-names (built CLI, real files)', () => {
  it('--dry-run previews every file and line, masked, and changes nothing', async () => {
    const {home, before} = openclawHome()
    const r = await runCli(['sync-token', '--migrate-legacy-names', '--dry-run', '--offline'], {env: env(home)})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    for (const line of [
      'rename openclaw-gateway.service:7 CLAWDBOT_STATE_DIR -> OPENCLAW_STATE_DIR',
      'rename openclaw-gateway.service:7 MOLTBOT_DISABLE_BONJOUR -> OPENCLAW_DISABLE_BONJOUR',
      'rename openclaw-gateway.service:8 CLAWDBOT_GATEWAY_TOKEN -> OPENCLAW_GATEWAY_TOKEN',
      'rename 10-env.conf:2 CLAWDBOT_GATEWAY_PORT -> OPENCLAW_GATEWAY_PORT',
      'remove gateway.systemd.env:2 CLAWDBOT_GATEWAY_TOKEN (OPENCLAW_GATEWAY_TOKEN is already assigned in this file',
      'rename gateway.systemd.env:3 CLAWDBOT_PROFILE -> OPENCLAW_PROFILE',
      'rename .env:2 CLAWDBOT_STATE_DIR -> OPENCLAW_STATE_DIR',
    ]) expect(r.stdout).toContain(line)
    expect(r.stdout).not.toContain(A)
    expect(r.stdout).not.toContain('clawdbot-gateway.service')
    for (const [rel, text] of Object.entries(before)) expect(read(home, rel), rel).toBe(text)
  })

  it('--yes --json: the same bytes except the names, modes kept, backups of the old bytes, the legacy unit untouched', async () => {
    const {home, before} = openclawHome()
    const r = await runCli(['sync-token', '--migrate-legacy-names', '--yes', '--offline', '--json'], {env: env(home)})
    expect(r.stderr).toBe('')
    const doc = JSON.parse(r.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', doc)).toEqual([])
    expect(doc.applied).toBe(true)
    expect(doc.renames).toHaveLength(7)
    expect(r.stdout).not.toContain(A)
    const expected: Record<string, string> = {
      ...before,
      [UNIT]: before[UNIT].replace('"CLAWDBOT_STATE_DIR=', '"OPENCLAW_STATE_DIR=').replace(' MOLTBOT_DISABLE_BONJOUR=', ' OPENCLAW_DISABLE_BONJOUR=')
        .replace('Environment=CLAWDBOT_GATEWAY_TOKEN=', 'Environment=OPENCLAW_GATEWAY_TOKEN='),
      [DROPIN]: before[DROPIN].replace("'CLAWDBOT_GATEWAY_PORT=", "'OPENCLAW_GATEWAY_PORT="),
      [ENVFILE]: `OPENCLAW_GATEWAY_TOKEN=${A}\nOPENCLAW_PROFILE=work`,
      [DOTENV]: before[DOTENV].replace('export CLAWDBOT_STATE_DIR=', 'export OPENCLAW_STATE_DIR='),
    }
    for (const [rel, text] of Object.entries(expected)) expect(read(home, rel), rel).toBe(text)
    expect(read(home, UNIT)).toContain('# CLAWDBOT_GATEWAY_TOKEN: left by the clawdbot installer')
    expect(statSync(path.join(home, ENVFILE)).mode & 0o777).toBe(0o600)
    // One backup per written file, holding the old bytes.
    for (const w of doc.files as {path: string; backup: string}[]) {
      expect(readFileSync(w.backup, 'utf8')).toBe(before[path.relative(home, w.path)])
    }
    expect(readdirSync(path.join(home, '.config/systemd/user')).filter((f) => f.startsWith('clawdbot-gateway'))).toEqual(['clawdbot-gateway.service'])
    // Run again: nothing left to rename.
    const again = await runCli(['sync-token', '--migrate-legacy-names', '--dry-run', '--offline', '--json'], {env: env(home)})
    expect(JSON.parse(again.stdout).renames).toEqual([])
  })

  it('a legacy line it cannot cut losslessly blocks the whole plan: one sentence naming the file, exit 2, nothing written', async () => {
    const {home, before} = openclawHome((f) => {
      f[DOTENV] = 'OPENCLAW_STATE_DIR=/x\nCLAWDBOT_STATE_DIR="/a\n/b"\n'
    })
    const r = await runCli(['sync-token', '--migrate-legacy-names', '--yes', '--offline'], {env: env(home)})
    expect(r.code).toBe(2)
    const file = path.join(home, DOTENV).replace(/[.]/g, '\\.')
    expect(r.stdout).toMatch(new RegExp(`cannot sync .env.*${file}: CLAWDBOT_STATE_DIR on line 2 spans several lines`))
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.js:\d+/)
    for (const [rel, text] of Object.entries(before)) expect(read(home, rel), rel).toBe(text)
  })

  it('on clawdbot it says there is nothing to rename and touches nothing', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-migrate-'))
    roots.push(home)
    mkdirSync(path.join(home, '.clawdbot'))
    writeFileSync(path.join(home, '.clawdbot/clawdbot.json'), JSON.stringify({gateway: {auth: {token: A}}}))
    const r = await runCli(['sync-token', '--migrate-legacy-names', '--dry-run', '--offline'], {env: env(home)})
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('clawdbot (profile clawdbot) has no legacy variable names; nothing to rename.')
  })
})
