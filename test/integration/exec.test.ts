import {mkdtempSync, realpathSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {execFile, observeExec} from '../../src/sources/exec.js'

const NODE = process.execPath
const ENV = {PATH: '/usr/bin:/bin', CLAWDOC_X: 'x y'}
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'clawdoc-exec-')))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('execFile (real child processes)', () => {
  it('returns exit code, stdout and stderr as written (final newline kept), never throws on a non-zero exit', async () => {
    const r = await execFile(NODE, ['-e', 'process.stdout.write("out\\n"); process.stderr.write("err\\n"); process.exit(3)'], {env: ENV})
    expect(r).toEqual({ok: false, code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false, spawnError: undefined})
    expect((await execFile(NODE, ['-e', '0'], {env: ENV})).ok).toBe(true)
  })
  it('the given env is the whole environment, with LC_ALL=C forced; argv is passed as is (no shell)', async () => {
    const r = await execFile(
      NODE,
      ['-e', 'console.log(JSON.stringify([process.env, process.argv.slice(1)]))', '$HOME', 'a b', '"q"'],
      {env: {...ENV, LC_ALL: 'de_DE.UTF-8'}},
    )
    const [env, argv] = JSON.parse(r.stdout)
    expect(env).toMatchObject({CLAWDOC_X: 'x y', LC_ALL: 'C'})
    expect(env.HOME).toBeUndefined()
    expect(argv).toEqual(['$HOME', 'a b', '"q"'])
  })
  it('feeds input to stdin and runs in cwd', async () => {
    const r = await execFile(
      NODE,
      ['-e', 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(process.cwd()+"|"+s))'],
      {env: ENV, input: 'héllo', cwd: dir},
    )
    expect(r.stdout).toBe(`${dir}|héllo\n`)
  })
  it('a child that ignores its stdin is not an error', async () => {
    expect((await execFile(NODE, ['-e', 'process.exit(0)'], {env: ENV, input: 'x'.repeat(1 << 20)})).code).toBe(0)
  })
  it('kills a child at the timeout: timedOut, code null', async () => {
    const t0 = performance.now()
    const r = await execFile(NODE, ['-e', 'setTimeout(() => {}, 60000)'], {env: ENV, timeoutMs: 300})
    expect(r).toMatchObject({ok: false, code: null, timedOut: true})
    expect(performance.now() - t0).toBeLessThan(10_000)
  })
  it('a program that cannot start is a spawnError, not an exception', async () => {
    expect(await execFile(path.join(dir, 'no-such-program'), [], {env: ENV})).toMatchObject({ok: false, code: null, spawnError: 'ENOENT'})
    expect(await execFile(NODE, ['a\0b'], {env: ENV})).toMatchObject({ok: false, code: null, spawnError: expect.any(String)})
  })
  it('tells its observers the argv of every child', async () => {
    const seen: string[][] = []
    const stop = observeExec((f, a) => seen.push([f, ...a]))
    await execFile(NODE, ['-e', '0', 'arg'], {env: ENV})
    stop()
    expect(seen).toEqual([[NODE, '-e', '0', 'arg']])
  })
})
