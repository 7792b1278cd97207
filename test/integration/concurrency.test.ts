import {chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {applyEdits, type FileEdit} from '../../src/fix/apply.js'
import {ClawdocError} from '../../src/model/errors.js'
import {buildCrashChild, CrashChild} from '../helpers/child-build.js'

const OLD = 'fake-old-token-0000000000000000000000000000000000'
const NEW = 'fake-new-token-1111111111111111111111111111111111'
const THEIRS = 'fake-product-token-22222222222222222222222222222'

let childPath: string
const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-conc-'))
beforeAll(() => {
  childPath = buildCrashChild()
})
afterAll(() => {
  rmSync(root, {recursive: true, force: true})
  // buildCrashChild's temp dir: <dir>/test/helpers/crash-child.js
  rmSync(path.resolve(childPath, '..', '..', '..'), {recursive: true, force: true})
})
let n = 0

function setup() {
  const dir = path.join(root, `c${n++}`)
  mkdirSync(dir, {recursive: true})
  const files = [
    {path: path.join(dir, 'clawdbot.json'), text: `{\n  "gateway": {\n    "auth": {\n      "token": "${OLD}"\n    }\n  }\n}\n`},
    {path: path.join(dir, '.env'), text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
  ]
  for (const f of files) {
    writeFileSync(f.path, f.text)
    chmodSync(f.path, 0o600)
  }
  const edits: FileEdit[] = files.map((f) => ({path: f.path, before: Buffer.from(f.text), after: Buffer.from(f.text.replace(OLD, NEW)), reason: 'token'}))
  return {dir, files, edits}
}

/** What the product does in `writeConfigFile`: write `<name>.<pid>.<uuid>.tmp`, rename over the config. */
function productWrite(file: string, text: string): void {
  const tmp = `${file}.999.0000-uuid.tmp`
  writeFileSync(tmp, text, {mode: 0o600})
  renameSync(tmp, file)
}

async function untilLine(c: CrashChild, re: RegExp): Promise<string> {
  for (let l = await c.next(); l !== undefined; l = await c.next()) {
    if (re.test(l)) return l
    c.go()
  }
  throw new Error(`child exited before printing ${re}`)
}

async function finish(c: CrashChild): Promise<string> {
  for (let l = await c.next(); l !== undefined; l = await c.next()) {
    if (l.startsWith('RESULT ') || l.startsWith('ERROR ')) return l
    c.go()
  }
  throw new Error('child exited without a result')
}

describe('concurrency', () => {
  it('two processes at once: one proceeds, the other gets LOCKED with a clear sentence', async () => {
    const s = setup()
    const a = new CrashChild(childPath, root, {lockDir: s.dir, pause: true, files: s.edits})
    await untilLine(a, /^STEP locked /)
    const b = new CrashChild(childPath, root, {lockDir: s.dir, pause: false, files: s.edits})
    const bLine = await finish(b)
    expect(bLine).toMatch(new RegExp(`^ERROR LOCKED Another clawdoc \\(pid ${a.proc.pid}, started .*\\) is changing these files right now\\.$`))
    expect((await b.exited).code).toBe(3)
    a.go()
    expect(await finish(a)).toMatch(/^RESULT /)
    for (const [i, f] of s.files.entries()) expect(readFileSync(f.path)).toEqual(s.edits[i].after)
  })

  it('two applies in one process: the second is LOCKED, the first completes', async () => {
    const s = setup()
    const opts = (pid: number) => ({now: () => Date.now(), lockDir: s.dir, pid, isAlive: () => true})
    const results = await Promise.allSettled([applyEdits(s.edits, opts(101)), applyEdits(s.edits, opts(102))])
    const ok = results.filter((r) => r.status === 'fulfilled')
    const locked = results.filter((r) => r.status === 'rejected')
    expect(ok).toHaveLength(1)
    expect(locked).toHaveLength(1)
    expect((locked[0] as PromiseRejectedResult).reason).toBeInstanceOf(ClawdocError)
    expect(((locked[0] as PromiseRejectedResult).reason as ClawdocError).code).toBe('LOCKED')
  })

  it('the product rewrites the config between our read and our write: abort, its write survives', async () => {
    const s = setup()
    const c = new CrashChild(childPath, root, {lockDir: s.dir, pause: true, files: s.edits})
    await untilLine(c, /^STEP backup-written .*\.env$/) // both backups done, nothing written yet
    const theirs = `{\n  "gateway": {\n    "auth": {\n      "token": "${THEIRS}"\n    }\n  }\n}\n`
    productWrite(s.files[0].path, theirs)
    c.go()
    const line = await finish(c)
    const result = JSON.parse(line.replace(/^RESULT /, '')) as {error?: string; rolledBack: boolean}
    expect(result.error).toBe(`Could not write ${s.files[0].path}: ${s.files[0].path} changed since it was read`)
    expect(line).not.toContain(THEIRS)
    expect(readFileSync(s.files[0].path, 'utf8')).toBe(theirs)
    expect(readFileSync(s.files[1].path, 'utf8')).toBe(s.files[1].text)
  })

  it('a concurrent write to a later file: earlier files are rolled back, the concurrent write survives', async () => {
    const s = setup()
    const c = new CrashChild(childPath, root, {lockDir: s.dir, pause: true, files: s.edits})
    await untilLine(c, /^STEP dir-synced .*clawdbot\.json$/) // config replaced, .env not yet
    writeFileSync(s.files[1].path, `CLAWDBOT_GATEWAY_TOKEN=${THEIRS}\n`)
    c.go()
    const result = JSON.parse((await finish(c)).replace(/^RESULT /, '')) as {error?: string; rolledBack: boolean}
    expect(result.rolledBack).toBe(true)
    expect(result.error).toMatch(/\.env changed since it was read$/)
    expect(readFileSync(s.files[0].path, 'utf8')).toBe(s.files[0].text)
    expect(readFileSync(s.files[1].path, 'utf8')).toBe(`CLAWDBOT_GATEWAY_TOKEN=${THEIRS}\n`)
  })
})
