// The environment a unit's service gets, computed in systemd's order: Environment= in the
// unit then its drop-ins (an empty assignment resets the list), then every EnvironmentFile=
// on top (they override Environment= wherever they appear), then UnsetEnvironment=.

import * as path from 'node:path'

import type {Place, Problem} from '../../model/place.js'
import type {EnvFileAssignment} from '../../formats/unit/env-file.js'
import type {UnitEntry} from '../../formats/unit/syntax.js'
import {splitEnvironmentValue} from '../../formats/unit/syntax.js'
import {extractWord} from '../../formats/unit/words.js'
import type {LineIndex} from '../../formats/lines.js'
import {expandSpecifiers, unresolvedMessage, type SpecifierContext} from '../../formats/unit/specifiers.js'
import {CLAWDBOT, type ProfileNamesView} from '../../model/profiles/index.js'
import {locationNames, watchedNames} from '../../model/profiles/names.js'

export interface Assigned {
  value: string
  place: Place
  specifiers?: string[]
  fromEnvFile?: boolean
}

/** An assignment that reaches no party: overridden by a later one, or reset by an empty `Environment=`. */
export interface Hidden {
  a: Assigned
  why: 'shadowed' | 'reset'
  /** The winning assignment (shadowed) or the empty `Environment=` line (reset). */
  by?: Place
}

export class UnitEnv {
  readonly vars = new Map<string, Assigned>()
  /** Every assignment of a watched variable since its last reset, in order. */
  readonly seen = new Map<string, Assigned[]>()
  /** Assignments of a watched variable that an empty `Environment=` reset, with the place of that line. */
  readonly resets = new Map<string, {a: Assigned; by: Place}[]>()
  /** Variables whose every assignment (also overridden ones) is remembered, for `shadowed` and warnings (the release's names). */
  readonly watched: readonly string[]
  /** Variables that tell the gateway where its config is: an unexpanded specifier there is worth a warning too. */
  readonly locations: readonly string[]

  constructor(names: ProfileNamesView = CLAWDBOT.names) {
    this.watched = watchedNames(names)
    this.locations = locationNames(names).map((l) => l.variable)
  }

  set(name: string, a: Assigned): void {
    this.vars.set(name, a)
    if (this.watched.includes(name)) this.seen.set(name, [...(this.seen.get(name) ?? []), a])
  }

  /**
   * An empty `Environment=`: systemd documents it as a reset of the list (systemd.exec(5)), the
   * standard drop-in idiom. Nothing is wrong with it; what it cleared is reset, not shadowed.
   */
  reset(by: Place): void {
    for (const [name, list] of this.seen) {
      // Only what Environment= set is reset (EnvironmentFile= values are applied after every Environment= line).
      const cleared = list.filter((a) => !a.fromEnvFile)
      if (cleared.length > 0) this.resets.set(name, [...(this.resets.get(name) ?? []), ...cleared.map((a) => ({a, by}))])
      this.seen.set(name, list.filter((a) => a.fromEnvFile))
    }
    for (const [name, a] of this.vars) if (!a.fromEnvFile) this.vars.delete(name)
  }

  /** The other assignments of a variable: those the winner overrides, then those an empty Environment= reset. */
  hiddenBy(name: string): Hidden[] {
    const win = this.vars.get(name)
    const shadowed = (this.seen.get(name) ?? []).filter((a) => a !== win).map((a): Hidden => ({a, why: 'shadowed', by: win?.place}))
    const reset = (this.resets.get(name) ?? []).map(({a, by}): Hidden => ({a, why: 'reset', by}))
    return [...shadowed, ...reset]
  }
}

export function applyEnvironment(env: UnitEnv, lines: LineIndex, file: string, unit: string, e: UnitEntry, warnings: Problem[], spec?: SpecifierContext): void {
  const at: Place = {kind: 'unit', file, line: e.line, column: e.column, unit}
  if (e.value === '') {
    env.reset(at)
    return
  }
  const {assignments, problems} = splitEnvironmentValue(e.value, spec)
  for (const message of problems) warnings.push({message, place: at})
  for (const a of assignments) {
    // `line` stays the entry's first line (what the editor needs); the column is the word's when it is on that line.
    const lc = lines.position(e.valueOffsets[a.start])
    const place: Place = {...at, variable: a.name, column: lc.line === e.line ? lc.column : e.column}
    const worthWarning = env.watched.includes(a.name) || env.locations.includes(a.name)
    if (a.specifiers && worthWarning) warnings.push({message: unresolvedMessage(a.name, a.specifiers), place})
    env.set(a.name, {value: a.value, place, specifiers: a.specifiers})
  }
}

export function applyEnvFile(env: UnitEnv, file: string, assignments: EnvFileAssignment[]): void {
  for (const a of assignments) {
    env.set(a.name, {value: a.value, place: {kind: 'env-file', file, line: a.line, column: a.column, variable: a.name}, fromEnvFile: true})
  }
}

/** UnsetEnvironment=: `NAME` removes the variable, `NAME=value` only that exact assignment. */
export function applyUnset(env: UnitEnv, e: UnitEntry, file: string, warnings: Problem[]): void {
  for (let at = 0; ; ) {
    const r = extractWord(e.value, at)
    if (!r.ok || !r.word) break
    at = r.next
    const w = r.word.text
    const eq = w.indexOf('=')
    const name = eq < 0 ? w : w.slice(0, eq)
    const cur = env.vars.get(name)
    if (cur && (eq < 0 || cur.value === w.slice(eq + 1))) {
      env.vars.delete(name)
      if (env.watched.includes(name)) {
        warnings.push({message: `UnsetEnvironment= removes ${name}.`, place: {kind: 'unit', file, line: e.line, column: e.column, variable: name}})
      }
    }
  }
}

/**
 * The path of an EnvironmentFile= value: a `-` prefix makes it optional; specifiers are expanded
 * as systemd does (formats/unit/specifiers.ts). systemd ignores relative paths.
 */
export function resolveEnvFilePath(raw: string, spec: SpecifierContext): {path?: string; optional: boolean; problem?: string} {
  const optional = raw.startsWith('-')
  const r = expandSpecifiers(optional ? raw.slice(1) : raw, spec)
  if (!r.ok) return {optional, problem: `EnvironmentFile= uses the unknown specifier "%${r.invalid}"; systemd ignores it.`}
  if (r.unresolved.length > 0) return {optional, problem: unresolvedMessage('EnvironmentFile=', r.unresolved)}
  const p = r.text
  if (!path.isAbsolute(p)) return {optional, problem: 'EnvironmentFile= path is not absolute; systemd ignores it.'}
  if (/[*?[]/.test(p)) return {optional, path: p, problem: 'EnvironmentFile= path contains glob characters; clawdoc reads it literally, systemd expands it.'}
  return {optional, path: path.normalize(p)}
}
