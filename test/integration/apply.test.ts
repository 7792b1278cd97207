import {chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {applyEdits, type FileEdit} from '../../src/fix/apply.js'
import {nodeWriteFs} from '../../src/fix/atomic-write.js'
import {FAULT_STEPS, faultyFs} from '../helpers/faulty-fs.js'

const OLD = 'fake-old-token-0000000000000000000000000000000000'
const NEW = 'fake-new-token-1111111111111111111111111111111111'
const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-apply-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))
let n = 0

/** A config reached through a symlink (dotfiles-repo style), a unit, and a dotenv, in dirs with spaces. */
function setup() {
  const dir = path.join(root, `case ${n++}`)
  const real = path.join(dir, 'dotfiles repo', 'clawdbot.json')
  const link = path.join(dir, 'state dir', 'clawdbot.json')
  const files = [
    {path: link, real, mode: 0o600, text: `{\r\n  // comment\r\n  "gateway": {"auth": {"token": "${OLD}",},},\r\n}\r\n`},
    {path: path.join(dir, 'units', 'clawdbot-gateway.service'), mode: 0o644, text: `[Service]\nEnvironment="CLAWDBOT_GATEWAY_TOKEN=${OLD}"\n`},
    {path: path.join(dir, 'state dir', '.env'), mode: 0o600, text: `CLAWDBOT_GATEWAY_TOKEN=${OLD}\n`},
  ]
  for (const f of files) {
    const target = f.real ?? f.path
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, f.text)
    chmodSync(target, f.mode)
  }
  mkdirSync(path.dirname(link), {recursive: true})
  symlinkSync(path.relative(path.dirname(link), real), link)
  const edits: FileEdit[] = files.map((f) => ({path: f.path, before: Buffer.from(f.text), after: Buffer.from(f.text.replace(OLD, NEW)), reason: 'token'}))
  return {dir, files, edits, lockDir: path.join(dir, 'state dir'), link, real}
}

function tmps(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).filter((x) => x.endsWith('.tmp') || x.endsWith('.lock'))
}

describe('applyEdits on real files', () => {
  it('writes through a symlink, keeps the link, modes and CRLF bytes, and says where it wrote', async () => {
    const s = setup()
    const r = await applyEdits(s.edits, {now: () => Date.now(), lockDir: s.lockDir})
    expect(r.error).toBeUndefined()
    expect(lstatSync(s.link).isSymbolicLink()).toBe(true)
    expect(readFileSync(s.real, 'utf8')).toBe(s.files[0].text.replace(OLD, NEW))
    expect(r.written[0].realPath).toBe(s.real)
    expect(r.notes).toContain(`${s.link} is a link: writing through it to ${s.real}.`)
    expect(path.dirname(r.written[0].backup)).toBe(path.dirname(s.real))
    for (const [i, f] of s.files.entries()) {
      expect(statSync(f.path).mode & 0o777).toBe(f.mode)
      expect(readFileSync(r.written[i].backup, 'utf8')).toBe(f.text)
      expect(statSync(r.written[i].backup).mode & 0o777).toBe(f.mode & 0o600)
      expect(path.basename(r.written[i].backup)).not.toContain(OLD.slice(0, 10))
    }
    expect(tmps(s.dir)).toEqual([])
  })

  const where = {
    temp: (i: number, s: ReturnType<typeof setup>) => (p: string) =>
      p.startsWith(path.join(path.dirname(s.files[i].real ?? s.files[i].path), '.')) && p.endsWith('.tmp') && !p.includes('.clawdoc.lock'),
    backup: (i: number, s: ReturnType<typeof setup>) => (p: string) => p.endsWith('.bak') && p.startsWith(s.files[i].real ?? s.files[i].path),
  }
  for (const step of FAULT_STEPS) {
    for (const i of [0, 1, 2]) {
      const sel = step === 'rename' || step === 'dir-fsync' ? 'target' : step === 'open' && i === 1 ? 'backup' : 'temp'
      it(`${step} fails for file ${i} (${sel}): all old, modes kept, no temp left`, async () => {
        const s = setup()
        const target = s.files[i].real ?? s.files[i].path
        const when =
          sel === 'target' ? (p: string) => p === target || p === path.dirname(target) : where[sel as 'temp' | 'backup'](i, s)
        // dir-fsync #1 is the backup's (abort before any write), #2 follows our rename (rollback needed).
        const ffs = faultyFs(nodeWriteFs, {step, when, nth: step === 'dir-fsync' ? 2 : 1})
        const r = await applyEdits(s.edits, {fs: ffs, now: () => Date.now(), lockDir: s.lockDir})
        expect(ffs.fired).toBe(1)
        expect(r.error).toMatch(step === 'write' ? /ENOSPC/ : /EIO/)
        for (const f of s.files) {
          expect(readFileSync(f.path, 'utf8')).toBe(f.text)
          expect(statSync(f.path).mode & 0o777).toBe(f.mode)
        }
        expect(tmps(s.dir)).toEqual([])
        const baks = readdirSync(s.dir, {recursive: true, encoding: 'utf8'}).filter((x) => x.endsWith('.bak'))
        expect(baks.length).toBe(sel === 'backup' ? 1 : 3)
      })
    }
  }
})
