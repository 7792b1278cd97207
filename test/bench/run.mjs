#!/usr/bin/env node
// `npm run bench`: how fast clawdoc answers, as ratios to a bare `node -e 0` measured in the same
// run and the same environment (README.md, Performance: absolute times mean little across machines).
// Medians of interleaved runs (baseline, case, baseline, case, ...; a size row also runs its small case in each turn). `--quick`: 5 runs, no restart
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
/**
 * Time `argv` (node + args) N times, interleaved with the baseline, in the same env. With `small` (a smaller case of the
 * same command, `vs` names it), that case runs in the same turns too, and the row's `vs` ratio is the median of the
 * turns' ratios: a machine whose speed drifts between rows, or between turns, moves both alike.
 */
function measure(name, args, env, {cwd, input, runs = N, expect = [0, 1], small} = {}) {
  const base = []
  const times = []
  const smallTimes = []
  const baseEnv = {...env}
  const timed = (argv, e, dir, what) => {
    const t = performance.now()
    const r = spawnSync(process.execPath, argv, {env: e, cwd: dir, input, maxBuffer: 256 * 2 ** 20})
    const ms = performance.now() - t
    if (!expect.includes(r.status)) throw new Error(`${what}: exit ${r.status}: ${String(r.stderr).slice(0, 400)}`)
    return ms
  }
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    spawnSync(process.execPath, ['-e', '0'], {env: baseEnv, cwd})
    base.push(performance.now() - t)
    if (small) smallTimes.push(timed(args, small.env, small.cwd, `${name} (its small case)`))
    times.push(timed(args, env, cwd, name))
  }
  const m = median(times)
  const b = median(base)
  const row = {name, ms: m, base: b, ratio: m / b, runs}
  // The median of each turn's ratio (not a ratio of medians): a turn's two runs share the machine's state of the moment.
  if (small) row.vs = {name: small.vs, ratio: median(times.map((t, i) => t / smallTimes[i]))}
  rows.push(row)
  process.stderr.write(`  ${name}: ${m.toFixed(0)} ms (${(m / b).toFixed(1)}x)${row.vs ? ` (${row.vs.ratio.toFixed(2)}x ${row.vs.name})` : ''}\n`)
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

  // Config size: each row also as a ratio to the 1 KB config of the same syntax, run in the same turns (issue 13).
  for (const json5 of runs('size') ? [false, true] : []) {
    const syntax = json5 ? 'JSON5' : 'plain JSON'
    const small = home.withConfigText(sizedConfig(2 ** 10, json5))
    try {
      const pair = {env: envFor(small.home), cwd: small.home, vs: `1 KB ${syntax}`}
      measure(`doctor --offline, 1 KB config (${syntax})`, [RUN, 'doctor', '--offline'], pair.env, {cwd: small.home}).vs = {name: pair.vs, ratio: 1}
      for (const [label, bytes] of [['100 KB', 100 * 2 ** 10], ['1 MB', 2 ** 20], ['10 MB', 10 * 2 ** 20]]) {
        const h = home.withConfigText(sizedConfig(bytes, json5))
        try {
          measure(`doctor --offline, ${label} config (${syntax})`, [RUN, 'doctor', '--offline'], envFor(h.home), {
            cwd: h.home,
            small: pair,
          })
        } finally {
          h.cleanup()
        }
      }
    } finally {
      small.cleanup()
    }
  }

  // .env size: sync-token reads the state dir's .env; 10 000 lines against 10, in the same turns (issue 13).
  if (runs('env')) {
    const args = [RUN, 'sync-token', '--dry-run', '--offline']
    const small = home.withDotenv(10)
    const big = home.withDotenv(10_000)
    try {
      const pair = {env: envFor(small.home), cwd: small.home, vs: '10-line .env'}
      measure('sync-token --dry-run --offline, 10-line .env', args, pair.env, {cwd: small.home}).vs = {name: pair.vs, ratio: 1}
      measure('sync-token --dry-run --offline, 10000-line .env', args, envFor(big.home), {cwd: big.home, small: pair})
    } finally {
      small.cleanup()
      big.cleanup()
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

  if (runs('restart')) rows.push(...(await restartRows(N)))
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
