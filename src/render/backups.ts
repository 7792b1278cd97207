import type {BackupEntry, BackupsOutcome} from '../app/backups.js'
import type {RestoreFile, RestoreOutcome} from '../app/restore.js'
import type {HeldToken} from '../sources/backups.js'
import {fileDiff} from './sync.js'

export interface HeldTokenJson {
  label: string
  length?: number
  sha256?: string
  /** A `${VAR}` template (literal text around references shown as `…`). */
  template?: string
}

export interface BackupsResult {
  schemaVersion: 1
  command: 'backups'
  ok: boolean
  files: {path: string; kind: string; backups: {id: string; time: string; path: string; legacy: boolean; tokens: HeldTokenJson[]; problem?: string}[]}[]
  /** Newest first: what `clawdoc restore ID` accepts. */
  sets: {id: string; time: string; files: string[]}[]
  prune?: {keep: number; dryRun: boolean; applied: boolean; remove: string[]; removed: string[]; error?: string; notes: string[]}
}

export interface RestoreResult {
  schemaVersion: 1
  command: 'restore'
  ok: boolean
  dryRun: boolean
  set: {id: string; time: string}
  files: {path: string; kind: string; backup: string; status: RestoreFile['status']; from: HeldTokenJson[]; to: HeldTokenJson[]}[]
  applied: boolean
  rolledBack: boolean
  error?: string
  /** The set holding what this restore replaced: `clawdoc restore <it>` undoes the restore. */
  undoSet?: string
  daemonReload?: {ran: boolean; ok?: boolean; reason?: string}
  notes: string[]
}

const iso = (ms: number): string => new Date(ms).toISOString()

export function heldJson(t: HeldToken): HeldTokenJson {
  return t.value ? {label: t.label, length: t.value.length, sha256: t.value.fingerprint} : {label: t.label, template: t.template}
}

const heldText = (t: HeldToken | undefined): string => (t === undefined ? 'none' : t.value ? t.value.mask() : `template ${t.template}`)

function tokensText(e: BackupEntry): string {
  if (e.problem) return `tokens unknown: ${e.problem}`
  return e.tokens.length === 0 ? 'no token' : e.tokens.map((t) => `${t.label} ${heldText(t)}`).join('; ')
}

export function backupsResult(o: BackupsOutcome, dryRun: boolean): BackupsResult {
  const r: BackupsResult = {
    schemaVersion: 1,
    command: 'backups',
    ok: !o.prune?.error,
    files: o.catalog.files.map((f) => ({
      path: f.file,
      kind: f.kind,
      backups: f.entries.map((e) => ({
        id: e.backup.id,
        time: iso(e.backup.ms),
        path: e.backup.path,
        legacy: e.backup.legacy,
        tokens: e.tokens.map(heldJson),
        ...(e.problem ? {problem: e.problem} : {})
      })),
    })),
    sets: o.catalog.sets.map((s) => ({id: s.id, time: iso(s.ms), files: s.entries.map((e) => e.backup.file)})),
  }
  if (o.prune) {
    const p = o.prune
    r.prune = {
      keep: p.keep,
      dryRun,
      applied: p.applied,
      remove: p.remove.map((e) => e.backup.path),
      removed: p.removed,
      notes: p.notes,
      ...(p.error ? {error: p.error} : {})
    }
  }
  return r
}

