import {createRequire} from 'node:module'

import type JSON5Type from 'json5'

import {json5ToJson, parseScanned} from './scan.js'
import {rememberOffsets} from './offsets.js'
import {skipComment} from './lex.js'
import {lineColumn} from '../lines.js'

// Loaded on first use only: plain-JSON configs (the common case) never pay for the import.
let json5Module: typeof JSON5Type | undefined
export const json5 = (): typeof JSON5Type => (json5Module ??= createRequire(import.meta.url)('json5') as typeof JSON5Type)

export type ParseResult =
  | {ok: true; value: unknown}
  /** line/column are 1-based; `reason` never quotes the source text (it may hold a token). */
  | {ok: false; line: number; column: number; reason: string}

/**
 * Parse a config file the way the product does (JSON5), fast: most configs are plain JSON written by
 * the product itself, so `JSON.parse` goes first (a BOM is whitespace to JSON5, so it is stripped for
 * it); a hand-edited JSON5 file is turned into JSON by one linear scan (scan.ts) and read by
 * `JSON.parse` too. The json5 package (~70x slower) runs only when both decline: on invalid text (it
 * gives the error position) and on the rare Infinity/NaN or non-ASCII key. All three build equal values.
 */
export function parseConfigText(text: string): ParseResult {
  const r = parseUnchecked(text)
  if (!r.ok) return r
  // Both parsers are iterative, but everything after them ($include, ${VAR}, places, schema) recurses:
  // a 10 000-level document overflowed the stack there. No real config comes near this depth.
  const deep = r.tooDeepAt ?? tooDeepAt(text)
  if (deep < 0) return {ok: true, value: r.value}
  return {ok: false, ...lineColumn(text, deep), reason: `objects and arrays are nested more than ${MAX_NESTING} levels deep`}
}

/** Deeper nesting than this is refused as a syntax-level problem. */
export const MAX_NESTING = 200

/** What matters to nesting, and what ends each kind of string (regex jumps: a big file is mostly strings). */
const NESTING_STOP = /["'/{}[\]]/g
const DOUBLE_END = /["\\]/g
const SINGLE_END = /['\\]/g

/** Offset of the first `{`/`[` deeper than MAX_NESTING in an already-parsed document, or -1. */
function tooDeepAt(text: string): number {
  // No deeper nesting without more brackets than that in all (a search for one character is the fastest there is).
  if (bracketsAtMost(text, MAX_NESTING)) return -1
  let depth = 0
  for (let i = 0; ; i++) {
    NESTING_STOP.lastIndex = i
    if (!NESTING_STOP.test(text)) return -1
    i = NESTING_STOP.lastIndex - 1
    const c = text.charCodeAt(i)
    if (c === 0x22 || c === 0x27) {
      const end = c === 0x22 ? DOUBLE_END : SINGLE_END
      for (i++; ; i += 2) {
        end.lastIndex = i
        if (!end.test(text)) return -1
        i = end.lastIndex - 1
        if (text.charCodeAt(i) !== 0x5c) break
      }
    } else if (c === 0x2f) i = Math.max(i, skipComment(text, i) - 1)
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING) return i
    } else depth--
  }
}

/** Whether the text holds at most `n` `{` and `[` in all (in strings too). */
function bracketsAtMost(text: string, n: number): boolean {
  let count = 0
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i >= 0; i = text.indexOf(bracket, i + 1)) if (++count > n) return false
  }
  return true
}

function parseUnchecked(text: string): {ok: true; value: unknown; tooDeepAt?: number} | (ParseResult & {ok: false}) {
  try {
    return {ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)}
  } catch (err) {
    // Not plain JSON: try the JSON5 scan, then the JSON5 parser, which also gives the error position.
    if (!(err instanceof SyntaxError)) throw err
  }
  const scanned = json5ToJson(text, MAX_NESTING)
  if (scanned) {
    try {
      const value = parseScanned(scanned)
      // The locator and the editor answer from the scan's offset map, without a second pass.
      rememberOffsets(scanned.offsets)
      return {ok: true, value, tooDeepAt: scanned.tooDeepAt}
    } catch (err) {
      // The scan accepted what JSON.parse refuses: a gap in the scan; json5 decides (and is tested equal).
      if (!(err instanceof SyntaxError)) throw err
    }
  }
  try {
    return {ok: true, value: json5().parse(text)}
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    return describeJson5Error(text, err as SyntaxError & {lineNumber?: number; columnNumber?: number})
  }
}

function describeJson5Error(
  text: string,
  err: SyntaxError & {lineNumber?: number; columnNumber?: number},
): ParseResult & {ok: false} {
  let line = err.lineNumber ?? 1
  let column = err.columnNumber ?? 1
  // json5 advances its line counter when it *reads* a `\n`, so an offending newline is reported as
  // column 0 of the next line; point at the newline itself, at the end of the previous line.
  if (column === 0 && line > 1) {
    let offset = -1
    for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset + 1)
    ;({line, column} = lineColumn(text, offset))
  }
  const m = err.message
  const reason = m.includes('invalid end of input')
    ? 'the file ends too early (unclosed string, object or array)'
    : m.includes("invalid character '\\n'") || m.includes("invalid character '\\r'")
      ? 'a string is not closed before the end of the line'
      : m.includes('invalid identifier character')
        ? 'invalid character in an unquoted key'
        : m.includes('invalid character')
          ? 'unexpected character'
          : 'invalid JSON5'
  return {ok: false, line, column, reason}
}

/** One sentence for a Problem; never includes the source text. */
export function parseErrorMessage(r: {line: number; column: number; reason: string}): string {
  return `JSON5 syntax error at line ${r.line}, column ${r.column}: ${r.reason}.`
}
