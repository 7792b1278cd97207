import type {RenameChange} from '../formats/rename.js'
import {installCommand, profileOf} from '../model/profiles/index.js'
import * as path from 'node:path'

import {ClawdocError} from '../model/errors.js'
import type {Secret} from '../model/secret.js'
import {locateValue} from '../formats/json5/locate.js'
import {placesHolding, type CopyId, type TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {Place} from '../model/place.js'
import type {FileEdit} from './apply.js'

export type FileKind = 'config' | 'unit' | 'env-file' | 'dotenv'

/** The writers the plan uses (injected: pure text → text, throw ClawdocError when they cannot). */
export interface Editors {
  json(text: string, keyPath: string[], value: Secret, opts: {create?: boolean; replaceNonString?: boolean}): string
  assignment(text: string, at: {line: number; variable: string; value: Secret}, kind: Exclude<FileKind, 'config'>): string
}

export interface PlannedChange {
  id: CopyId
  label: string
  place: Place
  /** The value replaced (undefined when the key is created). */
  from?: Secret
}

export interface PlannedFile extends FileEdit {
  kind: FileKind
  changes: PlannedChange[]
}

export interface Skipped {
  id?: CopyId
  label: string
  place?: Place
  /** One sentence, no secret. */
  reason: string
}

/** One legacy name renamed (or its line cut) by --migrate-legacy-names (fix/legacy-names.ts), in a file of the plan. */
export interface PlannedRename extends RenameChange {
  file: string
}

/** A legacy gateway unit --migrate-legacy-names stops and disables (fix/legacy-names.ts planLegacyUnitStops). */
export interface PlannedUnitStop {
  unit: string
  /** Why, in a few words: "holds port 18789", "running beside openclaw-gateway.service", "enabled beside …". */
  reason: string
  /** The command that undoes it. */
  undo: string
}

export interface TokenPlan {
  value: Secret
  files: PlannedFile[]
  /** Copies left alone, and why. */
  skipped: Skipped[]
  /** Copies clawdoc must not edit and that keep the setup broken: nothing is written while there are any. */
  blockers: Skipped[]
  /** What the user must do by hand (the shell env), never with the value. */
  instructions: string[]
  needsDaemonReload: boolean
  /** With --migrate-legacy-names: every legacy name renamed (or cut), file and line (fix/legacy-names.ts). */
  renames?: PlannedRename[]
  /** With --migrate-legacy-names: the legacy units to stop and disable (fix/legacy-names.ts planLegacyUnitStops). */
  unitStops?: PlannedUnitStop[]
}

interface Op {
  file: string
  kind: FileKind
  change: PlannedChange
  edit: (text: string) => string
}

/** The token variable the release in play reads (its profile's tokenVar): the name sync-token writes and talks about. */
function tokenVar(facts: Facts): string {
  return profileOf(facts).names.tokenVar
}

/** Every file the plan may need to read (config and includes, unit and drop-ins, env files, dotenvs), with its grammar. */
export function filesWithKinds(facts: Facts): {path: string; kind: FileKind}[] {
  const out = new Map<string, FileKind>()
  const add = (p: string, kind: FileKind): void => {
    if (!out.has(p)) out.set(p, kind)
  }
  for (const f of [...facts.config.files, facts.config.path]) add(f, 'config')
  for (const f of [facts.unit.path, ...facts.unit.dropIns]) add(f, 'unit')
  for (const f of facts.unit.envFiles) add(f.path, 'env-file')
  for (const d of [facts.env.cwdDotenv, facts.env.stateDirDotenv]) if (d.status === 'ok') add(d.path, 'dotenv')
  return [...out].map(([p, kind]) => ({path: p, kind}))
}

export function filesToRead(facts: Facts): string[] {
  return filesWithKinds(facts).map((f) => f.path)
}

/**
 * In an `$include`d file the key path is a suffix of the merged one (an include merges into the
 * object where it is written): take the longest suffix that the file holds.
 */
export function localKeyPath(text: string, file: string, rootFile: string, keyPath: string[]): string[] {
  if (file === rootFile) return keyPath
  for (let i = 0; i < keyPath.length; i++) {
    const suffix = keyPath.slice(i)
    if (locateValue(text, suffix)) return suffix
  }
  return keyPath
}

/** Plan every edit before anything is touched. Pure: `files` holds the bytes the command read. */
export function planTokenSync(facts: Facts, value: Secret, files: ReadonlyMap<string, Buffer>, editors: Editors): TokenPlan {
  const plan: TokenPlan = {value, files: [], skipped: [], blockers: [], instructions: [], needsDaemonReload: false}
  const ops: Op[] = [...configOps(facts, value, files, editors, plan), ...unitOps(facts, value, editors, plan), ...dotenvOps(facts, value, editors, plan)]
  shellInstructions(facts, value, plan)
  for (const file of [...new Set(ops.map((o) => o.file))]) {
    const mine = ops.filter((o) => o.file === file)
    const before = files.get(file)
    if (!before) {
      for (const o of mine) plan.blockers.push({id: o.change.id, label: o.change.label, place: o.change.place, reason: `${file} could not be read.`})
      continue
    }
    let text = before.toString('utf8')
    try {
      for (const o of mine) text = o.edit(text)
    } catch (err) {
      if (!(err instanceof ClawdocError)) throw err
      // Name the file: a value one grammar cannot hold may be fine in the others.
      const reason = err.message.includes(file) ? err.message : `${file}: ${err.message}`
      for (const o of mine) plan.blockers.push({id: o.change.id, label: o.change.label, place: o.change.place, reason})
      continue
    }
    const after = Buffer.from(text, 'utf8')
    if (after.equals(before)) continue
    const reason = mine.map((o) => o.change.label).join(', ')
    plan.files.push({path: file, before, after, reason, kind: mine[0].kind, changes: mine.map((o) => o.change)})
    if (mine[0].kind === 'unit') plan.needsDaemonReload = true
  }
  return plan
}

function configOps(facts: Facts, value: Secret, files: ReadonlyMap<string, Buffer>, editors: Editors, plan: TokenPlan): Op[] {
  const cfg = facts.config
  const VAR = tokenVar(facts)
  if (cfg.status !== 'ok') {
    if (cfg.status === 'parse-error' || cfg.status === 'unreadable') {
      // The config is a copy (the server's, usually): syncing the others around it would report
      // success while the product runs on `{}`. Nothing is written until it is fixed.
      // The parse error names the line and column.
      const why =
        cfg.status === 'parse-error'
          ? `it does not parse (${cfg.path}: ${cfg.error?.message ?? 'invalid JSON5'})`
          : `it cannot be read (${cfg.path}: ${cfg.error?.message ?? 'unreadable'})`
      plan.blockers.push({
        label: cfg.path,
        place: cfg.error?.place ?? {kind: 'config', file: cfg.path},
        reason: `The config cannot be edited: ${why}. Fix it first (clawdoc doctor shows where), then run sync-token again.`,
      })
    } else if (cfg.status !== 'missing') plan.skipped.push({label: cfg.path, reason: `The config is ${cfg.status}; fix it first (clawdoc doctor shows where).`})
    return []
  }
  const gw = cfg.gateway
  const ops: Op[] = []
  const add = (copy: TokenCopy | undefined, keyPath: string[], id: CopyId, create: boolean): void => {
    if (!copy) {
      if (!create) return
      const place: Place = {kind: 'config', file: cfg.path, key: keyPath.join('.')}
      ops.push({file: cfg.path, kind: 'config', change: {id, label: keyPath.join('.'), place}, edit: (t) => editors.json(t, keyPath, value, {create: true})})
      return
    }
    if (copy.value.equals(value) && !copy.nonString) return
    if (copy.origin.type === 'config-var') {
      const o = copy.origin
      if (o.variable === VAR && o.template === `\${${VAR}}`) {
        plan.skipped.push({id, label: copy.label, place: copy.place, reason: `It is \${${VAR}}: it follows the environment copies synced here.`})
      } else {
        const reason =
          `It is the template ${JSON.stringify(o.template)}; clawdoc does not know where ${o.variable} is set and will not replace a \${VAR} with a literal. ` +
          `Set ${o.variable} to the new value where you define it, then run clawdoc sync-token --from auth.`
        plan.blockers.push({id, label: copy.label, place: copy.place, reason})
      }
      return
    }
    const file = copy.place.file ?? cfg.path
    const text = files.get(file)?.toString('utf8') ?? ''
    const local = localKeyPath(text, file, cfg.path, keyPath)
    ops.push({
      file,
      kind: 'config',
      change: {id, label: copy.label, place: copy.place, from: copy.value},
      edit: (t) => editors.json(t, local, value, {replaceNonString: true}),
    })
  }
  // In remote mode this machine's gateway.auth.token is used by nothing: it is synced when present, never created.
  add(gw.authToken, ['gateway', 'auth', 'token'], 'config.auth.token', gw.mode !== 'remote')
  add(gw.remoteToken, ['gateway', 'remote', 'token'], 'config.remote.token', gw.mode === 'remote')
  for (const c of cfg.envBlock.filter((c) => c.secret === 'token')) add(c, (c.place.key ?? `env.${VAR}`).split('.'), 'config.env', false)
  if (gw.legacyToken) {
    const reason = 'The product ignores gateway.token (and it makes the config invalid): remove it.'
    plan.skipped.push({id: 'config.legacy.token', label: 'gateway.token', place: gw.legacyToken.place, reason})
  }
  // A bridge's copy kept in this config (channels.<id>.…gatewayToken) is a copy like any other.
  for (const ch of cfg.channels) for (const t of ch.tokens) if (t.place.key) add(t, t.place.key.split('.'), t.id, false)
  return ops
}

function assignmentOp(
  copy: TokenCopy | undefined,
  place: Place,
  kind: Exclude<FileKind, 'config'>,
  value: Secret,
  editors: Editors,
  id: CopyId,
  variable: string,
): Op | undefined {
  if (!place.file || place.line === undefined) return undefined
  const at = {line: place.line, variable: place.variable ?? variable, value}
  const label = `${path.basename(place.file)}:${place.line} ${at.variable}`
  return {file: place.file, kind, change: {id, label, place, from: copy?.value}, edit: (t) => editors.assignment(t, at, kind)}
}

function unitOps(facts: Facts, value: Secret, editors: Editors, plan: TokenPlan): Op[] {
  const u = facts.unit
  const ops: Op[] = []
  if (u.execToken) {
    const reason =
      'The unit passes --token on its ExecStart line, which overrides every other copy and shows the token in ps. ' +
      `clawdoc does not rewrite command lines: reinstall with \`${installCommand(facts, {force: true})}\` ` +
      `(or remove --token with \`systemctl --user edit --full ${u.name}\`), then run this again.`
    plan.blockers.push({id: 'unit.exec-start', label: 'ExecStart --token', place: u.execToken.place, reason})
  }
  const tok = u.token
  if (!tok) return ops
  if (ignoredLegacy(tok, plan)) return ops
  const kind = tok.origin.type === 'env-file' ? 'env-file' : 'unit'
  if (!tok.value.equals(value)) {
    const op = assignmentOp(tok, tok.place, kind, value, editors, 'unit.env', tokenVar(facts))
    if (op) ops.push(op)
  }
  // Shadowed and reset assignments too: deleting the winning line (or the reset) later must not bring an old token back.
  for (const p of placesHolding(tok).slice(1)) {
    const op = assignmentOp(undefined, p, p.kind === 'env-file' ? 'env-file' : 'unit', value, editors, 'unit.env', tokenVar(facts))
    if (op) ops.push(op)
  }
  return ops
}

function dotenvOps(facts: Facts, value: Secret, editors: Editors, plan: TokenPlan): Op[] {
  const ops: Op[] = []
  for (const d of [facts.env.cwdDotenv, facts.env.stateDirDotenv]) {
    for (const c of d.copies.filter((c) => c.secret === 'token' && !c.value.equals(value))) {
      if (ignoredLegacy(c, plan)) continue
      const op = assignmentOp(c, c.place, 'dotenv', value, editors, c.id, tokenVar(facts))
      if (op) ops.push(op)
      else plan.skipped.push({id: c.id, label: c.label, place: c.place, reason: 'Its line is unknown.'})
    }
  }
  return ops
}

/**
 * A copy under a legacy name the release ignores (CLAWDBOT_GATEWAY_TOKEN on openclaw 2026.3.22+) is nobody's token:
 * writing the value there changes nothing. It is left alone and the plan says how to make it count.
 */
function ignoredLegacy(c: TokenCopy, plan: TokenPlan): boolean {
  if (c.legacyName?.read !== false) return false
  const reason = `The release in play ignores ${c.place.variable ?? c.label} (it reads no ${c.legacyName.prefix}* name): writing it changes nothing. ` +
    'Rename it with `clawdoc sync-token --migrate-legacy-names` (it then gets this value).'
  plan.skipped.push({id: c.id, label: c.label, place: c.place, reason})
  return true
}

function shellInstructions(facts: Facts, value: Secret, plan: TokenPlan): void {
  const sh = facts.env.shell.find((c) => c.secret === 'token')
  if (!sh || sh.value.equals(value)) return
  const VAR = sh.place.variable ?? tokenVar(facts)
  plan.skipped.push({id: 'shell.env', label: `$${VAR}`, place: sh.place, reason: 'clawdoc cannot change the environment of your shell.'})
  plan.instructions.push(
    `Your shell exports ${VAR} with another value (${sh.value.mask()}); it overrides the config for the CLI. ` +
      `Remove the line that sets it (usually in ~/.bashrc, ~/.profile or ~/.zshrc), then run \`unset ${VAR}\` in every open shell.`,
  )
}
