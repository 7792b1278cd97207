#!/usr/bin/env node
// The README table "openclaw doctor vs clawdoc on the same drifts", generated from the results that
// test/interop/live-drift-openclaw.test.ts measures against the real openclaw 2026.9.6 and compares with
// test/interop/live-drift-openclaw.json (so that file cannot drift from the release).
//
//   node test/tools/doctor-table.mjs --check     exit 1 when README.md's table is not the one the data gives
//   node test/tools/doctor-table.mjs --write     rewrite README.md's table from the data
//   node test/tools/doctor-table.mjs --record    copy the product side of the last interop run
//                                                (node_modules/.cache/clawdoc-interop/live-drift-openclaw.json)
//                                                into the data file, then rewrite README.md; that run must have
//                                                measured openclaw's own doctor: `npm run record:doctor-table`
//                                                (CLAWDOC_MEASURE_OPENCLAW_DOCTOR=1, then this)
import {readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DATA = path.join(ROOT, 'test', 'interop', 'live-drift-openclaw.json')
export const MEASURED = path.join(ROOT, 'node_modules', '.cache', 'clawdoc-interop', 'live-drift-openclaw.json')
export const README = path.join(ROOT, 'README.md')
const START = '<!-- generated:doctor-vs-clawdoc:start -->'
const END = '<!-- generated:doctor-vs-clawdoc:end -->'

/** The fields of a drift record that the live suite measures (the rest, title and clawdoc, is the acceptance). */
const PRODUCT_FIELDS = ['fixture', 'productHealth', 'productHealthOther', 'openclawDoctor', 'install']

/**
 * What openclaw's text-mode doctor (`--non-interactive`) says, reduced to stable signals: its boxes carry timings,
 * paths and wrapping that change from run to run. A line no signal matches is kept in the run's cache file only.
 */
export const TEXT_SIGNALS = [
  [/gateway token mismatch/i, 'its health check fails: gateway token mismatch (the symptom; no cause named)'],
  [/State directory migration remains pending/i, 'state dir migration pending (~/.clawdbot → ~/.openclaw); "Remove or merge manually"'],
  [/Doctor stopped because a state migration refused/i, 'stops: later repairs not run'],
  [/Gateway not reachable/i, 'its health check fails: gateway not reachable'],
  [/no token\/password or paired device token/i, 'its health check fails: no token or paired device'],
  [/LEGACY_ENV|Legacy CLAWDBOT|CLAWDBOT_GATEWAY_TOKEN/i, 'names the legacy CLAWDBOT_* variable'],
  [/token drift|gateway-token-mismatch|service token|embedded token/i, 'service token drift'],
  [/clawdbot-gateway|extra gateway|other gateway service|dueling/i, 'another gateway service'],
]

/** The signals in a list of (new) text-mode lines, in table order, each once. */
export function textSignals(lines) {
  return TEXT_SIGNALS.filter(([re]) => lines.some((l) => re.test(l))).map(([, s]) => s)
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ')

const HEALTH = {
  'ok': 'OK',
  'token-mismatch': 'fails: token mismatch',
  'no-credentials': 'fails: no token/password or paired device token',
  'token-missing': 'fails: token missing',
}
const health = (s) => HEALTH[s] ?? cell(s)

function openclawCell(d) {
  const o = d.openclawDoctor
  if (!o) return 'not run'
  const text = o.says.length === 0 ? 'text: nothing new' : `text: ${o.says.map(cell).join('; ')}`
  const json = !o.reports
    ? '`--json`: nothing new'
    : `\`--json\`: ${o.findings.map((f) => `\`${cell(f.split(':')[0])}\` ${cell(f.slice(f.indexOf(':') + 1).trim())}`).join('; ')}`
  return `${text}<br>${json}`
}

function adviceCell(d) {
  const o = d.openclawDoctor
  if (!o || (!o.reports && o.says.length === 0)) return '–'
  if (o.followed === undefined) return o.advice === 'none' ? 'no repair command offered' : cell(o.advice)
  const [exit, after] = o.followed.split('; then gateway health: ')
  return `\`${cell(o.advice)}\` (${cell(exit)}); then \`gateway health\`: ${health(after)}`
}

