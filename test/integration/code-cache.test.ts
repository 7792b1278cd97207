import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A, TOK_B} from '../helpers/facts.js'
import {ROOT, makeHome} from '../helpers/cli.js'

// The fast path's bundle is compiled with the V8 code cache the build wrote beside it (src/cli/load-bundle.ts,
// src/build/bundle.ts). The cache may only make it faster: V8 must take the build's cache, and a cache it refuses (a
// damaged file, another Node.js) must give the same bytes as the one it takes.
const BUNDLE = path.join(ROOT, 'lib', 'bundle', 'fast-path.cjs')
const CACHE = `${BUNDLE}.v8-cache`

const {home, cleanup} = makeHome({
  '.clawdbot/clawdbot.json': `// drift\n{ gateway: { mode: 'local', auth: { token: '${TOK_A}' }, remote: { token: '${TOK_B}' }, }, }`,
  '.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN=${TOK_B}\n`,
  '.openclaw/openclaw.json': `// drift\n{ gateway: { mode: 'local', auth: { token: '${TOK_B}' }, remote: { token: '${TOK_A}' }, }, }`,
})
/** The precompiled config validators, each loaded with its own code cache (src/sources/code-cached.ts), by product. */
const VALIDATORS = {
  clawdbot: path.join(ROOT, 'lib', 'schema', 'clawdbot-config-validator.cjs'),
  openclaw: path.join(ROOT, 'lib', 'schema', 'openclaw-2026.9.6-config-validator.cjs'),
}
const copies: string[] = []
afterAll(() => {
  cleanup()
  for (const c of copies) rmSync(c, {recursive: true, force: true})
})

/** The package as built, in a scratch folder (node_modules linked), so that its cache can be damaged. */
function packageCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clawdoc-pkg-'))
  copies.push(dir)
  for (const entry of ['bin', 'lib', 'schemas', 'package.json', 'oclif.manifest.json']) cpSync(path.join(ROOT, entry), path.join(dir, entry), {recursive: true})
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'))
  return dir
}

/**
 * In a fresh process, did V8 take the cache: of the bundle, loaded the way bin/run.js does, or of `file`, loaded the way
 * the validators and ws are?
 */
function cacheRejected(pkg: string, file?: string): unknown {
  // bin/run.js requires the loader the build bundled (lib/bundle/load.cjs); the validators and ws go through code-cached.js.
  const r = file === undefined
    ? spawnSync(process.execPath, ['-e',
      `console.log(JSON.stringify(require(${JSON.stringify(path.join(pkg, 'lib', 'bundle', 'load.cjs'))}).loadBundle().cacheRejected ?? null))`,
    ], {encoding: 'utf8'})
    : spawnSync(process.execPath, ['--input-type=module', '-e',
      `import {loadCodeCached} from ${JSON.stringify(path.join(pkg, 'lib', 'sources', 'code-cached.js'))}; ` +
        `console.log(JSON.stringify(loadCodeCached(${JSON.stringify(file)}).cacheRejected ?? null))`,
    ], {encoding: 'utf8'})
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

function doctor(pkg: string, ...args: string[]): {status: number | null; stdout: string; stderr: string} {
  const env = {PATH: process.env.PATH, HOME: home, NO_COLOR: '1'}
  const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'run.js'), ...args], {env, cwd: home, encoding: 'utf8'})
  return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}

