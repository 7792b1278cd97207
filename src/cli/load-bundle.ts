import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import * as vm from 'node:vm'

import {debugCaught} from '../model/debug.js'

/**
 * How bin/run.js loads the start-up fast path (src/cli/fast-path.ts). Module loading is most of a CLI's start-up, and
 * most of that is V8 compiling functions on their first call. So the build (src/build/bundle.ts) makes the fast path
 * one CommonJS file, runs it once on a scratch setup, and writes V8's code cache of everything that run compiled beside
 * it. Here the file is compiled with that cache. V8 refuses a cache made by another Node.js version
 * (`cachedDataRejected`); it then compiles as usual, so a missing or refused cache costs time, never correctness.
 * V8 itself checks little else (the source's length): a damaged cache can crash the process, and a cache for other
 * bytes of the same length would run them. So the file starts with a SHA-256 of the bundle's bytes and the cache
 * (sealCache), checked before V8 sees it (about half a millisecond).
 *
 * The bundle never calls import(): Node 20 gives a vm script no module loader without --experimental-vm-modules.
 * What it loads from outside (ws, ajv, the precompiled validators) is CommonJS, loaded with require.
 */

/** What the bundle exports. */
export interface FastPath {
  fastRun(command: string, argv: string[]): Promise<boolean>
}

export interface LoadedBundle {
  fast: FastPath
  script: vm.Script
  /** False when V8 took the cache, true when it refused it, undefined without one (none, or not sealed for this bundle). */
  cacheRejected: boolean | undefined
}

/** The bundle and its code cache, where the build writes them (lib/bundle/, as deep as lib/sources/). */
export const BUNDLE_FILE = fileURLToPath(new URL('../bundle/fast-path.cjs', import.meta.url))
export const cacheFileOf = (bundle: string): string => `${bundle}.v8-cache`

const DIGEST = 32
const digest = (source: Buffer, data: Buffer): Buffer => createHash('sha256').update(source).update(data).digest()

/** The cache file's bytes: the digest of the bundle and the cache, then the cache. */
export const sealCache = (source: Buffer, data: Buffer): Buffer => Buffer.concat([digest(source, data), data])

/** The cache in a cache file, if it was sealed for exactly these bundle bytes. */
function unsealCache(source: Buffer, file: Buffer): Buffer | undefined {
  const data = file.subarray(DIGEST)
  return file.length > DIGEST && digest(source, data).equals(file.subarray(0, DIGEST)) ? data : undefined
}

/** Node's own CommonJS wrapper: the bundle runs as if required. */
const wrap = (source: string): string => `(function (exports, require, module, __filename, __dirname) {${source}\n})`

/** Compile and run the bundle (with its code cache when there is one); undefined when the build made none. */
export function loadBundle(file = BUNDLE_FILE, opts: {cache?: boolean} = {}): LoadedBundle | undefined {
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
      // Safe: without its cache (a build that wrote none, an unreadable file) the bundle compiles as usual.
      debugCaught('reading the code cache', err)
    }
  }
  const script = new vm.Script(wrap(source.toString('utf8')), {filename: file, ...(cachedData ? {cachedData} : {})})
  const module = {exports: {} as FastPath}
  ;(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file))
  return {fast: module.exports, script, cacheRejected: cachedData ? script.cachedDataRejected : undefined}
}

/** The fast path: the code-cached bundle, else (a tsc-only build) the unbundled module, which does the same a little slower. */
export async function loadFastPath(): Promise<FastPath> {
  return loadBundle()?.fast ?? ((await import('./fast-path.js')) as FastPath)
}
