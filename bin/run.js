#!/usr/bin/env node
// `clawdoc doctor` is the command people run first and often: it (and `sync-token --dry-run`) skips
// loading oclif (see src/cli/fast-path.ts), from a one-file bundle made at build time and compiled
// with the V8 code cache the build wrote beside it (src/cli/load-bundle.ts): module loading is most
// of a CLI's start-up. CLAWDOC_NO_FAST_PATH=1 forces the oclif path (tests).
const argv = process.argv.slice(2)
let handled = false
// The same commands as FAST in src/cli/fast-path.ts, checked cheaply here so the others never load the bundle.
const fastPath =
  argv[0] === 'doctor' ||
  (argv[0] === 'sync-token' && argv.includes('--dry-run')) ||
  (argv[0] === 'restart' && (argv.includes('--json') || !process.stderr.isTTY))
if (fastPath && !process.env.CLAWDOC_NO_FAST_PATH) {
  const {loadFastPath} = await import('../lib/cli/load-bundle.js')
  handled = await (await loadFastPath()).fastRun(argv[0], argv.slice(1))
}
if (!handled) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
