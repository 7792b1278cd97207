import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {locate} from '../../src/app/locate.js'
import {runSync, type SyncOutcome} from '../../src/app/sync-token.js'
import {applyEdits} from '../../src/fix/apply.js'
import {writeFsFrom, type PromisesApi} from '../../src/fix/atomic-write.js'
import {legacyRenamer, planLegacyRename} from '../../src/fix/legacy-names.js'
import {renameDotenvVariables} from '../../src/formats/dotenv/edit.js'
import type {Renamer} from '../../src/formats/rename.js'
import {renameEnvFileVariables, renameUnitVariables} from '../../src/formats/unit/edit.js'
import {ClawdocError} from '../../src/model/errors.js'
import {CLAWDBOT, OPENCLAW_CURRENT} from '../../src/model/profiles/index.js'
import {fileDiff, renameLines, syncResult} from '../../src/render/sync.js'
import {Secret} from '../../src/model/secret.js'
import {createContext, type Context} from '../../src/sources/context.js'
import {FAULT_STEPS, faultyFs} from '../helpers/faulty-fs.js'
import {TOK_A, makeFacts} from '../helpers/facts.js'

const TO_OPENCLAW = legacyRenamer(OPENCLAW_CURRENT)!
/** The inverse of a set of renames: proves that nothing but the names changed. */
const back = (pairs: {from: string; to: string}[]): Renamer => (name) => pairs.find((p) => p.to === name)?.from

describe('legacyRenamer (from the profile)', () => {
  it('maps every legacy prefix of the release to its own, and nothing else', () => {
    expect(TO_OPENCLAW('CLAWDBOT_GATEWAY_TOKEN')).toBe('OPENCLAW_GATEWAY_TOKEN')
    expect(TO_OPENCLAW('MOLTBOT_STATE_DIR')).toBe('OPENCLAW_STATE_DIR')
    expect(TO_OPENCLAW('CLAWDBOT_')).toBeUndefined()
    expect(TO_OPENCLAW('HOME')).toBeUndefined()
    expect(TO_OPENCLAW('OPENCLAW_GATEWAY_TOKEN')).toBeUndefined()
    expect(legacyRenamer(CLAWDBOT)).toBeUndefined()
  })
})

describe('renameUnitVariables', () => {
  const unit = [
    '[Unit]',
    'Description=Gateway # Environment=CLAWDBOT_X=1 is not an assignment here',
    '[Service]',
    '# CLAWDBOT_GATEWAY_TOKEN was set by the old installer',
    'Environment=HOME=/h "CLAWDBOT_STATE_DIR=/h/state dir" MOLTBOT_DISABLE_BONJOUR=1',
    `Environment='CLAWDBOT_GATEWAY_TOKEN=${TOK_A}'`,
    'Environment=CLAWDBOT_GATEWAY_PORT=18789 \\',
    '  OPENCLAW_SERVICE_MARKER=openclaw',
    'ExecStart=/usr/bin/node gw.js --env CLAWDBOT_GATEWAY_TOKEN=keep',
  ].join('\r\n')

  it('changes only the names, in every quoting and over a continuation; round trip gives the same bytes', () => {
    const r = renameUnitVariables(unit, TO_OPENCLAW)
    expect(r.changes).toEqual([
      {line: 5, from: 'CLAWDBOT_STATE_DIR', to: 'OPENCLAW_STATE_DIR', action: 'renamed'},
      {line: 5, from: 'MOLTBOT_DISABLE_BONJOUR', to: 'OPENCLAW_DISABLE_BONJOUR', action: 'renamed'},
      {line: 6, from: 'CLAWDBOT_GATEWAY_TOKEN', to: 'OPENCLAW_GATEWAY_TOKEN', action: 'renamed'},
      {line: 7, from: 'CLAWDBOT_GATEWAY_PORT', to: 'OPENCLAW_GATEWAY_PORT', action: 'renamed'},
    ])
    const expected = unit
      .replace('"CLAWDBOT_STATE_DIR=', '"OPENCLAW_STATE_DIR=')
      .replace(' MOLTBOT_DISABLE_BONJOUR=', ' OPENCLAW_DISABLE_BONJOUR=')
      .replace("'CLAWDBOT_GATEWAY_TOKEN=", "'OPENCLAW_GATEWAY_TOKEN=")
      .replace('Environment=CLAWDBOT_GATEWAY_PORT=', 'Environment=OPENCLAW_GATEWAY_PORT=')
    expect(r.text).toBe(expected)
    // Comments, other sections and ExecStart= are not assignments: untouched.
    expect(r.text).toContain('# CLAWDBOT_GATEWAY_TOKEN was set')
    expect(r.text).toContain('--env CLAWDBOT_GATEWAY_TOKEN=keep')
    expect(renameUnitVariables(r.text, back(r.changes)).text).toBe(unit)
  })

  it('cuts the legacy assignment when the new name is already assigned in the file (a whole entry, or one word)', () => {
    const text = '[Service]\nEnvironment=OPENCLAW_GATEWAY_TOKEN=new\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=old\nEnvironment=A=1 CLAWDBOT_GATEWAY_TOKEN=old B=2\n'
    const r = renameUnitVariables(text, TO_OPENCLAW)
    expect(r.changes.map((c) => [c.line, c.action])).toEqual([[3, 'removed'], [4, 'removed']])
    expect(r.text).toBe('[Service]\nEnvironment=OPENCLAW_GATEWAY_TOKEN=new\nEnvironment=A=1 B=2\n')
  })

  it('leaves a file without legacy names byte for byte', () => {
    const text = '[Service]\nEnvironment=OPENCLAW_GATEWAY_TOKEN=x\n'
    expect(renameUnitVariables(text, TO_OPENCLAW)).toEqual({text, changes: []})
  })
})

