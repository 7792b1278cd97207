// Lossless renames of environment variable names (issue 12: `sync-token --migrate-legacy-names`). Each grammar
// (unit Environment=, EnvironmentFile=, .env) locates its assignments; this module changes only the bytes of a name,
// or cuts one whole assignment when the new name is already assigned in the same file. Pure.

import {ClawdocError} from '../model/errors.js'

/** One assignment as written: where its name starts, and the span that removes it cleanly. */
export interface LocatedAssignment {
  name: string
  value: string
  /** 1-based line of the name. */
  line: number
  nameStart: number
  /** [start, end) offsets that remove the assignment (a whole line, or the word with the blank before it); undefined: it cannot be cut. */
  remove?: [number, number]
}

export interface RenameChange {
  line: number
  from: string
  to: string
  /** `removed`: the new name is already assigned in this file, so the legacy line was cut instead of renamed. */
  action: 'renamed' | 'removed'
}

/** The new name for a legacy one, or undefined to leave it alone. */
export type Renamer = (name: string) => string | undefined

/** Rename (or cut) every assignment the renamer maps; `located` must come from the grammar of `text`. */
export function renameLocated(text: string, located: readonly LocatedAssignment[], rename: Renamer): {text: string; changes: RenameChange[]} {
  const assigned = new Set(located.map((a) => a.name))
  const edits: {start: number; end: number; insert: string}[] = []
  const changes: RenameChange[] = []
  for (const a of located) {
    const to = rename(a.name)
    if (to === undefined || to === a.name) continue
    if (text.slice(a.nameStart, a.nameStart + a.name.length) !== a.name) {
      throw new ClawdocError('UNIT_PARSE', `The name ${a.name} on line ${a.line} is not written literally (escaped or split); rename it by hand.`)
    }
    if (assigned.has(to)) {
      if (!a.remove) throw new ClawdocError('UNIT_PARSE', `${a.name} on line ${a.line} spans several lines and ${to} is assigned too; remove one by hand.`)
      edits.push({start: a.remove[0], end: a.remove[1], insert: ''})
      changes.push({line: a.line, from: a.name, to, action: 'removed'})
    } else {
      edits.push({start: a.nameStart, end: a.nameStart + a.name.length, insert: to})
      changes.push({line: a.line, from: a.name, to, action: 'renamed'})
    }
  }
  edits.sort((x, y) => y.start - x.start)
  let out = text
  let floor = Number.POSITIVE_INFINITY
  for (const e of edits) {
    // Two edits in one span would corrupt the file: refuse rather than guess.
    if (e.end > floor) throw new ClawdocError('INTERNAL', 'Two renames overlap; nothing was changed.')
    out = out.slice(0, e.start) + e.insert + out.slice(e.end)
    floor = e.start
  }
  return {text: out, changes}
}

/**
 * Read the result back with the same grammar: every assignment must be there, in order, with the same value, under
 * its new name, except the ones cut. Anything else means the rename was not lossless: nothing is written.
 */
export function assertRenamed(
  before: readonly {name: string; value: string}[],
  after: readonly {name: string; value: string}[],
  rename: Renamer,
  changes: readonly RenameChange[],
  what: string,
): void {
  const removed = new Set(changes.filter((c) => c.action === 'removed').map((c) => c.from))
  const expected = before.filter((a) => !(removed.has(a.name) && rename(a.name) !== undefined)).map((a) => ({name: rename(a.name) ?? a.name, value: a.value}))
  const same = expected.length === after.length && expected.every((e, i) => e.name === after[i].name && e.value === after[i].value)
  if (!same) throw new ClawdocError('INTERNAL', `Renaming the legacy names in the ${what} did not read back as intended; nothing was changed.`)
}

/** Offsets where each line starts (after \r\n, \n or \r). */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (const m of text.matchAll(/\r\n|\n|\r/g)) starts.push(m.index + m[0].length)
  return starts
}

/** [start, end) of physical lines first..last (1-based), their line ends included. */
export function linesSpan(starts: readonly number[], textLength: number, first: number, last: number): [number, number] {
  return [starts[first - 1], last < starts.length ? starts[last] : textLength]
}
