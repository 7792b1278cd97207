import * as path from 'node:path'

import type {Context} from '../sources/context.js'
import {ClawdocError, EXIT, errnoCode} from '../model/errors.js'
import type {Paths} from '../model/facts.js'
import {nodeWriteFs, pidAlive, type WriteFs} from '../fix/atomic-write.js'
import {acquireLock} from '../fix/lock.js'
import {filesWithKinds} from '../fix/plan.js'
import {listBackups, readBackup, type BackupFile, type HeldToken} from '../sources/backups.js'
import {gatherFacts} from '../sources/gather.js'
import {names} from '../model/profiles/names.js'
import {lockDirFor} from './sync-token.js'

export interface BackupEntry {
  backup: BackupFile
  tokens: HeldToken[]
  /** Why its tokens are unknown (unreadable, not valid in its grammar), one sentence, no secret. */
  problem?: string
}

/** Backups of one run, across files: what `clawdoc restore ID` puts back. */
export interface BackupSet {
  id: string
  ms: number
  entries: BackupEntry[]
}

export interface BackupCatalog {
  /** Newest set first. */
  sets: BackupSet[]
  /** Every file clawdoc may write, with its backups (oldest first). */
  files: {file: string; kind: BackupFile['kind']; entries: BackupEntry[]}[]
}

export interface BackupsOptions {
  paths: Paths
  /** Keep the newest N backups of each file and remove the others. */
  prune?: number
  dryRun: boolean
  /** Asked only when there is something to remove; resolves true to go ahead. */
  confirm: (remove: BackupEntry[]) => Promise<boolean>
}

export interface BackupsDeps {
  fs?: WriteFs
  pid?: number
  isAlive?: (pid: number) => boolean
}

export interface BackupsOutcome {
  catalog: BackupCatalog
  prune?: {keep: number; remove: BackupEntry[]; removed: string[]; applied: boolean; error?: string; notes: string[]}
}

/** Every backup next to the files sync-token writes (and files that are gone since), with the tokens each holds. */
export async function findBackups(ctx: Context, paths: Paths): Promise<BackupCatalog> {
  const facts = await gatherFacts(ctx, {paths, live: false, probe: false})
  const files = filesWithKinds(facts)
  // A .env that is gone since the sync may still have backups.
  for (const d of [facts.env.cwdDotenv, facts.env.stateDirDotenv]) if (!files.some((f) => f.path === d.path)) files.push({path: d.path, kind: 'dotenv'})
  const entries: BackupEntry[] = []
  for (const b of await listBackups(ctx.fs, files)) {
    const r = await readBackup(ctx.fs, b, names(facts))
    entries.push({backup: b, tokens: r.tokens, problem: r.problem})
  }
  const sets = new Map<string, BackupSet>()
  for (const e of entries) {
    const s = sets.get(e.backup.id) ?? {id: e.backup.id, ms: e.backup.ms, entries: []}
    s.entries.push(e)
    sets.set(e.backup.id, s)
  }
  return {
    sets: [...sets.values()].reverse(),
    files: files.map((f) => ({file: f.path, kind: f.kind, entries: entries.filter((e) => e.backup.file === f.path)})).filter((f) => f.entries.length > 0),
  }
}

/** List, and with `prune`, remove all but the newest N backups of each file (under the sync lock). */
export async function runBackups(ctx: Context, opts: BackupsOptions, deps: BackupsDeps = {}): Promise<BackupsOutcome> {
  const catalog = await findBackups(ctx, opts.paths)
  const out: BackupsOutcome = {catalog}
  if (opts.prune === undefined) return out
  if (!Number.isInteger(opts.prune) || opts.prune < 0) throw new ClawdocError(
    'USAGE',
    `--prune needs a whole number of backups to keep (0 or more), not ${opts.prune}.`,
  )
  const remove = catalog.files.flatMap((f) => f.entries.slice(0, Math.max(0, f.entries.length - opts.prune!)))
  const prune: NonNullable<BackupsOutcome['prune']> = {keep: opts.prune, remove, removed: [], applied: false, notes: []}
  out.prune = prune
  if (remove.length === 0 || opts.dryRun) return out
  if (!(await opts.confirm(remove))) throw new ClawdocError('NOT_CONFIRMED', 'Nothing was removed.')
  const fs = deps.fs ?? nodeWriteFs
  const pid = deps.pid ?? process.pid
  const lock = await acquireLock(
    fs,
    await lockDirFor(ctx, opts.paths),
    {pid, now: ctx.now, isAlive: deps.isAlive ?? pidAlive},
  )
  prune.notes.push(...lock.notes)
  try {
    for (const e of remove) {
      try {
        await fs.unlink(e.backup.path)
        prune.removed.push(e.backup.path)
      } catch (err) {
        // Removed meanwhile (another prune): that is what was asked.
        if (errnoCode(err) === 'ENOENT') continue
        prune.error = `Could not remove ${path.basename(e.backup.path)} (${errnoCode(err) ?? 'error'}); ${prune.removed.length} backup(s) were removed ` +
          `before it.`
        break
      }
    }
  } finally {
    await lock.release()
  }
  prune.applied = !prune.error
  return out
}

/** 0 listed or pruned; 3 a removal failed. */
export function backupsExitCode(o: BackupsOutcome): number {
  return o.prune?.error ? EXIT.FAILED : EXIT.OK
}
