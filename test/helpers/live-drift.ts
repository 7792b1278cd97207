import {createHash} from 'node:crypto'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'

import {expect} from 'vitest'

import {runCli, schemaErrors, type CliResult} from './cli.js'
import type {UserManager} from './user-manager.js'

/**
 * What the live drift suites share (test/interop/live-drift.test.ts on clawdbot, live-drift-openclaw.test.ts on
 * openclaw): fake tokens, private files, systemctl against the contained manager, and the three clawdoc actors
 * (`doctor --json`, `sync-token --yes --restart --json`) with their schema and no-token-in-output checks.
 */

/** 48 hex like the products' tokens, derived from a label: obviously fake, yet not "weak" to doctor. */
export const fakeToken = (label: string) => createHash('sha256').update(`clawdoc-live-drift-${label}`).digest('hex').slice(0, 48)

export async function writePrivate(file: string, text: string): Promise<void> {
  await fsp.mkdir(path.dirname(file), {recursive: true, mode: 0o700})
  await fsp.writeFile(`${file}.tmp`, text, {mode: 0o600})
  await fsp.rename(`${file}.tmp`, file)
}

export async function systemctlOk(um: UserManager, ...args: string[]): Promise<void> {
  const r = await um.systemctl(...args)
  expect(r.code, `systemctl --user ${args.join(' ')}: ${r.stderr}`).toBe(0)
}

/** Poll `ready` until it gives true; on timeout throw with `why()` (e.g. the gateway's output tail). */
export async function waitUntil(ready: () => Promise<boolean>, ms: number, why: () => Promise<string>): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await ready()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(await why())
}

export type Shell = Record<string, string>

/** Where a command runs: the gateway's machine (the contained manager's HOME and bus), or another one (its own HOME, no bus). */
export interface Machine {
  home: string
  env: Record<string, string>
}

export interface Doctor {
  code: number | null
  doc: {
    nextStep?: string
    checks: {id: string; status: string; findings: {severity: string; message: string}[]}[]
    probe?: {status: string; results: {copies: string[]; outcome: string}[]}
  }
  /** The check's status (error, warning, pass, ...). */
  status(id: string): string | undefined
  /** The probe outcome of the value held by this copy id. */
  probe(copy: string): string | undefined
  /** Every error/warning finding as [check id, message]. */
  bad(): [string, string][]
  /** The ids of the checks at error. */
  errors(): string[]
}

export interface Sync {
  code: number | null
  doc: {
    ok: boolean
    files: {path: string}[]
    instructions: string[]
    restart?: {ok: boolean; outcome: string}
    findingsAfter: {check: string}[]
    warnings?: {check: string; message: string}[]
  }
}

export interface ClawdocActors {
  /** Every clawdoc run so far (for the file's hygiene test). */
  outputs: {what: string; r: CliResult}[]
  clawdoc(what: string, args: string[], shell: Shell, o?: {machine?: Machine; input?: string}): Promise<CliResult>
  doctor(shell: Shell, o?: {machine?: Machine; args?: string[]}): Promise<Doctor>
  syncToken(shell: Shell, extra?: string[], o?: {machine?: Machine; input?: string}): Promise<Sync>
}

/**
 * clawdoc as the user of `um` runs it (HOME and XDG_RUNTIME_DIR of the manager) or on another `machine`, plus the
 * shell's variables.
 * `secrets`: every token value of the suite; no clawdoc output may hold one.
 */
export function clawdocActors(um: () => UserManager, secrets: string[]): ClawdocActors {
  const outputs: ClawdocActors['outputs'] = []
  const clawdoc: ClawdocActors['clawdoc'] = async (what, args, shell, o = {}) => {
    const m = o.machine ?? {home: um().home, env: um().env}
    const r = await runCli(args, {env: {...m.env, ...shell}, cwd: m.home, timeoutMs: 90_000, input: o.input})
    outputs.push({what, r})
    for (const t of secrets) expect(r.stdout.includes(t) || r.stderr.includes(t), `${what} printed a token value`).toBe(false)
    return r
  }
  return {
    outputs,
    clawdoc,
    async doctor(shell, o = {}) {
      const r = await clawdoc('doctor --json', ['doctor', '--json', ...(o.args ?? [])], shell, o)
      const doc = JSON.parse(r.stdout) as Doctor['doc']
      expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
      return {
        code: r.code,
        doc,
        status: (id) => doc.checks.find((c) => c.id === id)?.status,
        probe: (copy) => doc.probe?.results.find((x) => x.copies.includes(copy))?.outcome,
        bad: () => doc.checks.flatMap((c) => c.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f): [string, string] => [
          c.id,
          f.message,
        ])),
        errors: () => doc.checks.filter((c) => c.status === 'error').map((c) => c.id),
      }
    },
    async syncToken(shell, extra = [], o = {}) {
      const r = await clawdoc(`sync-token --yes --restart ${extra.join(' ')}`, ['sync-token', '--yes', '--restart', '--json', ...extra], shell, o)
      let doc: Sync['doc']
      try {
        doc = JSON.parse(r.stdout) as Sync['doc']
      } catch {
        throw new Error(`sync-token ${extra.join(' ')} gave no JSON (code ${r.code}): ${r.stderr.slice(0, 1500)}`)
      }
      expect(await schemaErrors('sync-token-result.schema.json', doc)).toEqual([])
      if (doc.restart) expect(await schemaErrors('restart-result.schema.json', doc.restart)).toEqual([])
      return {code: r.code, doc}
    },
  }
}
