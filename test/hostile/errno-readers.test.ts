// Unreadable files and directories. The suite runs as root, which bypasses file modes, so the
// errors come from a fake fs: a memfs volume whose calls throw the given errno for chosen paths.
import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {Context, ReadFs} from '../../src/sources/context.js'
import {gatherFacts} from '../../src/sources/gather.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {CFG, DOTENV, UNIT, productConfig, productUnit} from './corpus.js'

const H = '/h'
const abs = (rel: string) => `${H}/${rel}`

function failingFs(files: Record<string, string>, fail: Record<string, string>): ReadFs {
  const real = Volume.fromJSON(Object.fromEntries(Object.entries(files).map(([k, v]) => [abs(k), v]))).promises as unknown as ReadFs
  const wrap = <K extends keyof ReadFs>(name: K) =>
    (async (p: unknown, ...rest: unknown[]) => {
      const code = fail[String(p)]
      if (code) throw Object.assign(new Error(`${code}: ${name} '${String(p)}'`), {code, errno: -1, syscall: name, path: String(p)})
      return (real[name] as (...a: unknown[]) => unknown)(p, ...rest)
    }) as ReadFs[K]
  return {
    readFile: wrap('readFile'),
    stat: wrap('stat'),
    lstat: wrap('lstat'),
    readdir: wrap('readdir'),
    realpath: wrap('realpath'),
    access: wrap('access'),
    readlink: wrap('readlink'),
  }
}

async function gather(fs: ReadFs) {
  const ctx = {env: {HOME: H}, home: H, cwd: H, fs} as unknown as Context
  return gatherFacts(ctx, {paths: resolvePaths(ctx), live: false, probe: false})
}

const base = {[CFG]: productConfig(), [UNIT]: productUnit(), [DOTENV]: 'A=1\n', '.clawdbot/inc.json': '{}'}
// Errors about the user's files. (EMFILE and the like are about clawdoc's process, not the input:
// readConfig lets those propagate as a runtime error.)
const ERRNOS = ['EACCES', 'EPERM', 'EIO', 'ELOOP', 'ENAMETOOLONG']

describe('readers turn every errno into data (never an exception)', () => {
  it.each(ERRNOS)('config %s', async (code) => {
    const f = await gather(failingFs(base, {[abs(CFG)]: code}))
    expect(f.config.status).toBe('unreadable')
    expect(f.config.error?.place).toMatchObject({file: abs(CFG)})
  })

  it.each(ERRNOS)('unit %s', async (code) => {
    const f = await gather(failingFs(base, {[abs(UNIT)]: code}))
    expect(f.unit.status).toBe('unreadable')
    expect(f.unit.error?.message).toContain(code)
  })

  it.each(ERRNOS)('unit drop-in directory %s', async (code) => {
    const f = await gather(failingFs({...base, [`${UNIT}.d/x.conf`]: '[Service]\n'}, {[abs(`${UNIT}.d`)]: code}))
    expect(f.unit.status).toBe('ok')
    expect(f.unit.warnings.map((w) => w.message)).toContain('Cannot list this drop-in directory; its overrides are unknown.')
  })

  it.each(ERRNOS)('<stateDir>/.env %s', async (code) => {
    const f = await gather(failingFs(base, {[abs(DOTENV)]: code}))
    expect(f.env.stateDirDotenv.status).toBe('unreadable')
  })

  it.each(ERRNOS)('$include file %s', async (code) => {
    const f = await gather(failingFs({...base, [CFG]: '{"$include": "./inc.json"}'}, {[abs('.clawdbot/inc.json')]: code}))
    expect(f.config.includeErrors[0]?.message).toMatch(/Failed to read include file: \.\/inc\.json/)
  })
})
