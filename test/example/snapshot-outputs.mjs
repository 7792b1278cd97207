#!/usr/bin/env node
// Run a built clawdoc over the example setups (test/example/home and each test/fixtures/configs file as the only
// config) and write every command's exit code, stdout and stderr to one file per case, so that two builds can be
// compared byte for byte (a structural change must not change the --json documents):
//
//   node test/example/snapshot-outputs.mjs --repo /path/to/other/checkout /tmp/before
//   node test/example/snapshot-outputs.mjs /tmp/after
//   diff -r /tmp/before /tmp/after
//
// Timings and the fingerprint of a freshly generated token are masked; nothing else is. The HOME used is a fixed
// path under the system temp dir so that paths in the output compare equal; it never touches your real home.
import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const args = process.argv.slice(2)
const here = path.dirname(fileURLToPath(import.meta.url))
const repoAt = args.indexOf('--repo')
const repo = repoAt >= 0 ? path.resolve(args.splice(repoAt, 2)[1]) : path.resolve(here, '..', '..')
const out = args[0]
if (!out) {
  console.error('usage: snapshot-outputs.mjs [--repo CHECKOUT] OUTDIR')
  process.exit(2)
}
const base = path.join(tmpdir(), 'clawdoc-snapshot')
const home = path.join(base, 'home')
const fixtures = path.join(here, '..', 'fixtures', 'configs')
const setups = [['example', undefined], ...readdirSync(fixtures).filter((f) => /\.json5?$/.test(f)).map((f) => [f, f])]
const EXPLAIN = 'gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)'
const commands = [
  ['doctor', '--offline', '--json'],
  ['doctor', '--offline'],
  ['doctor', '--json'],
  ['doctor', '--offline', '--json', '--only', 'token.weak,config.invalid'],
  ['doctor', '--offline', '--fail-on', 'error', '--no-color', '-v'],
  ['doctor', '--list-checks', '--json'],
  ['doctor', '--list-checks'],
  ['doctor', '--explain', EXPLAIN, '--json'],
  ['sync-token', '--dry-run', '--offline', '--json'],
  ['sync-token', '--dry-run', '--offline'],
  ['sync-token', '--dry-run', '--offline', '--generate', '--json'],
  ['restart', '--dry-run', '--json'],
  ['doctor', '--bogus'],
  ['doctor', '--fail-on', 'nope', '--json'],
]
mkdirSync(out, {recursive: true})
try {
  for (const [name, fixture] of setups) {
    rmSync(base, {recursive: true, force: true})
    mkdirSync(path.join(home, '.clawdbot'), {recursive: true})
    if (fixture === undefined) cpSync(path.join(here, 'home'), home, {recursive: true})
    else cpSync(path.join(fixtures, fixture), path.join(home, '.clawdbot', 'clawdbot.json'))
    chmodSync(path.join(home, '.clawdbot', 'clawdbot.json'), 0o600)
    for (const c of commands) {
      // No user bus: XDG_RUNTIME_DIR points at a directory that does not exist.
      const env = {PATH: process.env.PATH, HOME: home, TERM: 'dumb', XDG_RUNTIME_DIR: path.join(base, 'no-runtime-dir')}
      const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'run.js'), ...c], {env, cwd: home, encoding: 'utf8'})
      const generated = c.includes('--generate')
      const mask = (s) => {
        const t = s.replace(/"ms": \d+/g, '"ms": 0').replace(/\d+ ms/g, 'N ms')
        return generated ? t.replace(/[0-9a-f]{8}/g, '<sha256>') : t
      }
      const file = `${name}__${c.join('_').replace(/[^\w.-]+/g, '-').slice(0, 80)}.txt`
      writeFileSync(path.join(out, file), `exit ${r.status}\n--- stdout\n${mask(r.stdout)}\n--- stderr\n${mask(r.stderr)}`)
    }
  }
} finally {
  rmSync(base, {recursive: true, force: true})
}
