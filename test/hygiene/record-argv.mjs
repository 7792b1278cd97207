// Preload for the secret-hygiene harness: `NODE_OPTIONS=--import <this file>` with
// CLAWDOC_ARGV_LOG=<file>. Records the argv of every child process the CLI starts (src/sources/exec.ts uses
// child_process.spawn) as one JSON line each, then starts the child unchanged.
import {appendFileSync} from 'node:fs'
import {createRequire, syncBuiltinESMExports} from 'node:module'

const log = process.env.CLAWDOC_ARGV_LOG
if (log) {
  const cp = createRequire(import.meta.url)('node:child_process')
  const record = (fn, file, args) => {
    appendFileSync(log, JSON.stringify({fn, file: String(file), args: Array.isArray(args) ? args.map(String) : []}) + '\n')
  }
  for (const fn of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) {
    const real = cp[fn]
    cp[fn] = function (file, args, ...rest) {
      record(fn, file, args)
      return real.call(this, file, args, ...rest)
    }
  }
  for (const fn of ['exec', 'execSync']) {
    const real = cp[fn]
    cp[fn] = function (command, ...rest) {
      record(fn, command, [])
      return real.call(this, command, ...rest)
    }
  }
  // ESM `import {spawn} from 'node:child_process'` (src/sources/exec.ts) sees the patched functions only after this.
  syncBuiltinESMExports()
}
