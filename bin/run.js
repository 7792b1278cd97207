#!/usr/bin/env node
// `clawdoc doctor` is the command people run first and often: it (and `sync-token --dry-run`) skips
// loading oclif (see src/cli/fast-path.ts), from a one-file bundle made at build time (module
// loading is most of a CLI's start-up). CLAWDOC_NO_FAST_PATH=1 forces the oclif path (tests).
// The bundle sits at lib/bundle/, as deep as lib/sources/: src/sources/package-files.ts finds schemas/
// and lib/schema/ by URLs relative to its own file, which hold in both places.
const argv = process.argv.slice(2)
let handled = false
// The same commands as FAST in src/cli/fast-path.ts, checked cheaply here so the others never load the bundle.
const fastPath = argv[0] === 'doctor' || (argv[0] === 'sync-token' && argv.includes('--dry-run'))
if (fastPath && !process.env.CLAWDOC_NO_FAST_PATH) {
  const fast = await import('../lib/bundle/fast-path.js').catch((error) => {
    // A tsc-only build has no bundle: the unbundled module does the same, a little slower.
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return import('../lib/cli/fast-path.js')
    throw error
  })
  handled = await fast.fastRun(argv[0], argv.slice(1))
}
if (!handled) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
