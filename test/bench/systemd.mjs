// Bench rows that need running services: a stand-in gateway on loopback, and `clawdoc restart`
// against a real private systemd user manager (test/helpers/user-manager.ts, transpiled on the fly
// with the installed typescript: it imports node builtins only, and Node 20 cannot run TS).
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {connect} from 'node:net'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {pathToFileURL} from 'node:url'

import {ROOT, RUN, freePort, median} from './util.mjs'

const STAND_IN = path.join(ROOT, 'test', 'helpers', 'stand-in-gateway.mjs')
const TOKEN = 'be0c'.repeat(12)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

export function portAnswers(port) {
  return new Promise((resolve) => {
    const s = connect({host: '127.0.0.1', port})
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })
}

export async function waitPort(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await portAnswers(port)) return
    await sleep(5)
  }
  throw new Error(`port ${port} did not answer within ${timeoutMs} ms`)
}

/** The stand-in gateway as a plain child (reads the token from HOME's config); stopped by its pid. */
export async function startStandIn(port, home) {
  const child = spawn(process.execPath, [STAND_IN, '--port', String(port)], {env: {PATH: process.env.PATH, HOME: home}, stdio: 'ignore', detached: true})
  await waitPort(port, 15_000)
  // detached: the launcher and its listening child share a process group, stopped together by pgid.
  return {stop: () => process.kill(-child.pid, 'SIGTERM')}
}

async function loadUserManager() {
  const ts = (await import('typescript')).default
  const src = readFileSync(path.join(ROOT, 'test', 'helpers', 'user-manager.ts'), 'utf8')
  const out = ts.transpileModule(src, {compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}}).outputText
    // The transpiled copy lives in a temp dir: its one relative import must still reach the repository's file.
    .replace("'../tiers/preconditions.mjs'", `'${pathToFileURL(path.join(ROOT, 'test', 'tiers', 'preconditions.mjs')).href}'`)
  const dir = mkdtempSync(path.join(tmpdir(), 'clawdoc-bench-um-'))
  const file = path.join(dir, 'user-manager.mjs')
  writeFileSync(file, out)
  try {
    return await import(pathToFileURL(file).href)
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Bare `systemctl --user restart` + port answers, vs `clawdoc restart` (with and without the probe). */
export async function restartRows(runs) {
  const UNIT = 'clawdbot-gateway.service'
  let m
  try {
    m = await (await loadUserManager()).startUserManager()
  } catch (err) {
    return [{name: 'clawdoc restart vs bare systemctl restart', note: `n/a: ${String(err.message).split('\n')[0]}`}]
  }
  try {
    const port = await freePort()
    const cfgDir = path.join(m.home, '.clawdbot')
    mkdirSync(cfgDir, {recursive: true})
    writeFileSync(
      path.join(cfgDir, 'clawdbot.json'),
      JSON.stringify({gateway: {mode: 'local', port, auth: {mode: 'token', token: TOKEN}}}, null, 2),
      {mode: 0o600},
    )
    const unit = [
      // Many restarts in a row: without StartLimitIntervalSec=0 systemd refuses the 6th within 10 s.
      '[Unit]', 'Description=clawdoc bench stand-in gateway', 'StartLimitIntervalSec=0', '', '[Service]',
      `ExecStart="${process.execPath}" "${STAND_IN}" gateway --port ${port}`,
      'Restart=always', `Environment=HOME=${m.home}`, `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOKEN}`, '',
      '[Install]', 'WantedBy=default.target', '',
    ].join('\n')
    await m.writeUnit(UNIT, unit)
    await m.systemctl('daemon-reload')
    const started = await m.systemctl('start', UNIT)
    if (started.code !== 0) throw new Error(`cannot start the bench unit: ${started.stderr}`)
    await waitPort(port)
    const bare = []
    const base = []
    const tools = {'clawdoc restart --no-probe': [], 'clawdoc restart (with probe)': []}
    for (let i = 0; i < runs; i++) {
      let t = performance.now()
      spawnSync(process.execPath, ['-e', '0'], {env: m.env})
      base.push(performance.now() - t)
      t = performance.now()
      const r = await m.systemctl('restart', UNIT)
      if (r.code !== 0) throw new Error(`systemctl restart failed: ${r.stderr}`)
      await waitPort(port)
      bare.push(performance.now() - t)
      for (const [name, extra] of [['clawdoc restart --no-probe', ['--no-probe']], ['clawdoc restart (with probe)', ['--probe']]]) {
        t = performance.now()
        const c = spawnSync(process.execPath, [RUN, 'restart', ...extra], {env: {...m.env, NO_COLOR: '1'}, cwd: m.home})
        tools[name].push(performance.now() - t)
        if (c.status !== 0) throw new Error(`${name}: exit ${c.status}: ${String(c.stdout).slice(-600)} ${String(c.stderr).slice(-600)}`)
      }
    }
    const b = median(base)
    const bareMs = median(bare)
    const rows = [{name: 'bare `systemctl --user restart` + port answers', ms: bareMs, base: b, ratio: bareMs / b, runs}]
    for (const [name, xs] of Object.entries(tools)) {
      const ms = median(xs)
      // The overhead is the median of each turn's difference (tool minus the bare restart of the same turn): the machine's
      // drift between turns moves both alike, as the size rows' ratios to their small case.
      const overhead = median(xs.map((x, i) => x - bare[i]))
      rows.push({name: `${name} (overhead over bare: +${overhead.toFixed(0)} ms)`, ms, base: b, ratio: ms / b, runs})
    }
    return rows
  } finally {
    await m.stop()
  }
}
