import deepDiff from 'deep-diff'
import JSON5 from 'json5'

import type {PlannedFile, Skipped} from '../fix/plan.js'
import {syncExitCode, type SyncOutcome} from '../app/sync-token.js'
import {EXIT} from '../model/errors.js'
import {renderRestartHuman, restartResult, type RestartResult} from './restart.js'
import {Secret} from '../model/secret.js'
import type {Finding} from '../model/finding.js'
import {formatPlace} from '../model/format-place.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'

export interface SyncTokenResult {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'sync-token'
  ok: boolean
  dryRun: boolean
  token: {length: number; sha256: string; origin: string}
  files: {path: string; kind: string; changes: {id: string; label: string; place: string}[]; backup?: string; realPath?: string}[]
  skipped: {id?: string; label: string; place?: string; reason: string}[]
  blockers: {id?: string; label: string; place?: string; reason: string}[]
  instructions: string[]
  /** After --generate --rotate: what still holds the old token (clawdoc cannot reach it). */
  checklist?: string[]
  applied: boolean
  rolledBack: boolean
  error?: string
  daemonReload?: {ran: boolean; ok?: boolean; reason?: string}
  notes: string[]
  /** About the value written (never a refusal): a weak token in use is adopted with a token.weak warning. */
  warnings?: {check: string; message: string}[]
  findingsAfter: {check: string; severity: string; message: string}[]
  /** With --restart: the restart's own result (schemas/restart-result.schema.json). */
  restart?: RestartResult
}

/**
 * Every value in a config diff is masked, whatever its type: an all-digit token is a number after
 * `clawdbot config set`, and a created `auth` object holds the token inside it.
 */
const mask = (v: unknown): string =>
  v === undefined ? 'undefined' : v !== null && typeof v === 'object' ? `{${Object.keys(v).join(', ')}: masked}` : new Secret(String(v)).mask()

/** Masked diff of one planned file: key paths for JSON5, changed lines for units and .env files. */
export function fileDiff(f: PlannedFile): string[] {
  if (f.kind === 'config') {
    const d = deepDiff.diff(JSON5.parse(f.before.toString('utf8')), JSON5.parse(f.after.toString('utf8'))) ?? []
    return d.map((e) => {
      const key = (e.path ?? []).join('.')
      if (e.kind === 'E') return `  ~ ${key}: ${mask(e.lhs)} -> ${mask(e.rhs)}`
      if (e.kind === 'N') return `  + ${key}: ${mask(e.rhs)}`
      return `  ! ${key}: ${e.kind}`
    })
  }
  const a = f.before.toString('utf8').split('\n')
  const b = f.after.toString('utf8').split('\n')
  const out: string[] = []
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue
    if (a[i] !== undefined) out.push(`  - ${i + 1}: ${maskLine(a[i])}`)
    if (b[i] !== undefined) out.push(`  + ${i + 1}: ${maskLine(b[i])}`)
  }
  return out
}