describe('renameEnvFileVariables and renameDotenvVariables', () => {
  it('EnvironmentFile=: renames names only, cuts a legacy line whose new name is there, keeps comments and a missing final newline', () => {
    const text = `# written by gateway install\nOPENCLAW_GATEWAY_TOKEN=${TOK_A}\nCLAWDBOT_GATEWAY_TOKEN="old value"\n  CLAWDBOT_PROFILE = work\nX=1`
    const r = renameEnvFileVariables(text, TO_OPENCLAW)
    expect(r.changes).toEqual([
      {line: 3, from: 'CLAWDBOT_GATEWAY_TOKEN', to: 'OPENCLAW_GATEWAY_TOKEN', action: 'removed'},
      {line: 4, from: 'CLAWDBOT_PROFILE', to: 'OPENCLAW_PROFILE', action: 'renamed'},
    ])
    expect(r.text).toBe(`# written by gateway install\nOPENCLAW_GATEWAY_TOKEN=${TOK_A}\n  OPENCLAW_PROFILE = work\nX=1`)
  })

  it('.env: export, quotes, a trailing comment and CRLF stay; round trip gives the same bytes', () => {
    const text = `export CLAWDBOT_GATEWAY_PASSWORD='p w' # keep\r\nMOLTBOT_STATE_DIR=/h/.openclaw\r\nOTHER=1`
    const r = renameDotenvVariables(text, TO_OPENCLAW)
    expect(r.text).toBe(`export OPENCLAW_GATEWAY_PASSWORD='p w' # keep\r\nOPENCLAW_STATE_DIR=/h/.openclaw\r\nOTHER=1`)
    expect(renameDotenvVariables(r.text, back(r.changes)).text).toBe(text)
  })

  it('.env: refuses to cut a value that runs over several lines (where it ends is not known)', () => {
    const text = 'OPENCLAW_GATEWAY_TOKEN=a\nCLAWDBOT_GATEWAY_TOKEN="x\ny"\n'
    expect(() => renameDotenvVariables(text, TO_OPENCLAW)).toThrow(ClawdocError)
  })
})

describe('planLegacyRename', () => {
  it('on clawdbot there is nothing to rename, and the plan says why', () => {
    const files = new Map([['/h/.config/systemd/user/clawdbot-gateway.service', Buffer.from('[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=x\n')]])
    const p = planLegacyRename(makeFacts(), files, {unit: renameUnitVariables, 'env-file': renameEnvFileVariables, dotenv: renameDotenvVariables})
    expect(p.renames).toEqual([])
    expect(p.notes.join(' ')).toMatch(/no legacy variable names/)
  })
})

