import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {applyEdits, type FileEdit} from '../../src/fix/apply.js'
import {buildCrashChild, CrashChild} from '../helpers/child-build.js'

const OLD = 'fake-old-token-0000000000000000000000000000000000'
const NEW = 'fake-new-token-1111111111111111111111111111111111'

let childPath: string
let root: string
beforeAll(() => {
  childPath = buildCrashChild()
  root = mkdtempSync(path.join(tmpdir(), 'clawdoc-crash-'))
})
afterAll(() => {
  rmSync(root, {recursive: true, force: true})
  // buildCrashChild's temp dir: <dir>/test/helpers/crash-child.js
  rmSync(path.resolve(childPath, '..', '..', '..'), {recursive: true, force: true})
})

function setup(name: string) {
  const dir = path.join(root, name)
  const files = [
    {rel: 'state dir/clawdbot.json', mode: 0o600, text: `{\n  "gateway": {"auth": {"token": "${OLD}"}}\n}\n`},
    {rel: 'units/clawdbot-gateway.service', mode: 0o644, text: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
    {rel: 'state dir/.env', mode: 0o600, text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
  ].map((f) => ({...f, path: path.join(dir, f.rel)}))
  for (const f of files) {
    mkdirSync(path.dirname(f.path), {recursive: true})
    writeFileSync(f.path, f.text)
    chmodSync(f.path, f.mode)
  }
  const edits: FileEdit[] = files.map((f) => ({path: f.path, before: Buffer.from(f.text), after: Buffer.from(f.text.replace(OLD, NEW)), reason: 'token'}))
  return {dir, files, edits, lockDir: path.join(dir, 'state dir')}
}

function leftovers(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((n) => n.endsWith('.tmp') || n.endsWith('.clawdoc.lock'))
}

/** Every file is byte-for-byte the old or the new content, with its mode; returns how many are new. */
function checkWhole(s: ReturnType<typeof setup>): number {
  let fresh = 0
  for (const [i, f] of s.files.entries()) {
    const now = readFileSync(f.path)
    const isOld = now.equals(s.edits[i].before)
    const isNew = now.equals(s.edits[i].after)
    expect(isOld || isNew, `${f.rel} is neither wholly old nor wholly new`).toBe(true)
    expect(statSync(f.path).mode & 0o777).toBe(f.mode)
    if (isNew) fresh++
  }
  return fresh
}

describe('crash safety: SIGKILL at every step of a 3-file apply', () => {
  let steps: string[] = []

  it('a full run reports each step once and writes everything', async () => {
    const s = setup('baseline')
    const c = new CrashChild(childPath, root, {lockDir: s.lockDir, pause: false, files: s.edits})
    const lines: string[] = []
    for (let l = await c.next(); l !== undefined; l = await c.next()) lines.push(l)
    expect((await c.exited).code).toBe(0)
    expect(lines.at(-1)).toMatch(/^RESULT /)
    steps = lines.filter((l) => l.startsWith('STEP '))
    // locked + 3 x (backup-written, tmp-written, tmp-synced, renamed, dir-synced) + done
    expect(steps).toHaveLength(17)
    expect(checkWhole(s)).toBe(3)
  })

  it('after a kill at each step, files are whole and a rerun recovers and completes', async () => {
    expect(steps.length, 'the baseline run must pass first').toBe(17)
    const outcomes: string[] = []
    for (let k = 0; k < steps.length; k++) {
      const s = setup(`kill-${k}`)
      const c = new CrashChild(childPath, root, {lockDir: s.lockDir, pause: true, files: s.edits})
      for (let j = 0; j < k; j++) {
        expect(await c.next()).toBe(steps[j].replace(/baseline/g, `kill-${k}`))
        c.go()
      }
      expect(await c.next()).toBe(steps[k].replace(/baseline/g, `kill-${k}`))
      await c.kill()
      expect((await c.exited).signal).toBe('SIGKILL')
      const fresh = checkWhole(s)
      const hadTemps = leftovers(s.dir).some((n) => n.endsWith('.tmp'))
      outcomes.push(`${steps[k].split(' ')[1]}:${fresh}`)

      const r = await applyEdits(s.edits, {now: () => Date.now(), lockDir: s.lockDir})
      expect(r.error, `rerun after kill at step ${k}`).toBeUndefined()
      expect(r.notes).toContain(`Removed a stale lock left by pid ${c.proc.pid}, which no longer runs.`)
      if (hadTemps) expect(r.notes.some((n) => /^Removed \..*\.clawdoc-\d+-[0-9a-f]+\.tmp, left by an interrupted/.test(n))).toBe(true)
      expect(r.unchanged).toHaveLength(fresh)
      expect(checkWhole(s)).toBe(3)
      expect(leftovers(s.dir)).toEqual([])
    }
    // Crash points that leave a mix of old and new files exist (which is why the rerun matters).
    expect(outcomes.some((o) => /:[12]$/.test(o))).toBe(true)
    console.log(`crash points tried: ${outcomes.length} (${outcomes.join(' ')})`)
  }, 120_000)
})
