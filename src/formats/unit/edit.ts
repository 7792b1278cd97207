// In-place edits of one variable's value in a unit file or an EnvironmentFile=. Every other
// byte is kept (other assignments, comments, CRLF, a missing final newline), and no line is
// added or removed, so places recorded by the readers stay valid for the next edit.

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import {formatEnvFileValue, parseEnvironmentFile} from './env-file.js'
import {formatEnvironmentAssignment, parseUnitText, splitEnvironmentValue} from './syntax.js'
import {assertRenamed, lineStarts, linesSpan, renameLocated, type LocatedAssignment, type RenameChange, type Renamer} from '../rename.js'

export interface AssignmentAt {
  /** First line of the (possibly continued) entry, 1-based, as recorded in the reader's Place. */
  line: number
  variable: string
  value: Secret
}

function changedUnderUs(kind: string, at: AssignmentAt): ClawdocError {
  return new ClawdocError('UNIT_PARSE', `Line ${at.line} of the ${kind} no longer assigns ${at.variable}; the file changed since it was read.`, {
    hint: 'Run the command again so it re-reads the file.',
  })
}

type Span = [start: number, end: number]

/**
 * Characters that need no quoting in either syntax (no whitespace, quotes, `\`, `%` specifier,
 * `$`, `#`/`;` comment starts). A value made only of these, replacing an unquoted one, is written
 * unquoted, so the edit changes the token's bytes and nothing else (hex tokens always qualify).
 */
export const BARE_SAFE = /^[A-Za-z0-9._+\-/:@,=^~]+$/