// --- the whole plan through runSync, on an openclaw 2026.9.6 home in memfs ---

const UNIT = '/h/.config/systemd/user/openclaw-gateway.service'
const DROPIN = `${UNIT}.d/override.conf`
const ENVFILE = '/h/.openclaw/gateway.systemd.env'
const DOTENV = '/h/.openclaw/.env'
const HOME: Record<string, string> = {
  '/h/.openclaw/openclaw.json': JSON.stringify({gateway: {mode: 'local', auth: {mode: 'token', token: TOK_A}}}, null, 2) + '\n',
  [UNIT]: [
    '[Unit]',
    'Description=OpenClaw Gateway',
    '',
    '[Service]',
    'ExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway --port 18789',
    '# CLAWDBOT_GATEWAY_TOKEN was set by the old installer',
    'Environment=HOME=/h "CLAWDBOT_STATE_DIR=/h/.openclaw" MOLTBOT_DISABLE_BONJOUR=1',
    `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`,
    `EnvironmentFile=-${ENVFILE}`,
    '',
  ].join('\n'),
  [DROPIN]: "[Service]\nEnvironment='CLAWDBOT_CONFIG_PATH=/h/.openclaw/openclaw.json'\n",
  [ENVFILE]: `# written by gateway install\nOPENCLAW_GATEWAY_TOKEN=${TOK_A}\nCLAWDBOT_GATEWAY_TOKEN=${TOK_A}\nCLAWDBOT_PROFILE=work\n`,
  [DOTENV]: 'export CLAWDBOT_GATEWAY_PORT=18789\r\nOTHER=1',
  // The old clawdbot unit beside it: never edited by a rename (unit.legacy-running says what to do with it).
  '/h/.config/systemd/user/clawdbot-gateway.service': `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}\n`,
}

function home(): {vol: Volume; ctx: Context} {
  const vol = Volume.fromJSON(HOME)
  vol.mkdirSync('/h/cwd', {recursive: true})
  const env = {HOME: '/h', PATH: '/nowhere'}
  const ctx = createContext({env, home: '/h', cwd: '/h/cwd', fs: vol.promises as never, uid: 1000, now: () => 1_780_000_000_000})
  return {vol, ctx}
}

async function plan(ctx: Context, dryRun = true): Promise<SyncOutcome> {
  const {paths, product} = await locate(ctx, {product: 'openclaw', release: '2026.9.6'})
  return runSync(ctx, {paths, product: product.facts, choice: {kind: 'server'}, dryRun, live: false, migrateLegacyNames: true}, {confirm: async () => true})
}

