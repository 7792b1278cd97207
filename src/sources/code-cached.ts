import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import * as path from 'node:path'
import * as vm from 'node:vm'

import {debugCaught} from '../model/debug.js'

/**
 * CommonJS files of the package compiled with the V8 code cache the build wrote beside them: the fast path's bundle
 * (src/cli/load-bundle.ts), the precompiled config validators (src/sources/config/validate.ts) and the probe's one-file
 * ws (src/sources/websocket.ts). Module loading is
 * most of a CLI's start-up, and most of that is V8 compiling functions on their first call; a validator is one large
 * function (openclaw 2026.9.6's: some 20 ms to compile and first run without its cache). The build (src/build/bundle.ts)
 * runs the fast path once on a scratch setup, then writes the cache of everything each file compiled.
 *
 * V8 refuses a cache made by another Node.js version (`cachedDataRejected`); the file then compiles as usual, so a
 * missing or refused cache costs time, never correctness. V8 itself checks little else (the source's length): a damaged
 * cache can crash the process, and a cache for other bytes of the same length would run them. So a cache file starts
 * with a SHA-256 of the source and the cache (sealCache), checked before V8 sees it (about half a millisecond a MB).
 *
 * A file loaded here runs without import(): Node 20 gives a vm script no module loader without
 * --experimental-vm-modules. What it needs from outside is loaded with require.
 */

export interface CodeCached {
  exports: unknown
  script: vm.Script
  /** False when V8 took the cache, true when it refused it, undefined without one (none, or not sealed for these bytes). */
  cacheRejected: boolean | undefined
}

export const cacheFileOf = (file: string): string => `${file}.v8-cache`

const DIGEST = 32
const digest = (source: Buffer, data: Buffer): Buffer => createHash('sha256').update(source).update(data).digest()

/** A cache file's bytes: the digest of the source and the cache, then the cache. */
export const sealCache = (source: Buffer, data: Buffer): Buffer => Buffer.concat([digest(source, data), data])

/** The cache in a cache file, if it was sealed for exactly these source bytes. */
function unsealCache(source: Buffer, file: Buffer): Buffer | undefined {
  const data = file.subarray(DIGEST)
  return file.length > DIGEST && digest(source, data).equals(file.subarray(0, DIGEST)) ? data : undefined
}

/** Node's own CommonJS wrapper: the file runs as if required. */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`

/** Every file this copy of the module loaded, by path: once each, as require does; the build's warm-up caches them all. */
const loaded = new Map<string, CodeCached>()

/** What this process loaded through loadCodeCached (the build's warm-up writes a cache for each). */
export const codeCachedFiles = (): ReadonlyMap<string, CodeCached> => loaded

/**
 * Compile and run a CommonJS file with its code cache when there is one (`cache: false`: without, as the warm-up does);
 * undefined when the file does not exist.
 */
export function loadCodeCached(file: string, opts: {cache?: boolean} = {}): CodeCached | undefined {
  const done = loaded.get(file)
  if (done) return done
  let source: Buffer
  try {
    source = readFileSync(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  let cachedData: Buffer | undefined
  if (opts.cache !== false) {
    try {
      cachedData = unsealCache(source, readFileSync(cacheFileOf(file)))
    } catch (err) {
      // Safe: without its cache (a build that wrote none, an unreadable file) the file compiles as usual.
      debugCaught('reading a code cache', err)
    }
  }
  const script = new vm.Script(wrap(source.toString('utf8')), {filename: file, ...(cachedData ? {cachedData} : {})})
  const module = {exports: {} as unknown}
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file))
  const result = {exports: module.exports, script, cacheRejected: cachedData ? script.cachedDataRejected : undefined}
  loaded.set(file, result)
  return result
}