function wasBare(raw: string): boolean {
  return !/["'\\\r\n]/.test(raw)
}

/** Replace spans (sorted, disjoint) from the end, so earlier offsets stay valid. */
function replaceSpans(text: string, spans: Span[], make: (raw: string) => string): string {
  let out = text
  for (const [s, e] of [...spans].reverse()) out = out.slice(0, s) + make(out.slice(s, e)) + out.slice(e)
  return out
}

/**
 * A unit word can run over continuation lines only inside quotes. Keep its line breaks
 * (comment lines verbatim, other lines as a bare `\`), so line numbers do not move.
 */
function unitWord(formatted: string, raw: string): string {
  const parts = raw.split(/(\r\n|\n|\r)/)
  if (parts.length === 1) return formatted
  let out = `${formatted} \\${parts[1]}`
  for (let i = 2; i < parts.length - 1; i += 2) out += (/^[ \t]*[#;]/.test(parts[i]) ? parts[i] : '\\') + parts[i + 1]
  return out
}

/**
 * Set `variable` to `value` in the `Environment=` entry that starts on `line`, rewriting only
 * that variable's word(s) with formatEnvironmentAssignment() quoting. When the entry assigns
 * the variable more than once, every one is rewritten (they must all agree after a sync).
 */
export function editUnitAssignment(text: string, at: AssignmentAt): string {
  const formatted = formatEnvironmentAssignment(at.variable, at.value.reveal())
  const entry = parseUnitText(text, '').entries.find((e) => e.line === at.line && e.key === 'Environment' && e.section === 'Service')
  if (!entry) throw changedUnderUs('unit', at)
  const spans: Span[] = splitEnvironmentValue(entry.value)
    .assignments.filter((a) => a.name === at.variable)
    .map((a) => [entry.valueOffsets[a.start], entry.valueOffsets[a.end - 1] + 1])
  if (spans.length === 0) throw changedUnderUs('unit', at)
  const bare = BARE_SAFE.test(at.value.reveal())
  const out = replaceSpans(text, spans, (raw) => {
    if (bare && wasBare(raw)) return `${at.variable}=${at.value.reveal()}`
    // A simply quoted word ('NAME=v' or "NAME=v", one line, no escapes) keeps its quote character.
    const q = raw[0]
    if (bare && (q === '"' || q === "'") && raw.endsWith(q) && raw.length > 1 && !/[\\\r\n]/.test(raw) && raw.indexOf(q, 1) === raw.length - 1) {
      return `${q}${at.variable}=${at.value.reveal()}${q}`
    }
    return unitWord(formatted, raw)
  })
  // Belt and braces: read the result back the way the reader does.
  const again = parseUnitText(out, '').entries.find((e) => e.line === at.line && e.key === 'Environment')
  const values = again ? splitEnvironmentValue(again.value).assignments.filter((a) => a.name === at.variable) : []
  if (values.length !== spans.length || values.some((a) => a.value !== at.value.reveal())) {
    throw new ClawdocError('INTERNAL', `Editing ${at.variable} on line ${at.line} did not read back as written; nothing was changed.`)
  }
  return out
}

/** The same for EnvironmentFile= content: only the value after `=` is rewritten. */
export function editEnvFileAssignment(text: string, at: AssignmentAt): string {
  const formatted = formatEnvFileValue(at.value.reveal())
  const hits = parseEnvironmentFile(text, '').assignments.filter((a) => a.line === at.line && a.name === at.variable)
  if (hits.length === 0) throw changedUnderUs('environment file', at)
  // A multi-line value keeps its line breaks after the new value (as blank lines).
  const bare = BARE_SAFE.test(at.value.reveal())
  const out = replaceSpans(text, [[hits[0].valueStart, hits[0].valueEnd]], (raw) =>
    bare && wasBare(raw) ? at.value.reveal() : formatted + (raw.match(/\r\n|\n|\r/g) ?? []).join(''),
  )
  const again = parseEnvironmentFile(out, '').assignments.find((a) => a.line === at.line && a.name === at.variable)
  if (again?.value !== at.value.reveal()) {
    throw new ClawdocError('INTERNAL', `Editing ${at.variable} on line ${at.line} did not read back as written; nothing was changed.`)
  }
  return out
}

function unitAssignments(text: string): {located: LocatedAssignment[]; pairs: {name: string; value: string}[]} {
  const starts = lineStarts(text)
  const located: LocatedAssignment[] = []
  const pairs: {name: string; value: string}[] = []
  for (const e of parseUnitText(text, '').entries) {
    if (e.section !== 'Service' || e.key !== 'Environment') continue
    const split = splitEnvironmentValue(e.value)
    const only = split.assignments.length === 1 && split.problems.length === 0
    for (const a of split.assignments) {
      pairs.push({name: a.name, value: a.value})
      const wordStart = e.valueOffsets[a.start]
      const wordEnd = e.valueOffsets[a.end - 1] + 1
      const quoted = text[wordStart] === '"' || text[wordStart] === "'"
      let remove: [number, number]
      if (only) {
        // The entry's only word: cut the whole entry (an empty `Environment=` would reset every earlier assignment).
        remove = linesSpan(starts, text.length, e.line, e.lastLine)
      } else {
        let s = wordStart
        while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--
        let end = wordEnd
        if (s === wordStart) while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++
        remove = [s, end]
      }
      located.push({name: a.name, value: a.value, line: e.line, nameStart: wordStart + (quoted ? 1 : 0), remove})
    }
  }
  return {located, pairs}
}

/**
 * Rename the variables of every `Environment=` in [Service] that `rename` maps, changing only their names' bytes; when
 * the new name is already assigned in this file, the legacy assignment is cut instead. Read back before returning.
 */
export function renameUnitVariables(text: string, rename: Renamer): {text: string; changes: RenameChange[]} {
  const before = unitAssignments(text)
  const out = renameLocated(text, before.located, rename)
  if (out.changes.length > 0) assertRenamed(before.pairs, unitAssignments(out.text).pairs, rename, out.changes, 'unit')
  return out
}

function envFileAssignments(text: string): {located: LocatedAssignment[]; pairs: {name: string; value: string}[]} {
  const starts = lineStarts(text)
  const list = parseEnvironmentFile(text, '').assignments
  return {
    pairs: list.map((a) => ({name: a.name, value: a.value})),
    located: list.map((a) => ({
      name: a.name,
      value: a.value,
      line: a.line,
      nameStart: starts[a.line - 1] + a.column - 1,
      remove: linesSpan(starts, text.length, a.line, a.lastLine),
    })),
  }
}

/** The same for EnvironmentFile= content (one assignment per line: a cut removes its lines). */
export function renameEnvFileVariables(text: string, rename: Renamer): {text: string; changes: RenameChange[]} {
  const before = envFileAssignments(text)
  // Two assignments on one line cannot happen in this grammar; a cut line holding another one would lose it.
  const out = renameLocated(text, before.located, rename)
  if (out.changes.length > 0) assertRenamed(before.pairs, envFileAssignments(out.text).pairs, rename, out.changes, 'environment file')
  return out
}
