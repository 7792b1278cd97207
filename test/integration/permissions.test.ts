import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {gatherFacts} from '../../src/sources/gather.js'
import {runSync} from '../../src/app/sync-token.js'
import {diagnose} from '../../src/model/views.js'
import {runChecks} from '../../src/checks/index.js'
import {shellQuote} from '../../src/checks/util.js'
import {resolvePaths} from '../../src/sources/paths.js'

const OLD = 'fake0ld0000000000000000000000000000000000000000a'
const NEW = 'fake9ew9999999999999999999999999999999999999999b'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const FILES: Record<string, {text: string; mode: number}> = {
  '.clawdbot/clawdbot.json': {text: `{$include: './remote.json5', gateway: {auth: {token: '${OLD}'}}}\n`, mode: 0o600},
  '.clawdbot/remote.json5': {text: `{gateway: {remote: {token: '${OLD}'}}}\n`, mode: 0o644},
  [UNIT]: {text: `[Service]\nExecStart=/bin/true\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${OLD}\nEnvironmentFile=%h/gw env\n`, mode: 0o644},
  [`${UNIT}.d/10-nice.conf`]: {text: `[Service]\nNice=5\n`, mode: 0o644},
  'gw env': {text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`, mode: 0o640},
  '.clawdbot/.env': {text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`, mode: 0o604},
}

const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-perm-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))

function walk(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).map((n) => path.join(dir, n)).filter((p) => statSync(p).isFile())
}

describe('files.permissions on real files, and the modes sync-token writes', () => {
  it('warns for each token-bearing file readable by others, with the exact chmod; sync keeps modes and adds only private files', async () => {
    const h = path.join(root, 'home with space')
    for (const [rel, f] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(h, rel)), {recursive: true})
      writeFileSync(path.join(h, rel), f.text)
      chmodSync(path.join(h, rel), f.mode)
    }
    // A home others can search (mkdtemp makes 0700 dirs): loose file modes are then really readable.
    chmodSync(root, 0o755)
    chmodSync(h, 0o755)
    const ctx = createContext({env: {HOME: h, PATH: process.env.PATH}, home: h, cwd: h})
    const paths = resolvePaths(ctx)
    const check = async () => runChecks(
      diagnose(await gatherFacts(ctx, {paths, live: false, probe: false})),
      {only: ['files.permissions']},
    ).find((r) => r.id === 'files.permissions')!.findings
    const found = await check()
    const flagged = ['.clawdbot/remote.json5', UNIT, 'gw env', '.clawdbot/.env']
    expect(found.map((f) => f.fix?.command).sort()).toEqual(flagged.map((rel) => `chmod 600 ${shellQuote(path.join(h, rel))}`).sort())
    expect(found.every((f) => f.severity === 'warning')).toBe(true)
    expect(found.find((f) => f.message.startsWith(path.join(
      h,
      UNIT,
    )))?.message).toBe(`${path.join(h, UNIT)} holds CLAWDBOT_GATEWAY_TOKEN but has mode 0644: other users can read it.`)
    for (const f of found) expect(f.message).not.toContain(OLD)
    // Behind a 0700 home nobody else can open them, whatever their mode; a 0750 home lets the group through.
    chmodSync(h, 0o700)
    expect(await check()).toEqual([])
    chmodSync(h, 0o750)
    expect((await check()).map((f) => f.fix?.command).sort()).toEqual([
      '.clawdbot/remote.json5',
      UNIT,
      'gw env',
    ].map((rel) => `chmod 600 ${shellQuote(path.join(h, rel))}`).sort())
    chmodSync(h, 0o755)

    const before = new Set(walk(h))
    const s = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: async () => true})
    expect(s.apply?.error).toBeUndefined()
    expect(s.apply?.written.length).toBe(5)
    for (const [rel, f] of Object.entries(FILES)) expect(statSync(path.join(h, rel)).mode & 0o7777, rel).toBe(f.mode)
    const added = walk(h).filter((p) => !before.has(p))
    // New files are the backups only (sync-token never creates a token-bearing file), each private.
    expect(added.length).toBe(5)
    for (const p of added) {
      expect(p).toMatch(/\.clawdoc-\d{8}T\d{6}\.\d{3}Z-\d{3}\.bak$/)
      expect(statSync(p).mode & 0o077, p).toBe(0)
    }

    for (const rel of flagged) chmodSync(path.join(h, rel), 0o600)
    expect(await check()).toEqual([])
  })
})
