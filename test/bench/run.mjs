#!/usr/bin/env node
// `npm run bench`: how fast clawdoc answers, as ratios to a bare `node -e 0` measured in the same
// run and the same environment (README.md, Performance: absolute times mean little across machines).
// Medians of interleaved runs (baseline, case, baseline, case, ...). `--quick`: 5 runs, no restart
// and no real product. `--only GROUP[,GROUP]` runs only those groups of rows (example, probe, size,
// env, profiles, restart, products), e.g. `npm run bench -- --only restart` on a shared machine.
// Prints a markdown table. Exits non-zero only when something crashes, never because a result is slow. Needs the compiled CLI (`npm run build`).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import * as path from 'node:path'

import {startStandIn, restartRows} from './systemd.mjs'
import {productRows} from './product.mjs'
import {ROOT, RUN, freePort, home, median, sizedConfig} from './util.mjs'

const quick = process.argv.includes('--quick')
const N = quick ? 5 : 15
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt > 0 ? new Set(String(process.argv[onlyAt + 1]).split(',')) : undefined
const GROUPS = ['example', 'probe', 'size', 'env', 'profiles', 'restart', 'products']
if (only && [...only].some((g) => !GROUPS.includes(g))) {
  console.error(`bench: --only takes ${GROUPS.join(', ')}`)
  process.exit(2)
}
/** Whether a group of rows runs: all of them by default (restart and products not with --quick). */
const runs = (group) => (only ? only.has(group) : !(quick && (group === 'restart' || group === 'products')))
if (!existsSync(path.join(ROOT, 'lib', 'cli', 'fast-path.js'))) {
  console.error('bench: lib/ is missing; run `npm run build` first')
  process.exit(2)
}

const rows = []
/** Time `argv` (node + args) N times, interleaved with the baseline, in the same env. */
function measure(name, args, env, {cwd, input, runs = N, expect = [0, 1]} = {}) {
  const base = []
  const times = []
  const baseEnv = {...env}
  for (let i = 0; i < runs; i++) {
    let t = performance.now()
    spawnSync(process.execPath, ['-e', '0'], {env: baseEnv, cwd})
    base.push(performance.now() - t)
    t = performance.now()
    const r = spawnSync(process.execPath, args, {env, cwd, input, maxBuffer: 256 * 2 ** 20})
    times.push(performance.now() - t)
    if (!expect.includes(r.status)) throw new Error(`${name}: exit ${r.status}: ${String(r.stderr).slice(0, 400)}`)
  }
  const m = median(times)
  const b = median(base)
  const row = {name, ms: m, base: b, ratio: m / b, runs}
  rows.push(row)
  process.stderr.write(`  ${name}: ${m.toFixed(0)} ms (${(m / b).toFixed(1)}x)\n`)
  return row
}

const envFor = (h, extra = {}) => ({PATH: process.env.PATH, HOME: h, NO_COLOR: '1', ...extra})