/** The markdown table (pure: data in, text out). */
export function renderTable(data) {
  const lines = [
    `Measured on the real ${data.release} running as the unit its own \`gateway install\` wrote, in a contained systemd user manager ` +
      '(`test/interop/live-drift-openclaw.test.ts`). "openclaw doctor" is `openclaw doctor --non-interactive` (text) and ' +
      '`openclaw doctor --non-interactive --json`, run side by side; only what a clean install does not say too is listed. Its advice is followed ' +
      'when it names a command that runs without prompts. Those two columns are measured when the table is recorded ' +
      '(`npm run record:doctor-table`); every run of the suite, CI included, measures and compares the others. ' +
      'The two clawdoc columns are what the same suite asserts for clawdoc: the check that ' +
      'must report the drift as an error (a warning where the release works as it is), and the command that must repair it so that ' +
      '`gateway health` succeeds and ' +
      '`clawdoc doctor --fail-on error` exits 0.',
    '',
    '| drift | real `openclaw gateway health` on it | openclaw doctor reports | following its advice | clawdoc doctor (error) | clawdoc repair |',
    '|---|---|---|---|---|---|',
  ]
  for (const d of Object.values(data.drifts)) {
    const h = d.productHealthOther ? `${health(d.productHealth)}; ${cell(d.productHealthOther)}` : health(d.productHealth)
    const check = `\`${d.clawdoc.check}\`${d.clawdoc.severity === 'warning' ? ' (a warning: the setup works)' : ''}`
    const repair = d.clawdoc.repair.length > 0 ? `\`${d.clawdoc.repair.join(' ')}\`` : 'none needed: `clawdoc doctor --fail-on error` exits 0 as it is'
    lines.push(`| ${cell(d.title)} | ${h} | ${openclawCell(d)} | ${adviceCell(d)} | ${check} | ${repair} |`)
  }
  return lines.join('\n')
}

export function withTable(readme, table) {
  const i = readme.indexOf(START)
  const j = readme.indexOf(END)
  if (i === -1 || j === -1) throw new Error(`README.md lacks the ${START} … ${END} markers`)
  return `${readme.slice(0, i + START.length)}\n${table}\n${readme.slice(j)}`
}

const load = (file) => JSON.parse(readFileSync(file, 'utf8'))

function writeAtomic(file, text) {
  writeFileSync(`${file}.tmp`, text)
  renameSync(`${file}.tmp`, file)
}

/** The data file with the product side of a measured run in place of the recorded one. */
export function recordInto(data, measured) {
  if (measured.measuredOpenclawDoctor !== true) {
    throw new Error("the last interop run did not run openclaw's own doctor; record with npm run record:doctor-table")
  }
  const out = structuredClone(data)
  const pick = (r) => Object.fromEntries(PRODUCT_FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]))
  out.baseline = pick(measured.baseline)
  for (const [id, d] of Object.entries(out.drifts)) {
    if (!measured.drifts[id]) throw new Error(`the measured run has no drift ${id}: run the whole interop file first`)
    out.drifts[id] = {title: d.title, ...pick(measured.drifts[id]), clawdoc: d.clawdoc}
  }
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2]
  if (mode === '--record') writeAtomic(DATA, `${JSON.stringify(recordInto(load(DATA), load(MEASURED)), null, 2)}\n`)
  const readme = readFileSync(README, 'utf8')
  const wanted = withTable(readme, renderTable(load(DATA)))
  if (mode === '--check') {
    if (wanted !== readme) {
      process.stderr.write('README.md: the "openclaw doctor vs clawdoc" table differs from test/interop/live-drift-openclaw.json. ' +
        'Run node test/tools/doctor-table.mjs --write\n')
      process.exit(1)
    }
  } else if (mode === '--write' || mode === '--record') {
    if (wanted !== readme) writeAtomic(README, wanted)
  } else {
    process.stderr.write('usage: node test/tools/doctor-table.mjs --check | --write | --record\n')
    process.exit(2)
  }
}