describe('the fast path bundle and its code cache', () => {
  it('the build wrote both, and the bundle calls no import() (a vm script has no module loader on Node 20)', () => {
    expect(existsSync(BUNDLE) && existsSync(CACHE)).toBe(true)
    expect(readFileSync(BUNDLE, 'utf8')).not.toMatch(/\bimport\(/)
  })

  it('the probe\'s ws class comes from that file, with its code cache', () => {
    const lib = (f: string) => JSON.stringify(path.join(ROOT, 'lib', 'sources', f))
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import {loadWebSocket} from ${lib('websocket.js')}; import {codeCachedFiles} from ${lib('code-cached.js')}
      const ws = codeCachedFiles().get(${JSON.stringify(path.join(ROOT, 'lib', 'bundle', 'ws.cjs'))})
      console.log(JSON.stringify({none: ws === undefined}))
      const W = loadWebSocket(), got = codeCachedFiles().get(${JSON.stringify(path.join(ROOT, 'lib', 'bundle', 'ws.cjs'))})
      console.log(JSON.stringify({same: got?.exports === W, rejected: got?.cacheRejected ?? null, open: W.OPEN}))`,
    ], {encoding: 'utf8'})
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{none: true}, {same: true, rejected: false, open: 1}])
  })

  it('the probe\'s one-file ws is the ws package: the same exports', () => {
    const r = spawnSync(process.execPath, ['-e', `
      const a = require(${JSON.stringify(path.join(ROOT, 'lib', 'bundle', 'ws.cjs'))}), b = require('ws')
      const names = (m) => Object.getOwnPropertyNames(m).sort().join(",")
      console.log(JSON.stringify({same: names(a) === names(b), protoSame: names(a.prototype) === names(b.prototype), n: Object.keys(a).length}))`,
    ], {encoding: 'utf8', cwd: ROOT})
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({same: true, protoSame: true, n: expect.any(Number)})
    expect(JSON.parse(r.stdout).n).toBeGreaterThan(5)
  })

  it('V8 takes the cache the build wrote', () => {
    expect(cacheRejected(ROOT)).toBe(false)
  })

  it('a damaged cache is never given to V8 (it can crash on one), and the answers are the same bytes', () => {
    const pkg = packageCopy()
    const cache = path.join(pkg, 'lib', 'bundle', 'fast-path.cjs.v8-cache')
    const bytes = readFileSync(cache)
    // The damage that made V8 crash (SIGSEGV) when it was handed the cache unchecked.
    bytes.fill(0x5a, 96, 4128)
    writeFileSync(cache, bytes)
    expect(cacheRejected(pkg)).toBe(null)
    for (const args of [['doctor', '--offline'], ['doctor', '--offline', '--json'], ['sync-token', '--dry-run', '--offline']]) {
      const good = doctor(ROOT, ...args)
      const bad = doctor(pkg, ...args)
      expect(good.stdout.length).toBeGreaterThan(100)
      expect([0, 1]).toContain(good.status)
      expect(bad).toEqual(good)
    }
  })

  it('a build without the bundle (tsc only) answers with the same bytes, through the modules themselves', () => {
    const pkg = packageCopy()
    rmSync(path.join(pkg, 'lib', 'bundle'), {recursive: true})
    for (const args of [['doctor', '--offline'], ['sync-token', '--dry-run', '--offline']]) {
      const good = doctor(ROOT, ...args)
      expect(good.stdout.length).toBeGreaterThan(100)
      expect(doctor(pkg, ...args)).toEqual(good)
    }
  })

  it('bin/run.js and the loader it requires are CommonJS (no ES module loader on the fast path), the loader a few KB', () => {
    const r = spawnSync(process.execPath, ['-e', `
      const m = require('node:module'), p = require('node:path')
      const load = require(${JSON.stringify(path.join(ROOT, 'lib', 'bundle', 'load.cjs'))})
      console.log(JSON.stringify({type: require(p.join(${JSON.stringify(path.join(ROOT, 'bin'))}, 'package.json')).type, loader: typeof load.loadBundle}))`,
    ], {encoding: 'utf8'})
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({type: 'commonjs', loader: 'function'})
    expect(readFileSync(path.join(ROOT, 'bin', 'run.js'), 'utf8')).not.toMatch(/^\s*(import|export)\s/m)
    expect(readFileSync(path.join(ROOT, 'lib', 'bundle', 'load.cjs')).length).toBeLessThan(64 * 1024)
  })

  it('a cache sealed for other bundle bytes of the same length is not used', () => {
    const pkg = packageCopy()
    const bundle = path.join(pkg, 'lib', 'bundle', 'fast-path.cjs')
    const text = readFileSync(bundle, 'utf8')
    // Same length, other bytes: V8 alone would take the cache (it checks the length only).
    writeFileSync(bundle, text.replace('var __bundleUrl', 'let __bundleUrl'))
    expect(readFileSync(bundle).length).toBe(Buffer.byteLength(text))
    expect(cacheRejected(pkg)).toBe(null)
    expect(doctor(pkg, 'doctor', '--offline', '--json')).toEqual(doctor(ROOT, 'doctor', '--offline', '--json'))
  })

  it('the build wrote a cache for each file the fast path loads beside the bundle (the validators, ws), and V8 takes it', () => {
    for (const file of [...Object.values(VALIDATORS), path.join(ROOT, 'lib', 'bundle', 'ws.cjs')]) {
      expect(existsSync(`${file}.v8-cache`), file).toBe(true)
      expect(cacheRejected(ROOT, file), file).toBe(false)
    }
  })

  it('a damaged validator cache is never given to V8; each product\'s answers are the same bytes', () => {
    const pkg = packageCopy()
    for (const [product, built] of Object.entries(VALIDATORS)) {
      const file = path.join(pkg, path.relative(ROOT, built))
      const bytes = readFileSync(`${file}.v8-cache`)
      bytes.fill(0x5a, 96, 4128)
      writeFileSync(`${file}.v8-cache`, bytes)
      expect(cacheRejected(pkg, file), file).toBe(null)
      const args = ['doctor', '--offline', '--json', '--product', product]
      const good = doctor(ROOT, ...args)
      expect(good.stdout, product).toContain(`"name": "${product}"`)
      expect(doctor(pkg, ...args)).toEqual(good)
    }
  })

  it('without a cache file, the bundle compiles as usual and answers the same', () => {
    const pkg = packageCopy()
    rmSync(path.join(pkg, 'lib', 'bundle', 'fast-path.cjs.v8-cache'))
    expect(cacheRejected(pkg)).toBe(null)
    expect(doctor(pkg, 'doctor', '--offline', '--json')).toEqual(doctor(ROOT, 'doctor', '--offline', '--json'))
  })
})