async function main() {
  process.stderr.write(`bench: ${N} runs per row${quick ? ' (--quick)' : ''}\n`)
  if (runs('example')) {
    const ex = home.example()
    try {
      const env = envFor(ex.home)
      measure('doctor --offline (test/example)', [RUN, 'doctor', '--offline'], env, {cwd: ex.home})
      measure('doctor --offline --json (test/example)', [RUN, 'doctor', '--offline', '--json'], env, {cwd: ex.home})
      measure('doctor --offline, oclif path (CLAWDOC_NO_FAST_PATH=1)', [RUN, 'doctor', '--offline'], {...env, CLAWDOC_NO_FAST_PATH: '1'}, {cwd: ex.home})
      measure('sync-token --dry-run --offline (test/example)', [RUN, 'sync-token', '--dry-run', '--offline'], env, {cwd: ex.home})
    } finally {
      ex.cleanup()
    }
    // What most people run today: openclaw's layout, its profile and its (larger) config schema.
    const oc = home.openclaw()
    try {
      const env = envFor(oc.home)
      measure('doctor --offline (openclaw 2026.9.6 layout)', [RUN, 'doctor', '--offline'], env, {cwd: oc.home})
      measure('sync-token --dry-run --offline (openclaw 2026.9.6 layout)', [RUN, 'sync-token', '--dry-run', '--offline'], env, {cwd: oc.home})
    } finally {
      oc.cleanup()
    }
  }

  // doctor with the live probe against a stand-in gateway on a free loopback port.
  if (runs('probe')) {
    const port = await freePort()
    const probeHome = home.withConfig({gateway: {mode: 'local', port, auth: {mode: 'token', token: 'be0c'.repeat(12)}}})
    const gw = await startStandIn(port, probeHome.home)
    try {
      measure('doctor --probe (stand-in gateway, loopback)', [RUN, 'doctor', '--probe'], envFor(probeHome.home), {cwd: probeHome.home})
    } finally {
      gw.stop()
      probeHome.cleanup()
    }
  }

  // Config size: each row also as a ratio to the 1 KB config of the same syntax (issue 13).
  for (const json5 of runs('size') ? [false, true] : []) {
    let small
    for (const [label, bytes] of [['1 KB', 2 ** 10], ['100 KB', 100 * 2 ** 10], ['1 MB', 2 ** 20], ['10 MB', 10 * 2 ** 20]]) {
      const h = home.withConfigText(sizedConfig(bytes, json5))
      try {
        const row = measure(
          `doctor --offline, ${label} config (${json5 ? 'JSON5' : 'plain JSON'})`,
          [RUN, 'doctor', '--offline'],
          envFor(h.home),
          {cwd: h.home, runs: bytes >= 2 ** 20 ? Math.min(N, 7) : N},
        )
        small ??= row
        row.vs = {name: `1 KB ${json5 ? 'JSON5' : 'plain JSON'}`, ratio: row.ms / small.ms}
      } finally {
        h.cleanup()
      }
    }
  }

  // .env size: sync-token reads the state dir's .env; 10 000 lines against 10 (issue 13).
  if (runs('env')) {
    let small
    for (const lines of [10, 10_000]) {
      const h = home.withDotenv(lines)
      try {
        const row = measure(`sync-token --dry-run --offline, ${lines}-line .env`, [RUN, 'sync-token', '--dry-run', '--offline'], envFor(h.home), {cwd: h.home})
        small ??= row
        row.vs = {name: '10-line .env', ratio: row.ms / small.ms}
      } finally {
        h.cleanup()
      }
    }
  }

  for (const k of runs('profiles') ? [1, 10, 50] : []) {
    const h = home.withProfiles(k)
    try {
      measure(
        `doctor --offline --profile p${k} (${k} profile${k > 1 ? 's' : ''} on disk)`,
        [RUN, 'doctor', '--offline', '--profile', `p${k}`],
        envFor(h.home),
        {cwd: h.home},
      )
    } finally {
      h.cleanup()
    }
  }

  if (runs('restart')) rows.push(...(await restartRows(Math.min(N, 7))))
  if (runs('products')) rows.push(...(await productRows(Math.min(N, 5))))
  print()
}

function print() {
  const fmt = (ms) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`)
  const lines = [
    `clawdoc bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of interleaved runs; ratio = median / median(\`node -e 0\`) in ` +
      `the same run`,
    '',
    '| case | median | `node -e 0` | ratio | vs. small case | runs |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${fmt(r.ms)} | ${fmt(r.base)} | ${r.ratio === undefined ? (r.note ?? 'n/a') : `${r.ratio.toFixed(1)}x`} | ` +
      `${r.vs ? `${r.vs.ratio.toFixed(2)}x ${r.vs.name}` : ''} | ${r.runs ?? ''} |`),
  ]
  console.log(lines.join('\n'))
}

main().catch((err) => {
  print()
  console.error(`bench: crashed: ${err?.stack ?? err}`)
  process.exit(1)
})
