import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

import type WebSocketType from 'ws'

import {loadCodeCached} from './code-cached.js'
import {wsBundleUrl} from './package-files.js'

let loaded: typeof WebSocketType | undefined

/**
 * The ws client class the probe dials with (src/probe/ws-probe.ts takes it from its caller). The probe runs right after
 * a restart, while the restarted gateway boots on the same cores, so loading ws must cost little: the build makes it
 * one CommonJS file with a code cache (src/build/bundle.ts). Without the build (tests run from src/) it is the package
 * itself, by require (CommonJS: no ESM loader scanning each of its dozen files' exports).
 */
export function loadWebSocket(): typeof WebSocketType {
  loaded ??= (loadCodeCached(fileURLToPath(wsBundleUrl))?.exports ?? createRequire(import.meta.url)('ws')) as typeof WebSocketType
  return loaded
}