export function renderBackupsHuman(o: BackupsOutcome, dryRun: boolean): string {
  const out: string[] = []
  if (o.catalog.files.length === 0) out.push('No clawdoc backups next to the files sync-token writes.')
  for (const f of o.catalog.files) {
    out.push(`${f.file} (${f.kind})`)
    for (const e of [...f.entries].reverse()) out.push(`  ${iso(e.backup.ms)}  ${e.backup.id}  ${tokensText(e)}`)
  }
  if (o.catalog.sets.length > 0) out.push('', `Newest set: ${o.catalog.sets[0].id}. Put a set back with \`clawdoc restore ID\` (--dry-run first).`)
  const p = o.prune
  if (p) {
    out.push('')
    if (p.remove.length === 0) out.push(`Nothing to prune: no file has more than ${p.keep} backup(s).`)
    else {
      out.push(`${p.applied ? 'Removed' : 'Would remove'} ${p.remove.length} backup(s), keeping the newest ${p.keep} of each file:`)
      for (const e of p.remove) out.push(`  ${e.backup.path}`)
      if (dryRun) out.push('Run again with --yes to remove them.')
    }
    for (const n of p.notes) out.push(`note: ${n}`)
    if (p.error) out.push(`Prune stopped: ${p.error}`)
  }
  return out.join('\n')
}

/** The masked preview of one file: token copies before → after, and the masked diff. */
export function restorePreview(f: RestoreFile, withDiff: boolean): string[] {
  if (f.status !== 'restore') return [`${f.file}: ${f.status === 'unchanged' ? 'already holds the backup' : 'gone; not re-created'}`]
  const labels = [...new Set([...f.from, ...f.to].map((t) => t.label))]
  const out = [`${f.file} (${f.kind}) <- ${f.backup}`]
  for (const l of labels) out.push(`  ${l}: ${heldText(f.from.find((t) => t.label === l))} -> ${heldText(f.to.find((t) => t.label === l))}`)
  if (withDiff && f.edit) {
    try {
      out.push(...fileDiff({...f.edit, changes: []}))
    } catch (err) {
      // fileDiff parses a config as JSON5: an unparsable side has no key diff, only the token lines above.
      if (!(err instanceof SyntaxError)) throw err
      out.push('  (one side is not valid JSON5: the whole file is replaced)')
    }
  }
  return out
}

export function restoreResult(o: RestoreOutcome, dryRun: boolean): RestoreResult {
  const applied = Boolean(o.apply && !o.apply.error)
  return {
    schemaVersion: 1,
    command: 'restore',
    ok: !o.apply?.error,
    dryRun,
    set: {id: o.set.id, time: iso(o.set.ms)},
    files: o.files.map((f) => ({path: f.file, kind: f.kind, backup: f.backup, status: f.status, from: f.from.map(heldJson), to: f.to.map(heldJson)})),
    applied,
    rolledBack: o.apply?.rolledBack ?? false,
    ...(o.apply?.error ? {error: o.apply.error} : {}),
    ...(applied && o.apply?.backupSet ? {undoSet: o.apply.backupSet} : {}),
    ...(o.daemonReload ? {daemonReload: o.daemonReload} : {}),
    notes: [...o.notes, ...(o.apply?.notes ?? [])],
  }
}

export function renderRestoreHuman(o: RestoreOutcome, r: RestoreResult, withDiff: boolean): string {
  const out = [`Backup set ${r.set.id} (${r.set.time}):`]
  for (const f of o.files) out.push(...restorePreview(f, withDiff))
  for (const n of r.notes) out.push(`note: ${n}`)
  const n = o.files.filter((f) => f.status === 'restore').length
  if (n === 0) out.push('Every file already holds this set: nothing to restore.')
  else if (r.dryRun) out.push(`Would restore ${n} file(s). Run again with --yes to do it.`)
  if (r.error) out.push(`Restore failed${r.rolledBack ? ' and every file was put back as it was' : ''}: ${r.error}`)
  if (r.applied) {
    out.push(`Restored ${o.apply?.written.length ?? 0} ` +
      `file(s).${r.undoSet ? ` What they held before is set ${r.undoSet}: \`clawdoc restore ${r.undoSet}\` undoes this.` : ''}`)
    if (r.daemonReload) out.push(r.daemonReload.ok ? 'systemctl --user daemon-reload: done.' : `daemon-reload not done: ${r.daemonReload.reason}`)
    out.push('Run `clawdoc restart` so the running gateway picks up the restored token.')
  }
  return out.join('\n')
}
