import * as path from 'node:path'

import {ClawdocError} from '../model/errors.js'
import {legacyUnitActivity} from '../model/legacy-units.js'
import type {Facts} from '../model/facts.js'
import {profileOf, type ReleaseProfile} from '../model/profiles/index.js'
import type {RenameChange, Renamer} from '../formats/rename.js'
import type {FileKind, PlannedFile, PlannedRename, PlannedUnitStop, Skipped, TokenPlan} from './plan.js'

// `sync-token --migrate-legacy-names` (issue 12 item 4): rename CLAWDBOT_* / MOLTBOT_* assignments to the release's
// prefix in the unit in play, its drop-ins, its EnvironmentFile= files and the .env files the release reads. Pure:
// the command reads the bytes, this decides the new ones, apply.ts writes them with the token edits.

/** One renamed (or cut) assignment, for the preview and the JSON result. No value, ever. */
/** The grammar-specific renamers (injected, as the token editors are). */
export type RenameEditors = Record<Exclude<FileKind, 'config'>, (text: string, rename: Renamer) => {text: string; changes: RenameChange[]}>

export interface LegacyRenamePlan {
  /** The renamed bytes of every file that changes. */
  after: Map<string, Buffer>
  kinds: Map<string, Exclude<FileKind, 'config'>>
  renames: PlannedRename[]
  blockers: Skipped[]
  notes: string[]
}

/** `CLAWDBOT_X` → `OPENCLAW_X` for every legacy prefix of the release (read or not: the release reads its own first). */
export function legacyRenamer(profile: ReleaseProfile): Renamer | undefined {
  const prefixes = profile.names.legacyPrefixes.map((l) => l.prefix).filter((p) => p !== profile.names.envPrefix)
  if (prefixes.length === 0) return undefined
  return (name) => {
    const p = prefixes.find((x) => name.startsWith(x) && name.length > x.length)
    return p === undefined ? undefined : profile.names.envPrefix + name.slice(p.length)
  }
}

/** The files the rename looks at: the unit in play and its drop-ins, its env files, the .env files the release reads. */
export function renameTargets(facts: Facts, profile: ReleaseProfile): {path: string; kind: Exclude<FileKind, 'config'>}[] {
  const out: {path: string; kind: Exclude<FileKind, 'config'>}[] = []
  if (facts.unit.status === 'ok') for (const f of [facts.unit.path, ...facts.unit.dropIns]) out.push({path: f, kind: 'unit'})
  for (const f of facts.unit.envFiles) if (f.status === 'ok') out.push({path: f.path, kind: 'env-file'})
  const reads = new Set(profile.names.envFiles)
  if (reads.has('$STATE_DIR/.env') && facts.env.stateDirDotenv.status === 'ok') out.push({path: facts.env.stateDirDotenv.path, kind: 'dotenv'})
  if (reads.has('./.env') && facts.env.cwdDotenv.status === 'ok') out.push({path: facts.env.cwdDotenv.path, kind: 'dotenv'})
  return out.filter((t, i) => out.findIndex((o) => o.path === t.path) === i)
}

export function planLegacyRename(facts: Facts, files: ReadonlyMap<string, Buffer>, editors: RenameEditors): LegacyRenamePlan {
  const profile = profileOf(facts)
  const plan: LegacyRenamePlan = {after: new Map(), kinds: new Map(), renames: [], blockers: [], notes: []}
  const rename = legacyRenamer(profile)
  if (!rename) {
    plan.notes.push(`--migrate-legacy-names: ${profile.product} (profile ${profile.id}) has no legacy variable names; nothing to rename.`)
    return plan
  }
  for (const t of renameTargets(facts, profile)) {
    const before = files.get(t.path)
    if (!before) continue
    try {
      const r = editors[t.kind](before.toString('utf8'), rename)
      if (r.changes.length === 0) continue
      plan.after.set(t.path, Buffer.from(r.text, 'utf8'))
      plan.kinds.set(t.path, t.kind)
      plan.renames.push(...r.changes.map((c) => ({file: t.path, ...c})))
    } catch (err) {
      if (!(err instanceof ClawdocError)) throw err
      const place = {kind: t.kind, file: t.path} as const
      plan.blockers.push({label: path.basename(t.path), place, reason: `${t.path}: ${err.message}`})
    }
  }
  if (plan.renames.length === 0 && plan.blockers.length === 0) {
    plan.notes.push(`--migrate-legacy-names: no ${profile.names.legacyPrefixes.map((l) => `${l.prefix}*`).join(' or ')} assignment in the unit, its ` +
      'drop-ins or env files.')
  }
  return plan
}

/**
 * One plan for one apply: the token plan was made on the renamed bytes (so it judged the setup as it will be); each
 * file's `before` goes back to what is on disk, and a file only renamed joins the plan.
 */
export function mergeRenames(plan: TokenPlan, renamed: LegacyRenamePlan, disk: ReadonlyMap<string, Buffer>): TokenPlan {
  const files: PlannedFile[] = plan.files.map((f) => (renamed.after.has(f.path) ? {...f, before: disk.get(f.path)!} : f))
  for (const [file, after] of renamed.after) {
    if (files.some((f) => f.path === file)) continue
    files.push({path: file, before: disk.get(file)!, after, kind: renamed.kinds.get(file)!, changes: [], reason: 'legacy names renamed'})
  }
  const needsDaemonReload = plan.needsDaemonReload || [...renamed.kinds.values()].includes('unit')
  return {...plan, files, renames: renamed.renames, blockers: [...renamed.blockers, ...plan.blockers], needsDaemonReload}
}

/** A legacy unit of the release that --migrate-legacy-names stops and disables (through systemd, never by pid or name). */
/**
 * The legacy units (profile names.legacyUnitNames, as facts.legacyUnits read them) that run or are enabled beside the
 * unit in play: two gateways, one port. Each is stopped and disabled after the files are written, before the restart.
 */
export function planLegacyUnitStops(facts: Facts): PlannedUnitStop[] {
  const lu = facts.legacyUnits
  if (!lu || lu.status !== 'ok') return []
  const own = facts.unit.name
  return lu.units.flatMap((u) => {
    const {running, enabled} = legacyUnitActivity(u)
    if (!running && !enabled) return []
    const holds = facts.port.listeners.some((l) => l.legacyUnit === u.unit)
    const reason = holds
      ? `holds port ${facts.port.port}`
      : running
        ? `running${u.mainPid ? ` (pid ${u.mainPid})` : ''} beside ${own}`
        : `enabled beside ${own}`
    return [{unit: u.unit, reason, undo: `systemctl --user enable --now ${u.unit}`}]
  })
}
