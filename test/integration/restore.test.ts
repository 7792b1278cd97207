import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import AjvModule from 'ajv'
import {afterAll, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {runSync} from '../../src/app/sync-token.js'
import {runBackups} from '../../src/app/backups.js'
import {restoreExitCode, runRestore} from '../../src/app/restore.js'
import {backupsResult, renderBackupsHuman, renderRestoreHuman, restoreResult} from '../../src/render/backups.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {Secret} from '../../src/model/secret.js'
import {ClawdocError} from '../../src/model/errors.js'
import {runCli} from '../helpers/cli.js'

const NEW = 'fake9ew9999999999999999999999999999999999999999b'
const A = 'fakeAAA0000000000000000000000000000000000000000a'
const B = 'fakeBBB0000000000000000000000000000000000000001'
const C = 'fakeCCC00000000000000000000000000000000000000000002'
const D = 'fakeDDD000000000000000000000000003'
const ALL = [NEW, A, B, C, D]
const Ajv = AjvModule as unknown as typeof AjvModule.default
const ajv = new Ajv({allErrors: true})
const schema = (n: string) => ajv.compile(JSON.parse(readFileSync(new URL(`../../schemas/${n}`, import.meta.url), 'utf8')) as object)
const validBackups = schema('backups-result.schema.json')
const validRestore = schema('restore-result.schema.json')

const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
// Every grammar, CRLF, comments, a drop-in and modes other than 0600: restore must give back these exact bytes and modes.
const FILES: Record<string, {text: string; mode: number}> = {
  [CFG]: {text: `// hand-written\r\n{\r\n  gateway: {mode: 'local', auth: {token: '${A}',}, remote: {token: "${B}"}},\r\n}\r\n`, mode: 0o600},
  [UNIT]: {
    text: `[Unit]\nDescription=x\n\n[Service]\nExecStart=/usr/bin/node /x/entry.js gateway --port 1\nEnvironment="CLAWDBOT_GATEWAY_TOKEN=${C}" ` +
      `A=1\nEnvironmentFile=-%h/gw.env\n`,
    mode: 0o644,
  },
  [`${UNIT}.d/10-token.conf`]: {text: `[Service]\n# override\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${D}\n`, mode: 0o640},
  'gw.env': {text: `# env\nCLAWDBOT_GATEWAY_TOKEN='${B}'\n`, mode: 0o640},
  '.clawdbot/.env': {text: `CLAWDBOT_GATEWAY_TOKEN=${D} # old\n`, mode: 0o600},
}

const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-restore-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))
let n = 0

function home() {
  const h = path.join(root, `home ${n++}`)
  for (const [rel, f] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(h, rel)), {recursive: true})
    writeFileSync(path.join(h, rel), f.text)
    chmodSync(path.join(h, rel), f.mode)
  }
  let clock = Date.UTC(2026, 10, 25, 14, 0, 0, 0)
  // A context that sees only the temp home, with a clock that moves 1 ms per read.
  const ctx = createContext({env: {HOME: h, PATH: process.env.PATH}, home: h, cwd: h, now: () => clock++})
  return {h, ctx, paths: resolvePaths(ctx)}
}

function expectOriginal(h: string): void {
  for (const [rel, f] of Object.entries(FILES)) {
    expect(readFileSync(path.join(h, rel), 'utf8'), rel).toBe(f.text)
    expect(statSync(path.join(h, rel)).mode & 0o777, rel).toBe(f.mode)
  }
}

const yes = async () => true
const never = async (): Promise<boolean> => {
  throw new Error('must not ask')
}
const reloads: string[] = []
const deps = {daemonReload: async () => (reloads.push('reload'), {ran: true, ok: true})}

