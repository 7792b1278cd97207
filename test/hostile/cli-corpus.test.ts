// Runs the real CLI (lib/, as bin/run.js does) over every hostile case: doctor --offline in --json
// and human mode, and sync-token --dry-run where it applies. Invariants for every case: no crash,
// no stack trace, no hang, a one-line error with exit 2 or a report with exit 0/1, schema-valid
// JSON, and not one byte written under the case's temp root.
import * as path from 'node:path'

import {Ajv} from 'ajv'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, runCli, schemaErrors} from '../helpers/cli.js'
import {allCases} from './cases.js'
import {dotenvCases, flagCases, tokenStdinCases, unitCases} from './cases-unit.js'
import type {HostileCase} from './corpus.js'
import {hashTree, materialize} from './home-tree.js'
import {CliPool, requireBuild, type RunResult} from './pool.js'

const CASES: HostileCase[] = [...allCases(), ...unitCases(), ...dotenvCases(), ...tokenStdinCases(), ...flagCases()]
const STACK = /\bat .*\.(?:[cm]?js|ts):\d+|\b(?:RangeError|TypeError|ReferenceError|SyntaxError)\b|Maximum call stack|Exception in/
const timings: {name: string; ms: number}[] = []
let pool: CliPool
// schemas/sync-token-result.schema.json is draft-07 (helpers/cli.ts's schemaErrors speaks 2020-12 only).
const syncSchema = new Ajv({
  allErrors: true,
  strict: false,
}).compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'sync-token-result.schema.json'), 'utf8')))

beforeAll(() => {
  requireBuild()
  pool = new CliPool()
})
afterAll(() => {
  pool?.close()
  const slow = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5)
  console.log(`hostile corpus: ${CASES.length} cases; slowest runs: ${slow.map((t) => `${t.name} ${Math.round(t.ms)} ms`).join('; ')}`)
})

function noCrash(r: RunResult, what: string): void {
  expect(r.hung, `${what} hung`).toBeFalsy()
  expect(r.thrown, `${what} threw`).toBeUndefined()
  expect(r.stdout + r.stderr, `${what} printed a stack trace or raw exception`).not.toMatch(STACK)
}

/** Every `place`-like object (has `file`) anywhere in a JSON document. */
function places(doc: unknown, out: {file: string; line?: number}[] = []): {file: string; line?: number}[] {
  if (Array.isArray(doc)) for (const d of doc) places(d, out)
  else if (doc && typeof doc === 'object') {
    const o = doc as Record<string, unknown>
    if (typeof o.file === 'string') out.push({file: o.file, line: typeof o.line === 'number' ? o.line : undefined})
    for (const v of Object.values(o)) places(v, out)
  }
  return out
}

async function checkErrorDoc(doc: {ok: boolean; error?: {code: string; message: string}}, code: number | null, what: string): Promise<void> {
  if (!doc.error) return
  expect(code, `${what}: an error document must exit 2`).toBe(2)
  expect(doc.error.code, `${what}: ${doc.error.message}`).not.toBe('INTERNAL')
  expect(doc.error.message).not.toContain('\n')
}

