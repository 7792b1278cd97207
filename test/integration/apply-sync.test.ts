import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import AjvModule from 'ajv'
import {afterAll, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {runSync} from '../../src/app/sync-token.js'
import {renderSyncHuman, syncResult} from '../../src/render/sync.js'
import {resolvePaths} from '../../src/sources/paths.js'

const OLD = 'fake0ld0000000000000000000000000000000000000000a'
const NEW = 'fake9ew9999999999999999999999999999999999999999b'
const Ajv = AjvModule as unknown as typeof AjvModule.default
const schema = JSON.parse(readFileSync(new URL('../../schemas/sync-token-result.schema.json', import.meta.url), 'utf8')) as object
const validate = new Ajv({allErrors: true}).compile(schema)

const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-sync-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))
let n = 0

const CONFIG = `// hand-written\n{\n  gateway: {\n    mode: 'remote',\n    auth: {token: '${OLD}',},\n    remote: {url: 'ws://127.0.0.1:1', token: "${OLD}"},\n  },\n}\n`

function home() {
  const h = path.join(root, `home ${n++}`)
  mkdirSync(path.join(h, '.clawdbot'), {recursive: true, mode: 0o700})
  writeFileSync(path.join(h, '.clawdbot', 'clawdbot.json'), CONFIG, {mode: 0o600})
  // A context that sees only the temp home: no real $HOME, no user bus, no shell token.
  const ctx = createContext({env: {HOME: h, PATH: process.env.PATH}, home: h, cwd: h})
  return {h, ctx, config: path.join(h, '.clawdbot', 'clawdbot.json'), paths: resolvePaths(ctx)}
}

const never = async () => {
  throw new Error('must not ask')
}

describe('sync-token core (runSync) on a temp home', () => {
  it('--dry-run plans a masked diff and changes nothing', async () => {
    const {ctx, config, paths} = home()
    const o = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: true, live: false}, {confirm: never})
    expect(readFileSync(config, 'utf8')).toBe(CONFIG)
    const r = syncResult(o)
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true)
    expect(r.files.map((f) => f.changes.map((c) => c.id))).toEqual([['config.auth.token', 'config.remote.token']])
    const text = renderSyncHuman(o, r, true)
    expect(text).toContain(`~ gateway.auth.token: len=48 sha256:`)
    for (const out of [text, JSON.stringify(r)]) {
      expect(out).not.toContain(OLD)
      expect(out).not.toContain(NEW)
    }
  })

  it('applies: only the token bytes change, mode kept, backup made, findings gone', async () => {
    const {h, ctx, config, paths} = home()
    let asked = 0
    const o = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: async () => (asked++, true)})
    expect(asked).toBe(1)
    expect(o.apply?.error).toBeUndefined()
    expect(readFileSync(config, 'utf8')).toBe(CONFIG.replaceAll(OLD, NEW))
    expect(statSync(config).mode & 0o777).toBe(0o600)
    const r = syncResult(o)
    expect(validate(r), JSON.stringify(validate.errors)).toBe(true)
    expect(readFileSync(r.files[0].backup!, 'utf8')).toBe(CONFIG)
    expect(r.findingsAfter.filter((f) => f.check.startsWith('token.'))).toEqual([])
    expect(readdirSync(path.join(h, '.clawdbot')).filter((x) => x.endsWith('.tmp') || x.endsWith('.lock'))).toEqual([])
    expect(JSON.stringify(r)).not.toContain(NEW)
  })

  it('--generate twice gives two different 48-hex tokens, and a rerun with the same value has nothing to do', async () => {
    const {ctx, config, paths} = home()
    const yes = async () => true
    // The setup is in remote mode: replacing its token is a rotation, so it has to be asked for.
    const refused = runSync(ctx, {paths, choice: {kind: 'generate'}, dryRun: false, live: false}, {confirm: yes})
    await expect(refused).rejects.toMatchObject({code: 'USAGE'})
    expect(readFileSync(config, 'utf8')).toBe(CONFIG)
    const a = await runSync(ctx, {paths, choice: {kind: 'generate'}, dryRun: false, live: false, rotate: true}, {confirm: yes})
    expect(a.checklist?.[0]).toMatch(/ws:\/\/127\.0\.0\.1:1/)
    const b = await runSync(ctx, {paths, choice: {kind: 'from', source: 'auth'}, dryRun: false, live: false}, {confirm: never})
    expect(a.chosen.value.length).toBe(48)
    expect(b.chosen.value.equals(a.chosen.value)).toBe(true)
    expect(b.plan.files).toEqual([])
    expect(readFileSync(config, 'utf8')).toMatch(/token: '[0-9a-f]{48}',}/)
  })

  it('a new short value (no --allow-weak) stops before anything is planned (exit 2)', async () => {
    const {ctx, config, paths} = home()
    const err = await runSync(
      ctx,
      {paths, choice: {kind: 'value', value: 'a short one', via: 'stdin'}, dryRun: false, live: false},
      {confirm: never},
    ).catch((e: unknown) => e)
    expect(err).toMatchObject({code: 'TOKEN_INVALID', exitCode: 2})
    expect(readFileSync(config, 'utf8')).toBe(CONFIG)
  })
})
