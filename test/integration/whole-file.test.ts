// readWholeFile (src/sources/whole-file.ts), the readers' readFile on the real file system: the bytes and
// the errors of fs.promises.readFile, on real files of every kind the readers meet.
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {readWholeFile} from '../../src/sources/whole-file.js'
import {createContext} from '../../src/sources/context.js'

let dir: string
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-whole-file-'))
})
afterAll(async () => {
  await fsp.rm(dir, {recursive: true, force: true})
})

/** Both ways: the same bytes, or the same error code. */
async function both(file: string): Promise<{ours: Buffer | string; theirs: Buffer | string} | {code: string | undefined}> {
  const settle = (p: Promise<Buffer | string>) => p.then((v) => ({v}), (err: NodeJS.ErrnoException) => ({code: err.code ?? String(err)}))
  const [ours, theirs] = await Promise.all([settle(readWholeFile(file)), settle(fsp.readFile(file))])
  if ('code' in ours || 'code' in theirs) {
    expect(ours).toEqual(theirs)
    return {code: 'code' in ours ? ours.code : undefined}
  }
  return {ours: ours.v, theirs: theirs.v}
}

describe('readWholeFile', () => {
  it('reads what readFile reads: empty, small, and bigger than its 512 KiB step', async () => {
    for (const [name, bytes] of [['empty', 0], ['small', 100], ['big', 3 * 2 ** 20 + 7]] as const) {
      const file = path.join(dir, name)
      const data = Buffer.alloc(bytes)
      for (let i = 0; i < bytes; i++) data[i] = (i * 31 + 7) & 0xff
      await fsp.writeFile(file, data)
      const r = await both(file)
      expect('ours' in r && Buffer.compare(r.ours as Buffer, data)).toBe(0)
    }
  })

  it('reads a procfs file whose size stat gives as 0, to its end', async () => {
    const r = await both('/proc/self/maps')
    expect('ours' in r && (r.ours as Buffer).length).toBeGreaterThan(0)
    // Both read their own process's maps at two moments: the same process, so the same first line.
    if ('ours' in r) expect(String(r.ours).split('\n')[0]).toBe(String(r.theirs).split('\n')[0])
  })

  it('fails as readFile does: missing, a directory, no permission', async () => {
    expect(await both(path.join(dir, 'missing'))).toEqual({code: 'ENOENT'})
    expect(await both(dir)).toEqual({code: 'EISDIR'})
    const locked = path.join(dir, 'locked')
    await fsp.writeFile(locked, 'x', {mode: 0o000})
    // root reads anything: then both read it.
    const r = await both(locked)
    if (process.getuid?.() === 0) expect('ours' in r && String(r.ours)).toBe('x')
    else expect(r).toEqual({code: 'EACCES'})
  })

  it('hands an encoding to readFile itself', async () => {
    const file = path.join(dir, 'text')
    await fsp.writeFile(file, 'héllo\n')
    expect(await readWholeFile(file, 'utf8')).toBe('héllo\n')
    expect(await readWholeFile(file, {encoding: 'latin1'})).toBe(Buffer.from('héllo\n').toString('latin1'))
  })

  it('is the readFile of the context the commands build', () => {
    expect(createContext().fs.readFile).toBe(readWholeFile)
  })
})