async function runDoctor(c: HostileCase, home: string, env: Record<string, string>): Promise<void> {
  const argv = ['doctor', '--offline', ...(c.flags ?? [])]
  const json = await pool.run({argv: [...argv, '--json'], env, cwd: home})
  timings.push({name: `${c.name} (doctor)`, ms: json.ms})
  noCrash(json, 'doctor --json')
  expect(c.doctor?.exit ?? [0, 1], `doctor exit code; stdout: ${json.stdout.slice(0, 400)}`).toContain(json.code)
  expect(json.stderr).toBe('')
  const doc = JSON.parse(json.stdout)
  await checkErrorDoc(doc, json.code, 'doctor')
  if (!doc.error) expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
  const want = c.doctor
  if (want?.check) {
    const check = doc.checks.find((k: {id: string}) => k.id === want.check)
    expect(check?.status, `${want.check} should not pass`).toMatch(/error|warning|info/)
  }
  if (want?.place) {
    const file = path.resolve(home, want.place.file)
    const line = want.place!.line
    const hits = places(doc).filter((p) => p.file === file && (line === undefined || (line === 'any' ? p.line !== undefined : p.line === line)))
    expect(hits.length, `a place in ${want.place.file}:${want.place.line ?? ''} (got ${JSON.stringify(places(doc))})`).toBeGreaterThan(0)
  }
  if (want?.authTokenLine !== undefined) {
    const copy = doc.copies.find((k: {id: string}) => k.id === 'config.auth.token')
    expect(copy?.place.line).toBe(want.authTokenLine)
  }
  const human = await pool.run({argv, env, cwd: home})
  noCrash(human, 'doctor (human)')
  expect(human.code, 'human and JSON mode agree on the exit code').toBe(json.code)
  if (human.code === 2) expect(human.stderr).toMatch(/^clawdoc: [^\n]+\n(?: {2}[^\n]+\n){0,3}$/)
}

async function runSync(c: HostileCase, home: string, env: Record<string, string>): Promise<void> {
  const s = c.sync!
  const argv = ['sync-token', '--dry-run', '--offline', '--json', ...(s.args ?? []), ...(s.stdin === undefined ? [] : ['--token-stdin'])]
  const r = await pool.run({argv, env, cwd: home, stdin: s.stdin})
  timings.push({name: `${c.name} (sync)`, ms: r.ms})
  noCrash(r, 'sync-token')
  expect(s.exit, `sync-token exit code; stdout: ${r.stdout.slice(0, 600)}`).toContain(r.code)
  const doc = JSON.parse(r.stdout)
  await checkErrorDoc(doc, r.code, 'sync-token')
  if (s.code) expect(doc.error?.code).toBe(s.code)
  if (!doc.error) {
    expect(syncSchema(doc) ? [] : syncSchema.errors).toEqual([])
    expect(doc.applied).toBe(false)
  }
}

describe(`hostile corpus through the real CLI (${CASES.length} cases)`, () => {
  it('has at least 200 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200)
    expect(new Set(CASES.map((c) => `${c.family}/${c.name}`)).size).toBe(CASES.length)
  })

  it.concurrent.each(CASES.map((c) => [`${c.family}: ${c.name}`, c] as const))('%s', async (_n, c) => {
    const t = materialize(c.files, c.setup)
    try {
      const before = hashTree(t.root)
      const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: t.home, NO_COLOR: '1', ...c.env}
      if (c.doctor || !c.sync) await runDoctor(c, t.home, env)
      if (c.sync) await runSync(c, t.home, env)
      expect(hashTree(t.root), 'nothing may be written').toBe(before)
    } finally {
      t.cleanup()
    }
  })

  // The worker runs commands in-process; prove it matches real `node bin/run.js` runs.
  it('a spawned bin/run.js agrees with the in-process runner', {timeout: 60_000}, async () => {
    const sample = CASES.filter((_, i) => i % 23 === 0)
    for (const c of sample) {
      const t = materialize(c.files, c.setup)
      try {
        const env = {HOME: t.home, ...c.env}
        const argv = c.sync?.stdin !== undefined ? [
          'sync-token',
          '--dry-run',
          '--offline',
          '--json',
          '--token-stdin',
        ] : ['doctor', '--offline', '--json', ...(c.flags ?? [])]
        const spawned = await runCli(argv, {env, cwd: t.home, input: c.sync?.stdin, timeoutMs: 20_000})
        const inproc = await pool.run({argv, env: {PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env}, cwd: t.home, stdin: c.sync?.stdin})
        expect(spawned.code, c.name).toBe(inproc.code)
        expect(spawned.stdout, c.name).toBe(inproc.stdout)
        expect(spawned.stderr, c.name).not.toMatch(STACK)
      } finally {
        t.cleanup()
      }
    }
  })
})
