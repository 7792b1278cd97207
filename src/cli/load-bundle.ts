import {fileURLToPath} from 'node:url'
import type * as vm from 'node:vm'

import {loadCodeCached, type CodeCached} from '../sources/code-cached.js'

/**
 * How bin/run.js loads the start-up fast path (src/cli/fast-path.ts): the build (src/build/bundle.ts) makes it one
 * CommonJS file, compiled here with the V8 code cache the build wrote beside it (src/sources/code-cached.ts says how,
 * and how a damaged or foreign cache is kept from V8). The bundle never calls import(); what it loads from outside (ws,
 * ajv, the precompiled validators) is CommonJS, loaded with require or, for ws and the validators, with a code cache of
 * their own. bin/run.js, itself CommonJS, requires this module as the build bundled it too (lib/bundle/load.cjs): so
 * Node never starts its ES module loader on the fast path.
 */

/** What the bundle exports. */
export interface FastPath {
  fastRun(command: string, argv: string[]): Promise<boolean>
  /** The files the bundle's own copy of src/sources/code-cached.ts loaded (validators, ws): the warm-up caches them too. */
  codeCachedFiles(): ReadonlyMap<string, CodeCached>
}

export interface LoadedBundle {
  fast: FastPath
  script: vm.Script
  /** False when V8 took the cache, true when it refused it, undefined without one (none, or not sealed for this bundle). */
  cacheRejected: boolean | undefined
}

/** The bundle and its code cache, where the build writes them (lib/bundle/, as deep as lib/sources/). */
export const BUNDLE_FILE = fileURLToPath(new URL('../bundle/fast-path.cjs', import.meta.url))
/** This module as one CommonJS file, for bin/run.js (src/build/bundle.ts, bundleLoader). */
export const LOADER_FILE = fileURLToPath(new URL('../bundle/load.cjs', import.meta.url))

/** Compile and run the bundle (with its code cache when there is one); undefined when the build made none. */
export function loadBundle(file = BUNDLE_FILE, opts: {cache?: boolean} = {}): LoadedBundle | undefined {
  const loaded = loadCodeCached(file, opts)
  return loaded && {fast: loaded.exports as FastPath, script: loaded.script, cacheRejected: loaded.cacheRejected}
}
