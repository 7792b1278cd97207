// In-place edit of one variable in a `.env` file, in the grammar the product reads it with
// (dotenv 16: `#` starts a comment after an unquoted value, quotes ' " ` are kept). Only the
// value's bytes change; the line, its quoting, a trailing comment and every other line stay.

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import {parseDotenv} from './parse.js'
import {BARE_SAFE} from '../unit/edit.js'
import {assertRenamed, lineStarts, linesSpan, renameLocated, type LocatedAssignment, type RenameChange, type Renamer} from '../rename.js'


/**
 * The ways to write `value` so dotenv 16 reads it back: bare when nothing in it is special, then
 * each quote it does not contain (single quotes and backticks take everything literally; double
 * quotes turn `\n`/`\r` into line breaks, so they come last). `keep`: the quote already used.
 */
function candidates(value: string, keep: string | undefined): string[] {
  const quotes = ["'", '`', '"']
  const kept = keep !== undefined && quotes.includes(keep) && !value.includes(keep) ? [keep + value + keep] : []
  const out = [...kept, ...(BARE_SAFE.test(value) ? [value] : [])]
  for (const q of quotes) if (!value.includes(q)) out.push(q + value + q)
  return [...new Set(out)]
}

/** Offsets of line `n` (1-based; `\r\n`, `\n` and a lone `\r` each end a line), its line break excluded. */
function lineSpan(text: string, n: number): {start: number; end: number} | undefined {
  const BREAK = /\r\n?|\n/g
  let start = 0
  for (let l = 1; l < n; l++) {
    BREAK.lastIndex = start
    if (!BREAK.exec(text)) return undefined
    start = BREAK.lastIndex
  }
  BREAK.lastIndex = start
  const m = BREAK.exec(text)
  return {start, end: m ? m.index : text.length}
}

export function editDotenvAssignment(text: string, at: {line: number; variable: string; value: Secret}): string {
  const value = at.value.reveal()
  if (/[\r\n\0]/.test(value)) {
    throw new ClawdocError('TOKEN_INVALID', 'This .env file cannot hold the new value: it contains a line break or NUL, and dotenv reads one line per value.', {
      hint: 'Use a token on one line, e.g. clawdoc sync-token --generate.',
    })
  }
  const span = lineSpan(text, at.line)
  const line = span && text.slice(span.start, span.end)
  const m = line === undefined ? null : /^(\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*|:\s+))(.*)$/.exec(line)
  if (!m || m[2] !== at.variable) {
    throw new ClawdocError('UNIT_PARSE', `Line ${at.line} of the .env file no longer assigns ${at.variable}; the file changed since it was read.`, {
      hint: 'Run the command again so it re-reads the file.',
    })
  }
  const [, head, , rest] = m
  let tail: string
  const q = rest[0]
  if (q === '"' || q === "'" || q === '`') {
    const close = rest.indexOf(q, 1)
    if (close === -1) throw new ClawdocError('UNIT_PARSE', `The quoted value of ${at.variable} on line ${at.line} spans several lines; edit it by hand.`)
    tail = rest.slice(close + 1)
  } else {
    // Unquoted: the value runs to a `#` comment, then trailing blanks are not part of it.
    const hash = rest.indexOf('#')
    const raw = hash === -1 ? rest : rest.slice(0, hash)
    tail = rest.slice(raw.trimEnd().length)
  }
  // Every candidate is read back with dotenv's own grammar; the first that gives the value wins.
  for (const written of candidates(value, q)) {
    const out = text.slice(0, span!.start) + head + written + tail + text.slice(span!.end)
    if (parseDotenv(out, (name) => name === at.variable).at(-1)?.value === value) return out
  }
  throw new ClawdocError('TOKEN_INVALID', `This .env file cannot hold the new value: no quoting dotenv reads (', \`, ") gives it back unchanged (it contains ` +
    `all three quote characters).`, {
    hint: 'Choose a token without one of the quote characters, or generate one: clawdoc sync-token --generate.',
  })
}

function dotenvAssignments(text: string): {located: LocatedAssignment[]; pairs: {name: string; value: string}[]} {
  const starts = lineStarts(text)
  const list = parseDotenv(text)
  return {
    pairs: list.map((a) => ({name: a.name, value: a.value})),
    located: list.map((a) => ({
      name: a.name,
      value: a.value,
      line: a.line,
      nameStart: starts[a.line - 1] + a.column - 1,
      // A quoted value over several lines is not cut (where it ends is not recorded): renameLocated refuses it.
      remove: /[\r\n]/.test(a.value) ? undefined : linesSpan(starts, text.length, a.line, a.line),
    })),
  }
}

/** Rename the variables `rename` maps in a .env file (dotenv 16's grammar), names only; cut one whose new name is already assigned. */
export function renameDotenvVariables(text: string, rename: Renamer): {text: string; changes: RenameChange[]} {
  const before = dotenvAssignments(text)
  const out = renameLocated(text, before.located, rename)
  if (out.changes.length > 0) assertRenamed(before.pairs, dotenvAssignments(out.text).pairs, rename, out.changes, '.env file')
  return out
}
