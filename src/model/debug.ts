import {debuglog} from 'node:util'

import {errnoCode} from './errors.js'

const log = debuglog('clawdoc')

/**
 * The debug line of a deliberate best-effort catch, shown with `NODE_DEBUG=clawdoc`. It names the operation and the
 * errno (or the error's class), never the error's message: that could quote what was read.
 */
export function debugCaught(operation: string, err: unknown): void {
  log('%s failed (%s); carrying on', operation, errnoCode(err) ?? (err instanceof Error ? err.name : typeof err))
}
