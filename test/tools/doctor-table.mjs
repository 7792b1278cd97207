#!/usr/bin/env node
// The README table "openclaw doctor vs clawdoc on the same drifts", generated from the results that
// test/interop/live-drift-openclaw.test.ts measures against the real openclaw 2026.9.6 and compares with
// test/interop/live-drift-openclaw.json (so that file cannot drift from the release).
//
//   node test/tools/doctor-table.mjs --check     exit 1 when README.md's table is not the one the data gives
//   node test/tools/doctor-table.mjs --write     rewrite README.md's table from the data
//   node test/tools/doctor-table.mjs --record    copy the product side of the last interop run
//                                                (node_modules/.cache/clawdoc-interop/live-drift-openclaw.json)
//                                                into the data file, then rewrite README.md
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
  if (!o.reports) return 'nothing beyond what it says on a clean install'
  return o.findings.map((f) => `\`${cell(f.split(':')[0])}\`: ${cell(f.slice(f.indexOf(':') + 1).trim())}`).join('<br>')
}

function adviceCell(d) {
  const o = d.openclawDoctor
  if (!o || !o.reports) return '–'
  if (o.followed === undefined) return cell(o.advice)
  const [exit, after] = o.followed.split('; then gateway health: ')
  return `\`${cell(o.advice)}\` (${cell(exit)}); then \`gateway health\`: ${health(after)}`
}

/** The markdown table (pure: data in, text out). */
export function renderTable(data) {
  const lines = [
    `Measured on the real ${data.release} running as the unit its own \`gateway install\` wrote, in a contained systemd user manager ` +
      '(`test/interop/live-drift-openclaw.test.ts`). "openclaw doctor" is `openclaw doctor --non-interactive --json`; a finding counts when a ' +
      'clean install does not give it too.',
    '',
    '| drift | real `openclaw gateway health` on it | openclaw doctor reports | following its advice | clawdoc doctor (error) | clawdoc repair |',
    '|---|---|---|---|---|---|',
  ]
  for (const d of Object.values(data.drifts)) {
    const h = d.productHealthOther ? `${health(d.productHealth)}; ${cell(d.productHealthOther)}` : health(d.productHealth)
    const repair = d.clawdoc.repair.join(' ')
    lines.push(`| ${cell(d.title)} | ${h} | ${openclawCell(d)} | ${adviceCell(d)} | \`${d.clawdoc.check}\` | \`${repair}\` |`)
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