/** Replace the value of every `NAME=value` assignment with its mask (all assignments: we cannot tell which hold secrets). */
export function maskLine(line: string): string {
  // `Environment=NAME=value` (optionally quoted) keeps NAME visible; anything else `NAME=value`.
  // Only the `Environment=` prefix is peeled off: a value may itself contain `=` (base64 padding).
  return line.replace(
    /(Environment=)(["']?)([A-Za-z_][A-Za-z0-9_]*=)([^\s"']*)|([A-Za-z_][A-Za-z0-9_]*=)(["']?)([^\s"']*)/g,
    (_m, e?: string, eq?: string, ek?: string, ev?: string, k?: string, q?: string, v?: string) =>
      e !== undefined ? `${e}${eq}${ek}<${new Secret(ev ?? '').mask()}>` : `${k}${q}<${new Secret(v ?? '').mask()}>`,
  )
}

function skippedJson(s: Skipped) {
  return {id: s.id, label: s.label, place: s.place ? formatPlace(s.place) : undefined, reason: s.reason}
}

export function syncResult(o: SyncOutcome): SyncTokenResult {
  const written = new Map((o.apply?.written ?? []).map((w) => [w.path, w]))
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'sync-token',
    ok: syncExitCode(o) === EXIT.OK,
    dryRun: o.dryRun,
    token: {length: o.chosen.value.length, sha256: o.chosen.value.fingerprint, origin: o.chosen.origin},
    files: o.plan.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      changes: f.changes.map((c) => ({id: c.id, label: c.label, place: formatPlace(c.place)})),
      backup: written.get(f.path)?.backup,
      realPath: written.get(f.path)?.realPath,
    })),
    skipped: o.plan.skipped.map(skippedJson),
    blockers: o.plan.blockers.map(skippedJson),
    instructions: o.plan.instructions,
    applied: Boolean(o.apply && !o.apply.error),
    rolledBack: o.apply?.rolledBack ?? false,
    error: o.apply?.error,
    daemonReload: o.daemonReload,
    notes: [...o.chosen.notes, ...(o.apply?.notes ?? [])],
    ...(o.warnings.length ? {warnings: o.warnings} : {}),
    findingsAfter: o.findingsAfter.map((f: Finding) => ({check: f.check, severity: f.severity, message: f.message})),
    ...(o.checklist ? {checklist: o.checklist} : {}),
    ...(o.restart ? {restart: restartResult(o.restart)} : {}),
  }
}

/** Human text for the result (the diff is included for --dry-run and before a confirmation). */
export function renderSyncHuman(o: SyncOutcome, r: SyncTokenResult, withDiff: boolean, restarting = false): string {
  const text = renderSyncFiles(o, r, withDiff, restarting)
  return r.restart ? [text, '', renderRestartHuman(r.restart)].join('\n') : text
}

function renderSyncFiles(o: SyncOutcome, r: SyncTokenResult, withDiff: boolean, restarting: boolean): string {
  const out: string[] = [`Token: ${o.chosen.value.mask()} (${r.token.origin})`]
  for (const n of r.notes) out.push(`note: ${n}`)
  for (const w of r.warnings ?? []) out.push(`warning: ${w.message} [${w.check}]`)
  for (const f of o.plan.files) {
    out.push(`${f.path} (${f.changes.map((c) => c.label).join(', ')})`)
    if (withDiff) out.push(...fileDiff(f))
    const w = r.files.find((x) => x.path === f.path)
    if (w?.backup) out.push(`  backup: ${w.backup}`)
  }
  if (o.plan.files.length === 0 && r.blockers.length === 0) out.push('Every copy clawdoc can edit already has this token.')
  for (const s of r.skipped) out.push(`skipped ${s.label}${s.place ? ` at ${s.place}` : ''}: ${s.reason}`)
  for (const b of r.blockers) out.push(`cannot sync ${b.label}${b.place ? ` at ${b.place}` : ''}: ${b.reason}`)
  for (const i of r.instructions) out.push(`to do by hand: ${i}`)
  if (r.error) out.push(`Apply failed${r.rolledBack ? ' and every file was restored' : ''}: ${r.error}`)
  if (r.daemonReload) out.push(r.daemonReload.ok ? 'systemctl --user daemon-reload: done.' : `daemon-reload not done: ${r.daemonReload.reason}`)
  if (r.applied && !restarting) out.push('Run `clawdoc restart` so the running gateway picks up the new token.')
  for (const f of r.findingsAfter) out.push(`${f.severity}: ${f.message} [${f.check}]`)
  if (r.checklist?.length) {
    out.push('', `${r.dryRun ? 'After this rotation, h' : 'H'}and the new token to what clawdoc cannot reach (each still holds the old one):`)
    for (const c of r.checklist) out.push(`  [ ] ${c}`)
  }
  return out.join('\n')
}
