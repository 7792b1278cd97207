import type {Context} from '../sources/context.js'
import {ClawdocError, EXIT, errnoCode} from '../model/errors.js'
import type {Paths} from '../model/facts.js'
import {applyEdits, type ApplyResult, type FileEdit} from '../fix/apply.js'
import type {StepHook, WriteFs} from '../fix/atomic-write.js'
import type {FileKind} from '../fix/plan.js'
import {assertRegularFile} from '../sources/regular-file.js'
import {tokensHeld, type HeldToken} from '../sources/backups.js'
import {findBackups, type BackupSet} from './backups.js'
import {daemonReload, lockDirFor, type SyncOutcome} from './sync-token.js'

export interface RestoreOptions {
  paths: Paths
  /** A set id from `clawdoc backups` (or a unique prefix, or its ISO time); default: the newest set. */
  time?: string
  dryRun: boolean
  /** Asked only when there is something to write; resolves true to go ahead. */
  confirm: (files: RestoreFile[]) => Promise<boolean>
}

export interface RestoreDeps {
  fs?: WriteFs
  onStep?: StepHook
  daemonReload?: (ctx: Context) => Promise<NonNullable<SyncOutcome['daemonReload']>>
}

export interface RestoreFile {
  file: string
  kind: FileKind
  backup: string
  /** restore: the file differs from its backup; unchanged: it already holds the backup's bytes; missing: it is gone (not re-created). */
  status: 'restore' | 'unchanged' | 'missing'
  /** Tokens the file holds now, and those the backup holds. */
  from: HeldToken[]
  to: HeldToken[]
  edit?: FileEdit & {kind: FileKind}
}

export interface RestoreOutcome {
  set: {id: string; ms: number}
  files: RestoreFile[]
  apply?: ApplyResult
  daemonReload?: SyncOutcome['daemonReload']
  notes: string[]
}

/** The set `time` names: exact id, unique id prefix, or the ISO time `clawdoc backups` shows. */
export function pickSet(sets: BackupSet[], time: string | undefined): BackupSet {
  if (sets.length === 0) {
    throw new ClawdocError('BACKUP_NOT_FOUND', 'There are no clawdoc backups next to the files sync-token writes, so there is nothing to restore.', {
      hint: 'clawdoc backups lists them; check --profile, --config and --unit if you used them for the sync.',
    })
  }
  if (time === undefined) return sets[0]
  const t = time.trim()
  const iso = (ms: number): string => new Date(ms).toISOString()
  const exact = sets.filter((s) => s.id === t)
  const matches = exact.length > 0 ? exact : sets.filter((s) => s.id.startsWith(t) || iso(s.ms) === t || iso(s.ms).startsWith(t))
  if (matches.length === 1) return matches[0]
  if (matches.length === 0 || t === '') {
    throw new ClawdocError('BACKUP_NOT_FOUND', `No backup set matches "${t}".`, {hint: `Run clawdoc backups to see the sets; the newest is ${sets[0].id}.`})
  }
  throw new ClawdocError('USAGE', `"${t}" matches ${matches.length} backup sets (${matches.map((s) => s.id).join(', ')}).`, {hint: 'Give the whole set id.'})
}

async function readCurrent(ctx: Context, file: string): Promise<Buffer | undefined> {
  try {
    // A FIFO would block: refuse it like sync-token does.
    await assertRegularFile(ctx.fs, file)
    return (await ctx.fs.readFile(file)) as Buffer
  } catch (err) {
    const code = errnoCode(err)
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    if (code === undefined) throw err
    throw new ClawdocError(
      'APPLY_FAILED',
      `Cannot read ${file} (${code}); nothing was restored.`,
      {exitCode: EXIT.ERROR, hint: 'Fix that file\'s permissions, then run restore again.'},
    )
  }
}

/** Plan the restore of one set: each file's current bytes → the backup's bytes. Refuses a set with an unreadable backup. */
async function planRestore(ctx: Context, set: BackupSet): Promise<RestoreFile[]> {
  const out: RestoreFile[] = []
  for (const e of set.entries) {
    const b = e.backup
    let bytes: Buffer
    try {
      await assertRegularFile(ctx.fs, b.path)
      bytes = (await ctx.fs.readFile(b.path)) as Buffer
    } catch (err) {
      if (errnoCode(err) === undefined) throw err
      throw new ClawdocError(
        'BACKUP_NOT_FOUND',
        `Cannot read the backup ${b.path} (${errnoCode(err)}); nothing was restored.`,
        {hint: 'A set goes back whole or not at all: pick another set with clawdoc backups.'},
      )
    }
    const current = await readCurrent(ctx, b.file)
    const to = tokensHeld(b.kind, bytes.toString('utf8'), b.file).tokens
    const from = current ? tokensHeld(b.kind, current.toString('utf8'), b.file).tokens : []
    const status = current === undefined ? 'missing' : current.equals(bytes) ? 'unchanged' : 'restore'
    const f: RestoreFile = {file: b.file, kind: b.kind, backup: b.path, status, from, to}
    if (status === 'restore') f.edit = {path: b.file, before: current!, after: bytes, reason: `restore ${set.id}`, kind: b.kind}
    out.push(f)
  }
  return out
}

/** Find the set → plan → (confirm → apply with backups, lock and rollback → daemon-reload). */
export async function runRestore(ctx: Context, opts: RestoreOptions, deps: RestoreDeps = {}): Promise<RestoreOutcome> {
  const {sets} = await findBackups(ctx, opts.paths)
  const set = pickSet(sets, opts.time)
  const files = await planRestore(ctx, set)
  const out: RestoreOutcome = {set: {id: set.id, ms: set.ms}, files, notes: []}
  for (const f of files) if (f.status === 'missing') out.notes.push(`${f.file} no longer exists; clawdoc does not re-create it (copy ${f.backup} by hand if ` +
    `you want it back).`)
  const edits = files.flatMap((f) => (f.edit ? [f.edit] : []))
  if (edits.length === 0 || opts.dryRun) return out
  if (!(await opts.confirm(files))) throw new ClawdocError('NOT_CONFIRMED', 'Nothing was changed.')
  // The sync's own engine: backups of what is replaced (so a restore can be undone), the same lock, rollback.
  // The same lock as sync-token's, whichever files are still to write: a rerun after a crash takes the same lock.
  const lockDir = await lockDirFor(ctx, opts.paths)
  out.apply = await applyEdits(edits, {fs: deps.fs, now: ctx.now, lockDir, uid: ctx.uid, onStep: deps.onStep})
  if (out.apply.error) return out
  const written = new Set(out.apply.written.map((w) => w.path))
  if (edits.some((e) => e.kind === 'unit' && written.has(e.path))) out.daemonReload = await (deps.daemonReload ?? daemonReload)(ctx)
  return out
}

/** 0 restored (or nothing to do, or --dry-run); 3 the apply failed (files rolled back). */
export function restoreExitCode(o: RestoreOutcome): number {
  return o.apply?.error ? EXIT.FAILED : EXIT.OK
}
