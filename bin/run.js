#!/usr/bin/env node
// `clawdoc doctor` is the command people run first and often: it (and `sync-token --dry-run`) skips
// loading oclif (see src/cli/fast-path.ts), from a one-file bundle made at build time and compiled
// with the V8 code cache the build wrote beside it (src/cli/load-bundle.ts): module loading is most
// of a CLI's start-up. CLAWDOC_NO_FAST_PATH=1 forces the oclif path (tests).
//
// This file is CommonJS (bin/package.json), and so is what it requires on the fast path: Node then
// never starts its ES module loader there.
'use strict'
const path = require('node:path')

const argv = process.argv.slice(2)
// The same commands as FAST in src/cli/fast-path.ts, checked cheaply here so the others never load the bundle.
const fastPath =
  argv[0] === 'doctor' ||
  (argv[0] === 'sync-token' && argv.includes('--dry-run')) ||
  (argv[0] === 'restart' && (argv.includes('--json') || !process.stderr.isTTY))

/** The bundle, through its loader (the build makes both); a tsc-only build has neither, and runs the same code as modules. */
async function loadFastPath() {
  let loader
  try {
    loader = require('../lib/bundle/load.cjs')
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err
  }
  return loader?.loadBundle()?.fast ?? (await import('../lib/cli/fast-path.js'))
}

async function main() {
  const handled = fastPath && !process.env.CLAWDOC_NO_FAST_PATH && (await (await loadFastPath()).fastRun(argv[0], argv.slice(1)))
  if (!handled) {
    const {execute} = require('@oclif/core')
    // The package's root: oclif looks for package.json from there up (bin/package.json only makes this file CommonJS).
    await execute({dir: path.join(__dirname, '..')})
  }
}

main()
