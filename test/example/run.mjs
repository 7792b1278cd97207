#!/usr/bin/env node
// `npm run example`: run `clawdoc doctor` on the bundled example setup (a config, a .env and a
// unit whose tokens have drifted apart). It copies the example to a temp HOME so nothing in the
// repository or in your real home is read or touched, and it never talks to your systemd.
import {spawnSync} from 'node:child_process'
import {chmodSync, cpSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-example-'))
try {
  cpSync(path.join(here, 'home'), home, {recursive: true})
  chmodSync(path.join(home, '.clawdbot', 'clawdbot.json'), 0o600)
  const env = {PATH: process.env.PATH, HOME: home, TERM: process.env.TERM ?? 'dumb'}
  if (process.env.NO_COLOR !== undefined) env.NO_COLOR = process.env.NO_COLOR
  if (process.env.FORCE_COLOR !== undefined) env.FORCE_COLOR = process.env.FORCE_COLOR
  const args = [path.join(here, '..', '..', 'bin', 'run.js'), 'doctor', '--offline', ...process.argv.slice(2)]
  const r = spawnSync(process.execPath, args, {env, stdio: 'inherit', cwd: home})
  // The example has drift on purpose: doctor's exit code 1 is the expected outcome.
  if (r.status !== 1 && !process.argv.includes('--json')) {
    console.error(`example: expected doctor to report the drift (exit 1), got exit ${r.status}`)
    process.exitCode = 1
  }
} finally {
  rmSync(home, {recursive: true, force: true})
}
