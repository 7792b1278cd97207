// PROC_FS (src/sources/proc-fs.ts): the real procfs read synchronously behind fs.promises' interface. Same answers,
// failures as rejections with the same errno, and only for the real /proc.
import * as fsp from 'node:fs/promises'
import {describe, expect, it} from 'vitest'

import {PROC_FS} from '../../src/sources/proc-fs.js'
import {createContext} from '../../src/sources/context.js'
import {childPids, isAlive, readCmdline} from '../../src/sources/proc.js'

const code = (p: Promise<unknown>) => p.then(() => 'resolved', (err: NodeJS.ErrnoException) => err.code)

describe('PROC_FS', () => {
  it('reads what fs.promises reads under /proc/self', async () => {
    expect(await PROC_FS.readFile('/proc/self/cmdline')).toEqual(await fsp.readFile('/proc/self/cmdline'))
    expect((await PROC_FS.readdir('/proc/self/fd')).length).toBeGreaterThan(2)
    expect(String(await PROC_FS.readlink('/proc/self/cwd'))).toBe(await fsp.readlink('/proc/self/cwd'))
  })

  it('fails as a rejection with the errno, never a throw', async () => {
    // The highest pid the kernel can hand out, plus one: never a process.
    const gone = `/proc/${2 ** 22 + 1}`
    const reading = PROC_FS.readFile(`${gone}/environ`)
    expect(reading).toBeInstanceOf(Promise)
    expect(await code(reading)).toBe('ENOENT')
    expect(await code(PROC_FS.readdir(`${gone}/fd`))).toBe('ENOENT')
    expect(await code(PROC_FS.readlink(`${gone}/exe`))).toBe('ENOENT')
  })

  it('is what the commands read the real /proc with; a test\'s fs or proc tree keeps its own', async () => {
    expect(createContext().procFs).toBe(PROC_FS)
    expect(createContext({procRoot: '/tmp/fake-proc'}).procFs).toBeUndefined()
    expect(createContext({fs: fsp}).procFs).toBeUndefined()
    const ctx = createContext()
    expect(await isAlive(ctx, process.pid)).toBe(true)
    expect(await isAlive(ctx, 2 ** 22 + 1)).toBe(false)
    const argv = await readCmdline(ctx, process.pid)
    expect(argv.status === 'ok' && argv.value.join(' ')).toBe((await fsp.readFile('/proc/self/cmdline', 'utf8')).split('\0').filter(Boolean).join(' '))
    expect(await childPids(ctx, 2 ** 22 + 1)).toEqual([])
  })
})