describe('sync-token --migrate-legacy-names (plan on memfs)', () => {
  it('plans the unit, its drop-in, its env file and <stateDir>/.env: names only, each with file and line; the legacy unit is not in it', async () => {
    const {ctx} = home()
    const o = await plan(ctx)
    expect(o.plan.blockers).toEqual([])
    expect(o.plan.files.map((f) => f.path).sort()).toEqual([DOTENV, DROPIN, ENVFILE, UNIT].sort())
    expect(o.plan.needsDaemonReload).toBe(true)
    expect(o.plan.renames!.map((r) => `${r.file}:${r.line} ${r.from}->${r.to} ${r.action}`)).toEqual([
      `${UNIT}:7 CLAWDBOT_STATE_DIR->OPENCLAW_STATE_DIR renamed`,
      `${UNIT}:7 MOLTBOT_DISABLE_BONJOUR->OPENCLAW_DISABLE_BONJOUR renamed`,
      `${UNIT}:8 CLAWDBOT_GATEWAY_TOKEN->OPENCLAW_GATEWAY_TOKEN renamed`,
      `${DROPIN}:2 CLAWDBOT_CONFIG_PATH->OPENCLAW_CONFIG_PATH renamed`,
      `${ENVFILE}:3 CLAWDBOT_GATEWAY_TOKEN->OPENCLAW_GATEWAY_TOKEN removed`,
      `${ENVFILE}:4 CLAWDBOT_PROFILE->OPENCLAW_PROFILE renamed`,
      `${DOTENV}:1 CLAWDBOT_GATEWAY_PORT->OPENCLAW_GATEWAY_PORT renamed`,
    ])
    for (const f of o.plan.files) {
      // `before` is what is on disk; `after` differs only in the names (the env file also loses its legacy line).
      expect(f.before.toString()).toBe(HOME[f.path])
      const renamed = o.plan.renames!.filter((r) => r.file === f.path && r.action === 'renamed')
      let restored = f.after.toString()
      for (const r of renamed) restored = restored.replace(r.to, r.from)
      const cut = HOME[f.path].replace(`CLAWDBOT_GATEWAY_TOKEN=${TOK_A}\nCLAWDBOT_PROFILE`, 'CLAWDBOT_PROFILE')
      expect(restored).toBe(f.path === ENVFILE ? cut : HOME[f.path])
    }
    const json = JSON.stringify(syncResult(o))
    expect(json).not.toContain(TOK_A)
    expect(syncResult(o).renames).toHaveLength(7)
  })

  it('writes the plan with backups, atomically, then the same plan again has nothing left to rename', async () => {
    const {vol, ctx} = home()
    const o = await plan(ctx)
    const r = await applyEdits(o.plan.files, {fs: writeFsFrom(vol.promises as unknown as PromisesApi), now: ctx.now, lockDir: '/h/.openclaw', pid: 4242,
      isAlive: () => false})
    expect(r.error).toBeUndefined()
    for (const w of r.written) expect(vol.readFileSync(w.backup, 'utf8')).toBe(HOME[w.path])
    expect(vol.readFileSync(UNIT, 'utf8')).toContain(`Environment=OPENCLAW_GATEWAY_TOKEN=${TOK_A}`)
    const again = await plan(ctx)
    expect(again.plan.renames).toEqual([])
    expect(again.plan.files).toEqual([])
  })

  for (const step of FAULT_STEPS) {
    it(`a fault at ${step} on the env file rolls every file back: wholly old, no temp file left`, async () => {
      const {vol, ctx} = home()
      const o = await plan(ctx)
      const fs = faultyFs(writeFsFrom(vol.promises as unknown as PromisesApi), {step, when: (p) => p.startsWith('/h/.openclaw/gateway.systemd.env') ||
        (step === 'dir-fsync' && p === '/h/.openclaw')})
      const r = await applyEdits(o.plan.files, {fs, now: ctx.now, lockDir: '/h/.openclaw', pid: 4242, isAlive: () => false})
      expect(fs.fired).toBeGreaterThan(0)
      expect(r.error).toBeDefined()
      for (const [p, text] of Object.entries(HOME)) expect(vol.readFileSync(p, 'utf8'), p).toBe(text)
      expect(Object.keys(vol.toJSON()).filter((p) => p.endsWith('.tmp'))).toEqual([])
    })
  }
})

describe('the preview of a cut line', () => {
  it('shows the cut line once, with its own number, and no phantom blank lines', async () => {
    const {ctx} = home()
    const o = await plan(ctx)
    const env = o.plan.files.find((f) => f.path === ENVFILE)!
    expect(fileDiff(env)).toEqual([
      `  - 3: CLAWDBOT_GATEWAY_TOKEN=<${new Secret(TOK_A).mask()}>`,
      '  - 4: CLAWDBOT_PROFILE=<len=4 sha256:' + new Secret('work').fingerprint + '>',
      '  + 3: OPENCLAW_PROFILE=<len=4 sha256:' + new Secret('work').fingerprint + '>',
    ])
    expect(renameLines(o.plan, ENVFILE)).toEqual([
      '  remove gateway.systemd.env:3 CLAWDBOT_GATEWAY_TOKEN (OPENCLAW_GATEWAY_TOKEN is already assigned in this file; the legacy line goes, the value of ' +
        'OPENCLAW_GATEWAY_TOKEN stays)',
      '  rename gateway.systemd.env:4 CLAWDBOT_PROFILE -> OPENCLAW_PROFILE',
    ])
  })
})
