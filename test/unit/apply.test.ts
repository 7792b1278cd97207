import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {applyEdits, type FileEdit} from '../../src/fix/apply.js'
import {writeFsFrom, type PromisesApi, type WriteFs} from '../../src/fix/atomic-write.js'
import {backupPathFor} from '../../src/fix/backup.js'
import {ClawdocError} from '../../src/model/errors.js'
import {FAULT_STEPS, faultyFs, type FaultStep} from '../helpers/faulty-fs.js'

const OLD = 'fake-old-token-0000000000000000000000000000000000'
const NEW = 'fake-new-token-1111111111111111111111111111111111'
const NOW = Date.UTC(2026, 10, 25, 14, 22, 33)

// One file per directory, so a fault on "the dir of file i" hits exactly one file.
const FILES = [
  {path: '/cfg/clawdbot.json', mode: 0o600, text: `{\n  // keep me\n  gateway: {auth: {token: '${OLD}'}},\n}\n`},
  {path: '/units/clawdbot-gateway.service', mode: 0o644, text: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
  {path: '/state/.env', mode: 0o640, text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
]

function setup() {
  const vol = new Volume()
  vol.mkdirSync('/lock', {recursive: true})
  for (const f of FILES) {
    vol.mkdirSync(f.path.slice(0, f.path.lastIndexOf('/')), {recursive: true})
    vol.writeFileSync(f.path, f.text, {mode: f.mode})
    vol.chmodSync(f.path, f.mode)
  }
  const fs = writeFsFrom(vol.promises as unknown as PromisesApi)
  const edits: FileEdit[] = FILES.map((f) => ({
    path: f.path,
    before: Buffer.from(f.text),
    after: Buffer.from(f.text.replace(OLD, NEW)),
    reason: 'token',
  }))
  const opts = (w: WriteFs) => ({fs: w, now: () => NOW, lockDir: '/lock', pid: 4242, isAlive: () => false})
  return {vol, fs, edits, opts}
}

function allFiles(vol: Volume): string[] {
  return Object.keys(vol.toJSON())
}

function assertWhollyOld(vol: Volume): void {
  for (const f of FILES) {
    expect(vol.readFileSync(f.path, 'utf8'), f.path).toBe(f.text)
    expect(vol.statSync(f.path).mode & 0o777, f.path).toBe(f.mode)
  }
  expect(allFiles(vol).filter((p) => p.endsWith('.tmp'))).toEqual([])
  expect(vol.existsSync('/lock/.clawdoc.lock')).toBe(false)
}

describe('applyEdits (memfs)', () => {
  it('writes every file, keeps modes, leaves backups with the old bytes', async () => {
    const {vol, fs, edits, opts} = setup()
    const r = await applyEdits(edits, opts(fs))
    expect(r.error).toBeUndefined()
    expect(r.rolledBack).toBe(false)
    expect(r.written.map((w) => w.path)).toEqual(FILES.map((f) => f.path))
    for (const [i, f] of FILES.entries()) {
      expect(vol.readFileSync(f.path, 'utf8')).toBe(f.text.replace(OLD, NEW))
      expect(vol.statSync(f.path).mode & 0o777).toBe(f.mode)
      const bak = backupPathFor(f.path, NOW)
      expect(r.written[i].backup).toBe(bak)
      expect(bak).toMatch(/\.clawdoc-20261125T142233\.000Z-000\.bak$/)
      expect(vol.readFileSync(bak, 'utf8')).toBe(f.text)
      // Never wider than owner read/write: a backup holds an old token.
      expect(vol.statSync(bak).mode & 0o777).toBe(f.mode & 0o600)
    }
    expect(allFiles(vol).filter((p) => p.endsWith('.tmp'))).toEqual([])
    expect(vol.existsSync('/lock/.clawdoc.lock')).toBe(false)
  })

  it('a second run in the same millisecond gets a distinct backup set that sorts after the first', async () => {
    const {vol, fs, edits, opts} = setup()
    const first = await applyEdits(edits, opts(fs))
    const back = edits.map((e) => ({...e, before: e.after, after: e.before}))
    const r = await applyEdits(back, opts(fs))
    expect(first.backupSet).toBe('20261125T142233.000Z-000')
    expect(r.backupSet).toBe('20261125T142233.000Z-001')
    for (const w of r.written) expect(w.backup).toMatch(/\.clawdoc-20261125T142233\.000Z-001\.bak$/)
    expect([r.written[0].backup, first.written[0].backup].sort()).toEqual([first.written[0].backup, r.written[0].backup])
    expect(vol.readFileSync(FILES[0].path, 'utf8')).toBe(FILES[0].text)
  })

  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'))
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1)
  // Which path a step touches for file i: the backup, the temp file, the target or its dir.
  const selectors: Record<string, (i: number) => (p: string) => boolean> = {
    backup: (i) => (p) => p.startsWith(FILES[i].path + '.clawdoc-') && p.endsWith('.bak'),
    temp: (i) => (p) => p.startsWith(`${dirOf(FILES[i].path)}/.${base(FILES[i].path)}.clawdoc-`) && p.endsWith('.tmp'),
    target: (i) => (p) => p === FILES[i].path,
    dir: (i) => (p) => p === dirOf(FILES[i].path),
  }
  // [step, which path, which matching call fails, are all backups made before it fails?]
  type Case = [FaultStep, keyof typeof selectors, number, boolean]
  const early = FAULT_STEPS.filter((s) => s !== 'rename' && s !== 'dir-fsync')
  const cases: Case[] = [
    ...early.map((s): Case => [s, 'backup', 1, false]),
    ...early.map((s): Case => [s, 'temp', 1, true]),
    ['rename', 'target', 1, true],
    // The 1st fsync of the dir is the backup's; the 2nd follows the rename of the new file.
    ['dir-fsync', 'dir', 1, false],
    ['dir-fsync', 'dir', 2, true],
    // The 1st read is the preflight check, the 2nd the re-check just before the write.
    ['readFile', 'target', 1, false],
    ['readFile', 'target', 2, true],
  ]
  for (const [step, sel, nth, allBackups] of cases) {
    for (const i of FILES.keys()) {
      it(`fault at ${step} #${nth} of the ${sel} of file ${i}: every file wholly old, nothing left behind`, async () => {
        const {vol, fs, edits, opts} = setup()
        // Only the nth matching call fails, so the rollback itself can succeed.
        const ffs = faultyFs(fs, {step, when: selectors[sel](i), nth})
        const r = await applyEdits(edits, opts(ffs))
        expect(ffs.fired).toBe(1)
        expect(r.error).toBeDefined()
        expect(r.error).not.toContain(OLD)
        expect(r.error).not.toContain(NEW)
        expect(r.written).toEqual([])
        expect(r.restoreFailed).toBeUndefined()
        assertWhollyOld(vol)
        // Backups exist only when the failure came after the backup phase; each holds the old bytes.
        for (const p of allFiles(vol).filter((x) => x.endsWith('.bak'))) {
          expect(FILES.some((f) => vol.readFileSync(p, 'utf8') === f.text)).toBe(true)
        }
        const backups = allFiles(vol).filter((x) => x.endsWith('.bak'))
        if (allBackups) expect(backups).toHaveLength(FILES.length)
        else expect(backups.length).toBeLessThan(FILES.length)
        expect(r.rolledBack).toBe(allBackups)
      })
    }
  }

  it('reports a file it could not restore, with its backup, and leaves it wholly new', async () => {
    const {vol, fs, edits, opts} = setup()
    // File 1 cannot be renamed; then the disk fills up while file 0 is being restored.
    const f1 = faultyFs(fs, {step: 'rename', when: (p) => p === FILES[1].path, nth: 1})
    const f2 = faultyFs(f1, {step: 'write', when: (p) => p.startsWith('/cfg/.') && p.endsWith('.tmp'), nth: 2})
    const r = await applyEdits(edits, opts(f2))
    expect(r.rolledBack).toBe(true)
    expect(r.error).toMatch(/Could not write \/units\/clawdbot-gateway.service: EIO/)
    expect(r.restoreFailed?.map((w) => w.path)).toEqual([FILES[0].path])
    const bak = backupPathFor(FILES[0].path, NOW)
    expect(r.notes.join('\n')).toContain(`copy ${bak} over it by hand`)
    expect(vol.readFileSync(FILES[0].path, 'utf8')).toBe(edits[0].after.toString())
    expect(vol.readFileSync(bak, 'utf8')).toBe(FILES[0].text)
    expect(vol.readFileSync(FILES[1].path, 'utf8')).toBe(FILES[1].text)
    expect(allFiles(vol).filter((p) => p.endsWith('.tmp'))).toEqual([])
  })

  it('refuses when a file changed since it was read, writing nothing', async () => {
    const {vol, fs, edits, opts} = setup()
    vol.writeFileSync(FILES[2].path, 'CLAWDBOT_GATEWAY_TOKEN=somebody-else\n')
    const r = await applyEdits(edits, opts(fs))
    expect(r.error).toMatch(/\/state\/\.env changed since it was read/)
    expect(r.rolledBack).toBe(false)
    expect(vol.readFileSync(FILES[0].path, 'utf8')).toBe(FILES[0].text)
    expect(vol.readFileSync(FILES[2].path, 'utf8')).toBe('CLAWDBOT_GATEWAY_TOKEN=somebody-else\n')
    expect(allFiles(vol).filter((p) => p.endsWith('.bak'))).toEqual([])
  })

  it('skips files that already hold the new content (rerun after a crash)', async () => {
    const {vol, fs, edits, opts} = setup()
    vol.writeFileSync(FILES[0].path, edits[0].after)
    const r = await applyEdits(edits, opts(fs))
    expect(r.error).toBeUndefined()
    expect(r.unchanged).toEqual([FILES[0].path])
    expect(r.written.map((w) => w.path)).toEqual([FILES[1].path, FILES[2].path])
  })

  it('a live lock holder makes it fail with LOCKED and touch nothing', async () => {
    const {vol, fs, edits, opts} = setup()
    vol.writeFileSync('/lock/.clawdoc.lock', JSON.stringify({pid: 777, startedAt: NOW}))
    const err = await applyEdits(edits, {...opts(fs), isAlive: (pid: number) => pid === 777}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ClawdocError)
    expect((err as ClawdocError).code).toBe('LOCKED')
    expect((err as ClawdocError).message).toMatch(/Another clawdoc \(pid 777, started 2026-11-25T14:22:33.000Z\)/)
    expect(vol.readFileSync('/lock/.clawdoc.lock', 'utf8')).toContain('777')
    assertWhollyOldExceptLock(vol)
  })

  it('breaks a stale lock (pid gone) with a note and proceeds', async () => {
    const {vol, fs, edits, opts} = setup()
    vol.writeFileSync('/lock/.clawdoc.lock', JSON.stringify({pid: 777, startedAt: NOW}))
    const r = await applyEdits(edits, opts(fs))
    expect(r.notes).toContain('Removed a stale lock left by pid 777, which no longer runs.')
    expect(r.written).toHaveLength(3)
    expect(vol.existsSync('/lock/.clawdoc.lock')).toBe(false)
    expect(allFiles(vol).filter((p) => p.startsWith('/lock/'))).toEqual([])
  })
})

function assertWhollyOldExceptLock(vol: Volume): void {
  for (const f of FILES) expect(vol.readFileSync(f.path, 'utf8')).toBe(f.text)
}