describe('restore (runSync, then runRestore on real files)', () => {
  it('round trip: sync then restore gives every file back byte for byte, with its mode; the restore can be undone', async () => {
    const {h, ctx, paths} = home()
    const s = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: yes})
    expect(s.apply?.error).toBeUndefined()
    expect(s.apply?.written).toHaveLength(5)
    expect(readFileSync(path.join(h, CFG), 'utf8')).toContain(NEW)
    const synced = Object.fromEntries(Object.keys(FILES).map((rel) => [rel, readFileSync(path.join(h, rel), 'utf8')]))

    reloads.length = 0
    const r = await runRestore(ctx, {paths, dryRun: false, confirm: yes}, deps)
    expect(r.set.id).toBe(s.apply?.backupSet)
    expect(r.apply?.error).toBeUndefined()
    expect(r.apply?.written).toHaveLength(5)
    expect(restoreExitCode(r)).toBe(0)
    expectOriginal(h)
    expect(reloads, 'a unit file was restored: daemon-reload').toEqual(['reload'])
    const res = restoreResult(r, false)
    expect(validRestore(res), JSON.stringify(validRestore.errors)).toBe(true)
    // Masked preview: each file's token before (NEW) and after (its original value).
    const cfg = res.files.find((f) => f.path.endsWith('clawdbot.json'))!
    expect(cfg.from).toEqual([{label: 'gateway.auth.token', ...new Secret(NEW).toJSON()}, {label: 'gateway.remote.token', ...new Secret(NEW).toJSON()}])
    expect(cfg.to).toEqual([{label: 'gateway.auth.token', ...new Secret(A).toJSON()}, {label: 'gateway.remote.token', ...new Secret(B).toJSON()}])
    const text = renderRestoreHuman(r, res, true)
    for (const t of ALL) {
      expect(text).not.toContain(t)
      expect(JSON.stringify(res)).not.toContain(t)
    }
    expect(res.undoSet).toBeDefined()

    // Undo the restore: the synced bytes come back.
    const u = await runRestore(ctx, {paths, time: res.undoSet, dryRun: false, confirm: yes}, deps)
    expect(u.apply?.error).toBeUndefined()
    for (const [rel, t] of Object.entries(synced)) expect(readFileSync(path.join(h, rel), 'utf8'), rel).toBe(t)
    // And the original set can still be put back by its id.
    await runRestore(ctx, {paths, time: s.apply?.backupSet, dryRun: false, confirm: yes}, deps)
    expectOriginal(h)
    expect(readdirSync(path.join(h, '.clawdbot')).filter((x) => x.endsWith('.tmp') || x.endsWith('.lock'))).toEqual([])
  })

  it('backups lists each file with the fingerprint of the token each backup holds, read in its own grammar', async () => {
    const {ctx, paths} = home()
    await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: yes})
    const o = await runBackups(ctx, {paths, dryRun: false, confirm: never})
    const res = backupsResult(o, false)
    expect(validBackups(res), JSON.stringify(validBackups.errors)).toBe(true)
    const held = (suffix: string) => res.files.find((f) => f.path.endsWith(suffix))!.backups[0].tokens
    const fp = (label: string, v: string) => ({label, ...new Secret(v).toJSON()})
    expect(held('clawdbot.json')).toEqual([fp('gateway.auth.token', A), fp('gateway.remote.token', B)])
    expect(held('clawdbot-gateway.service')).toEqual([fp('CLAWDBOT_GATEWAY_TOKEN', C)])
    expect(held('10-token.conf')).toEqual([fp('CLAWDBOT_GATEWAY_TOKEN', D)])
    expect(held('gw.env')).toEqual([fp('CLAWDBOT_GATEWAY_TOKEN', B)])
    expect(held('.clawdbot/.env')).toEqual([fp('CLAWDBOT_GATEWAY_TOKEN', D)])
    expect(res.sets).toHaveLength(1)
    expect(res.sets[0].files).toHaveLength(5)
    const text = renderBackupsHuman(o, false)
    expect(text).toContain(new Secret(C).mask())
    for (const t of ALL) expect(text + JSON.stringify(res)).not.toContain(t)
  })

  it('--dry-run and a refused confirmation write nothing', async () => {
    const {h, ctx, paths} = home()
    await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: yes})
    const before = Object.keys(FILES).map((rel) => readFileSync(path.join(h, rel), 'utf8'))
    const d = await runRestore(ctx, {paths, dryRun: true, confirm: never}, deps)
    expect(d.apply).toBeUndefined()
    expect(d.files.filter((f) => f.status === 'restore')).toHaveLength(5)
    await expect(runRestore(ctx, {paths, dryRun: false, confirm: async () => false}, deps)).rejects.toMatchObject({code: 'NOT_CONFIRMED'})
    expect(Object.keys(FILES).map((rel) => readFileSync(path.join(h, rel), 'utf8'))).toEqual(before)
  })

  it('--prune N keeps the newest N backups of each file (old names included), after a preview', async () => {
    const {h, ctx, paths} = home()
    // An old-style backup, named the way clawdoc used to name them.
    writeFileSync(path.join(h, `${CFG}.clawdoc-20261120T080000-1.bak`), `{gateway: {auth: {token: '${D}'}}}`, {mode: 0o600})
    for (const v of [NEW, A, NEW]) await runSync(ctx, {paths, choice: {kind: 'value', value: v, via: 'stdin'}, dryRun: false, live: false}, {confirm: yes})
    const count = () => readdirSync(path.join(h, '.clawdbot')).filter((x) => x.startsWith('clawdbot.json.clawdoc-')).length
    expect(count()).toBe(4)
    const dry = await runBackups(ctx, {paths, prune: 2, dryRun: true, confirm: never})
    expect(dry.prune?.remove.filter((e) => e.backup.file.endsWith('clawdbot.json')).map((e) => e.backup.legacy)).toEqual([true, false])
    expect(count()).toBe(4)
    const o = await runBackups(ctx, {paths, prune: 2, dryRun: false, confirm: yes})
    expect(o.prune?.error).toBeUndefined()
    expect(count()).toBe(2)
    const after = await runBackups(ctx, {paths, dryRun: false, confirm: never})
    for (const f of after.catalog.files) expect(f.entries.length, f.file).toBeLessThanOrEqual(2)
    // The newest set is intact: restoring it is still possible.
    const r = await runRestore(ctx, {paths, dryRun: true, confirm: never}, deps)
    expect(r.set.id).toBe(after.catalog.sets[0].id)
  })

  it('a set whose backup cannot be read is refused whole; an unknown TIME and no backups are clear errors', async () => {
    const {h, ctx, paths} = home()
    await expect(runRestore(ctx, {paths, dryRun: false, confirm: never}, deps)).rejects.toMatchObject({code: 'BACKUP_NOT_FOUND'})
    const s = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: yes})
    await expect(runRestore(ctx, {paths, time: '20990101', dryRun: false, confirm: never}, deps)).rejects.toThrow(/No backup set matches "20990101"/)
    // One backup of the set replaced by a directory (unreadable as a file, even for root).
    const bak = s.apply!.written[1].backup
    rmSync(bak)
    mkdirSync(bak)
    const err = await runRestore(ctx, {paths, dryRun: false, confirm: never}, deps).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClawdocError)
    expect((err as ClawdocError).message).toBe(`Cannot read the backup ${bak} (not a regular file); nothing was restored.`)
    for (const rel of Object.keys(FILES)) expect(readFileSync(path.join(h, rel), 'utf8'), rel).not.toBe(FILES[rel].text)
  })
})

