import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {lockDirFor, runSync} from '../../src/app/sync-token.js'
import {runRestore} from '../../src/app/restore.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {buildCrashChild, CrashChild} from '../helpers/child-build.js'

// Crash safety of restore, as for sync-token (crash.test.ts): the child runs the very edits restore
// plans through the one apply engine, is SIGKILLed at each step, and a rerun of restore recovers.
const NEW = 'fake9ew9999999999999999999999999999999999999999b'
const OLD = 'fake0ld0000000000000000000000000000000000000000a'
const FILES: Record<string, {text: string; mode: number}> = {
  '.clawdbot/clawdbot.json': {text: `{\n  // mine\n  gateway: {auth: {token: '${OLD}'}},\n}\n`, mode: 0o600},
  '.config/systemd/user/clawdbot-gateway.service': {text: `[Service]\nExecStart=/bin/true\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`, mode: 0o644},
  '.clawdbot/.env': {text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`, mode: 0o640},
}

let childPath: string
const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-restore-crash-'))
beforeAll(() => {
  childPath = buildCrashChild()
})
afterAll(() => rmSync(root, {recursive: true, force: true}))

async function synced(name: string) {
  const h = path.join(root, name)
  for (const [rel, f] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(h, rel)), {recursive: true})
    writeFileSync(path.join(h, rel), f.text)
    chmodSync(path.join(h, rel), f.mode)
  }
  const ctx = createContext({env: {HOME: h, PATH: process.env.PATH}, home: h, cwd: h})
  const paths = resolvePaths(ctx)
  const s = await runSync(ctx, {paths, choice: {kind: 'value', value: NEW, via: 'stdin'}, dryRun: false, live: false}, {confirm: async () => true})
  expect(s.apply?.written).toHaveLength(3)
  const plan = await runRestore(ctx, {paths, dryRun: true, confirm: async () => false})
  const edits = plan.files.flatMap((f) => (f.edit ? [f.edit] : []))
  expect(edits).toHaveLength(3)
  return {h, ctx, paths, setId: plan.set.id, edits, lockDir: await lockDirFor(ctx, paths)}
}

/** Every file is wholly synced or wholly original, mode kept; returns how many are original again. */
function checkWhole(h: string): number {
  let back = 0
  for (const [rel, f] of Object.entries(FILES)) {
    const now = readFileSync(path.join(h, rel), 'utf8')
    expect([f.text, f.text.replaceAll(OLD, NEW)], `${rel} is neither wholly synced nor wholly restored`).toContain(now)
    expect(statSync(path.join(h, rel)).mode & 0o777, rel).toBe(f.mode)
    if (now === f.text) back++
  }
  return back
}

const leftovers = (h: string) => readdirSync(h, {recursive: true, encoding: 'utf8'}).filter((n) => n.endsWith('.tmp') || n.endsWith('.clawdoc.lock'))

describe('restore crash safety: SIGKILL at every step, then restore again', () => {
  it('files are whole after each kill, and rerunning restore with the set id puts every file back', async () => {
    const base = await synced('baseline')
    const c = new CrashChild(childPath, root, {lockDir: base.lockDir, pause: false, files: base.edits})
    const steps: string[] = []
    for (let l = await c.next(); l !== undefined; l = await c.next()) if (l.startsWith('STEP ')) steps.push(l)
    expect((await c.exited).code).toBe(0)
    // locked + 3 x (backup-written, tmp-written, tmp-synced, renamed, dir-synced) + done
    expect(steps).toHaveLength(17)
    expect(checkWhole(base.h)).toBe(3)

    const seen: string[] = []
    for (let k = 0; k < steps.length; k++) {
      const s = await synced(`kill-${k}`)
      const child = new CrashChild(childPath, root, {lockDir: s.lockDir, pause: true, files: s.edits})
      for (let j = 0; j < k; j++) {
        await child.next()
        child.go()
      }
      expect(await child.next()).toBe(steps[k].replaceAll('baseline', `kill-${k}`))
      await child.kill()
      const back = checkWhole(s.h)
      seen.push(`${steps[k].split(' ')[1]}:${back}`)

      const r = await runRestore(
        s.ctx,
        {paths: s.paths, time: s.setId, dryRun: false, confirm: async () => true},
        {daemonReload: async () => ({ran: false, reason: 'test'})},
      )
      expect(r.files.filter((f) => f.status === 'unchanged')).toHaveLength(back)
      expect(checkWhole(s.h)).toBe(3)
      if (back === 3) {
        // Killed after the last rename: nothing left to write, so nothing is locked (a later writer breaks the stale lock).
        expect(r.apply).toBeUndefined()
        expect(leftovers(s.h).filter((n) => n.endsWith('.tmp'))).toEqual([])
        continue
      }
      expect(r.apply?.error, `rerun after kill at step ${k}`).toBeUndefined()
      expect(r.apply?.notes, `k=${k} ${JSON.stringify(r.apply)}`).toContain(`Removed a stale lock left by pid ${child.proc.pid}, which no longer runs.`)
      expect(leftovers(s.h)).toEqual([])
    }
    // Some kills leave a mix of restored and synced files: that is what the rerun is for.
    expect(seen.some((o) => /:[12]$/.test(o))).toBe(true)
  }, 120_000)
})
