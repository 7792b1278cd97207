import deepDiff from 'deep-diff'

import * as path from 'node:path'

import type {PlannedFile, Skipped, TokenPlan} from '../fix/plan.js'
import {syncExitCode, type SyncOutcome} from '../app/sync-token.js'
import {EXIT} from '../model/errors.js'
import {json5, parseConfigText} from '../formats/json5/parse.js'
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
  /** With --migrate-legacy-names: each legacy name renamed (or cut, when the new name was already assigned there). */
  renames?: {file: string; line: number; from: string; to: string; action: 'renamed' | 'removed'}[]
  /** With --migrate-legacy-names: each legacy unit stopped and disabled (planned; `ok` once it ran). */
  unitStops?: {unit: string; action: 'stop-and-disable'; reason: string; undo: string; ok?: boolean; error?: string}[]
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

/** A planned config as the product reads it: the JSON5 fast path; the json5 package only when that refuses it. */
function parseConfig(b: Buffer): unknown {
  const text = b.toString('utf8')
  const r = parseConfigText(text)
  return r.ok ? r.value : json5().parse(text)
}

/** Masked diff of one planned file: key paths for JSON5, changed lines for units and .env files. */
export function fileDiff(f: PlannedFile): string[] {
  if (f.kind === 'config') {
    const d = deepDiff.diff(parseConfig(f.before), parseConfig(f.after)) ?? []
    return d.map((e) => {
      const key = (e.path ?? []).join('.')
      if (e.kind === 'E') return `  ~ ${key}: ${mask(e.lhs)} -> ${mask(e.rhs)}`
      if (e.kind === 'N') return `  + ${key}: ${mask(e.rhs)}`
      return `  ! ${key}: ${e.kind}`
    })
  }
  return lineDiff(f.before.toString('utf8'), f.after.toString('utf8'))
}

/** Line i of `before` against line i of `after`; only the lines around the edit are split (a big .env is one edit). */
function lineDiff(before: string, after: string): string[] {
  const n = Math.min(before.length, after.length)
  // Equal blocks are skipped by native string comparison (a cold charCodeAt loop over 10 000 lines is slow).
  const BLOCK = 1024
  let p = 0
  while (p + BLOCK <= n && before.slice(p, p + BLOCK) === after.slice(p, p + BLOCK)) p += BLOCK
  while (p < n && before.charCodeAt(p) === after.charCodeAt(p)) p++
  let s = 0
  const blockBefore = (t: string, k: number): string => t.slice(t.length - k - BLOCK, t.length - k)
  while (s + BLOCK <= n - p && blockBefore(before, s) === blockBefore(after, s)) s += BLOCK
  while (s < n - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++
  // The middle runs from the start of the first differing line to the first line break in the common suffix.
  const start = p === 0 ? 0 : before.lastIndexOf('\n', p - 1) + 1
  const endOf = (t: string): number => {
    const e = t.indexOf('\n', t.length - s)
    return e < 0 ? t.length : e
  }
  let a = before.slice(start, endOf(before)).split('\n')
  let b = after.slice(start, endOf(after)).split('\n')
  let first = 0
  for (let i = before.indexOf('\n'); i >= 0 && i < start; i = before.indexOf('\n', i + 1)) first++
  if (a.length !== b.length) {
    // Lines were added or removed: the suffixes no longer line up, compare whole files.
    ;[a, b, first] = [before.split('\n'), after.split('\n'), 0]
  }
  const out: string[] = []
  if (a.length !== b.length) return blockDiff(a, b)
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    out.push(`  - ${first + i + 1}: ${maskLine(a[i])}`, `  + ${first + i + 1}: ${maskLine(b[i])}`)
  }
  return out
}

/** Lines were cut (--migrate-legacy-names): the changed block between the common head and tail, each side with its own numbers. */
function blockDiff(a: string[], b: string[]): string[] {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  return [
    ...a.slice(head, a.length - tail).map((l, i) => `  - ${head + i + 1}: ${maskLine(l)}`),
    ...b.slice(head, b.length - tail).map((l, i) => `  + ${head + i + 1}: ${maskLine(l)}`),
  ]
}

/** The preview of --migrate-legacy-names for one file: each name and line (never a value). */
export function renameLines(plan: TokenPlan, file: string): string[] {
  return (plan.renames ?? [])
    .filter((r) => r.file === file)
    .map((r) =>
      r.action === 'renamed'
        ? `  rename ${path.basename(file)}:${r.line} ${r.from} -> ${r.to}`
        : `  remove ${path.basename(file)}:${r.line} ${r.from} (${r.to} is already assigned in this file; the legacy line goes, the value of ${r.to} stays)`,
    )
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

function unitStopsJson(o: SyncOutcome): NonNullable<SyncTokenResult['unitStops']> {
  return (o.plan.unitStops ?? []).map((p) => {
    const done = o.unitStops?.find((u) => u.unit === p.unit)
    return {unit: p.unit, action: 'stop-and-disable' as const, reason: p.reason, undo: p.undo,
      ...(done ? {ok: done.ok} : {}), ...(done?.error ? {error: done.error} : {})}
  })
}

/** The preview line of a legacy unit that --migrate-legacy-names stops and disables. */
export function unitStopLine(u: {unit: string; reason: string; undo: string}): string {
  return `stop and disable ${u.unit} (${u.reason}); undo: ${u.undo}`
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
    ...(o.plan.renames ? {renames: o.plan.renames.map((r) => ({file: r.file, line: r.line, from: r.from, to: r.to, action: r.action}))} : {}),
    ...(o.plan.unitStops ? {unitStops: unitStopsJson(o)} : {}),
    skipped: o.plan.skipped.map(skippedJson),
    blockers: o.plan.blockers.map(skippedJson),
    instructions: o.plan.instructions,
    applied: Boolean(o.apply && !o.apply.error),
    rolledBack: o.apply?.rolledBack ?? false,
    error: o.apply?.error,
    daemonReload: o.daemonReload,
    notes: [...o.chosen.notes, ...o.notes, ...(o.apply?.notes ?? [])],
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
    out.push(`${f.path} (${[...f.changes.map((c) => c.label), ...(f.changes.length === 0 ? [f.reason] : [])].join(', ')})`)
    out.push(...renameLines(o.plan, f.path))
    if (withDiff) out.push(...fileDiff(f))
    const w = r.files.find((x) => x.path === f.path)
    if (w?.backup) out.push(`  backup: ${w.backup}`)
  }
  if (o.plan.files.length === 0 && r.blockers.length === 0) out.push('Every copy clawdoc can edit already has this token.')
  for (const u of r.unitStops ?? []) {
    out.push(`${u.ok === undefined ? '' : u.ok ? 'done: ' : 'FAILED: '}${unitStopLine(u)}`)
    if (u.error) out.push(`  ${u.error}`)
  }
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