describe('restore and backups through the CLI', () => {
  const env = (h: string) => ({HOME: h})
  it('bad input gives one clear sentence and a non-zero exit; --json errors are objects', async () => {
    const {h} = home()
    const none = await runCli(['restore', '--yes'], {env: env(h), cwd: h})
    expect(none.code).toBe(2)
    expect(none.stderr.trim().split('\n')[0]).toBe('clawdoc: There are no clawdoc backups next to the files sync-token writes, so there is nothing to restore.')
    const list = await runCli(['backups'], {env: env(h), cwd: h})
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('No clawdoc backups')
    const sync = await runCli(['sync-token', '--from', 'auth', '--yes', '--offline'], {env: env(h), cwd: h})
    expect(sync.code, sync.stderr).toBe(0)
    const unknown = await runCli(['restore', 'nope', '--yes', '--json'], {env: env(h), cwd: h})
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ok: false, error: {code: 'BACKUP_NOT_FOUND', message: 'No backup set matches "nope".'}})
    const noTty = await runCli(['restore'], {env: env(h), cwd: h})
    expect(noTty.code).toBe(2)
    expect(noTty.stderr).toContain('nothing was changed')
    const ok = await runCli(['restore', '--yes', '--json'], {env: env(h), cwd: h})
    expect(ok.code, ok.stderr).toBe(0)
    expect(validRestore(JSON.parse(ok.stdout)), JSON.stringify(validRestore.errors)).toBe(true)
    expectOriginal(h)
    const listed = await runCli(['backups', '--json'], {env: env(h), cwd: h})
    expect(validBackups(JSON.parse(listed.stdout)), JSON.stringify(validBackups.errors)).toBe(true)
    for (const t of ALL) for (const r of [none, list, sync, unknown, noTty, ok, listed]) expect(r.stdout + r.stderr).not.toContain(t)
  })
})
