#!/usr/bin/env node
// Bundles test/tools/prefetch-products.ts with esbuild (a devDependency) and runs it with this Node:
// the real products the interop tier needs are installed into node_modules/.cache while the rest
// of the suite runs (.ci/run starts this in the background). Output goes to stdout, prefixed.
import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync} from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Two levels below the root, as test/helpers/install-cache.ts is: it finds the cache from its own URL.
const dir = path.join(root, 'node_modules', '.cache')
mkdirSync(dir, {recursive: true})
const out = path.join(dir, `clawdoc-prefetch-${process.pid}.mjs`)
try {
  const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild')
  const b = spawnSync(esbuild, [path.join(root, 'test/tools/prefetch-products.ts'), '--bundle', '--platform=node', '--format=esm',
    '--target=node20', `--outfile=${out}`, '--log-level=warning'], {stdio: 'inherit'})
  if (b.status !== 0) process.exit(b.status ?? 1)
  const r = spawnSync(process.execPath, [out], {stdio: 'inherit', cwd: root})
  process.exitCode = r.status ?? 1
} finally {
  rmSync(out, {force: true})
}
