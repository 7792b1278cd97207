// `EnvironmentFile=` content, read with the state machine of systemd 252's
// parse_env_file_internal() (src/basic/env-file.c). Pure; never throws on user input.

import {ClawdocError} from '../../model/errors.js'
import type {Problem} from '../../model/place.js'
import {hasUnsafeChar, NAME_RE} from './values.js'
import {LineIndex} from '../lines.js'

export interface EnvFileAssignment {
  name: string
  value: string
  /** Line and column of the name (1-based); lastLine differs for continued or multi-line values. */
  line: number
  column: number
  lastLine: number
  /** Offsets of the value as written (quotes included, outer whitespace excluded). */
  valueStart: number
  valueEnd: number
}

type State = 'preKey' | 'key' | 'preValue' | 'value' | 'valueEsc' | 'single' | 'double' | 'doubleEsc' | 'comment' | 'commentEsc'

const isNl = (c: string): boolean => c === '\n' || c === '\r'
const isWs = (c: string): boolean => c === ' ' || c === '\t' || isNl(c)

/** `fatal`: systemd refuses the whole file (so the service does not start). */
export function parseEnvironmentFile(text: string, file: string): {assignments: EnvFileAssignment[]; warnings: Problem[]; fatal?: boolean} {
  const assignments: EnvFileAssignment[] = []
  const warnings: Problem[] = []
  // systemd's read_line(): \r\n, \n and a lone \r each end a line.
  const lines = new LineIndex(text, 'any')
  const lineOf = (off: number): number => lines.position(off).line
  const warn = (message: string, off?: number): void => {
    warnings.push({message, place: {kind: 'env-file', file, ...(off === undefined ? {} : lines.position(off))}})
  }
  const nul = text.indexOf('\0')
  if (nul >= 0) {
    // Observed on systemd 252: the service then fails with "Failed to load environment files".
    warn('The file contains a NUL byte: systemd refuses to load it and the service fails to start.', nul)
    return {assignments: [], warnings, fatal: true}
  }
  const body = text

  let state: State = 'preKey'
  let key = ''
  let value = ''
  let keyStart = 0
  let keyWs = -1 // length of key before its trailing whitespace
  let valWs = -1 // length of value before its trailing (unquoted) whitespace
  let vStart = -1
  let vEnd = -1

  const push = (endOff: number): void => {
    const name = keyWs >= 0 ? key.slice(0, keyWs) : key
    const val = state === 'value' && valWs >= 0 ? value.slice(0, valWs) : value
    // An empty value is placed where its line ends (after any blanks following "=").
    const start = vStart < 0 ? endOff : vStart
    if (NAME_RE.test(name)) {
      const line = lineOf(keyStart)
      assignments.push({
        name,
        value: val,
        line,
        column: lines.position(keyStart).column,
        lastLine: lineOf(Math.max(keyStart, endOff - 1)),
        valueStart: start,
        valueEnd: vEnd < 0 ? start : vEnd,
      })
    } else if (/^export\s/.test(name)) warn('"export" is shell syntax, not systemd syntax; systemd ignores this assignment.', keyStart)
    else if (name.startsWith('\ufeff')) warn('The file starts with a byte-order mark; systemd ignores the first assignment.', keyStart)
    else warn('Invalid variable name; systemd ignores this assignment.', keyStart)
  }

  for (let p = 0; p < body.length; p++) {
    const c = body[p]
    switch (state) {
      case 'preKey':
        if (c === '#' || c === ';') state = 'comment'
        else if (!isWs(c)) [state, key, keyStart, keyWs, value, vStart, vEnd, valWs] = ['key', c, p, -1, '', -1, -1, -1]
        break
      case 'key':
        if (isNl(c)) state = 'preKey' // a line without "=" is dropped silently
        else if (c === '=') state = 'preValue'
        else {
          if (!isWs(c)) keyWs = -1
          else if (keyWs < 0) keyWs = key.length
          key += c
        }
        break
      case 'preValue':
      case 'value':
        if (isNl(c)) {
          push(p)
          state = 'preKey'
          break
        }
        if (state === 'preValue' && isWs(c)) break
        if (vStart < 0) vStart = p
        if (state === 'preValue' && (c === "'" || c === '"')) state = c === "'" ? 'single' : 'double'
        else if (c === '\\') [state, valWs] = ['valueEsc', -1]
        else {
          state = 'value'
          if (!isWs(c)) [valWs, vEnd] = [-1, p + 1]
          else if (valWs < 0) valWs = value.length
          value += c
        }
        break
      case 'valueEsc':
        // An escaped newline is a continuation and is eaten; any other char is taken literally.
        state = 'value'
        if (!isNl(c)) value += c
        else if (c === '\r' && body[p + 1] === '\n') warn('A backslash before a CRLF line end eats only the CR: systemd ends the value at the LF.', p)
        vEnd = p + 1
        break
      case 'single':
        if (c === "'") [state, vEnd] = ['preValue', p + 1]
        else value += c
        break
      case 'double':
        if (c === '"') [state, vEnd] = ['preValue', p + 1]
        else if (c === '\\') state = 'doubleEsc'
        else value += c
        break
      case 'doubleEsc':
        state = 'double'
        // Like the shell: only \" \\ \` \$ are unescaped; other pairs keep their backslash.
        if ('"\\`$'.includes(c)) value += c
        else if (c !== '\n') value += `\\${c}`
        break
      case 'comment':
        if (c === '\\') state = 'commentEsc'
        else if (isNl(c)) state = 'preKey'
        break
      case 'commentEsc':
        // systemd < 254 continues a comment that ends in a backslash onto the next line.
        if (isNl(c)) warn('A comment ends with "\\": systemd before v254 also ignores the next line, v254+ reads it.', p)
        state = 'comment'
        break
    }
  }
  if (state === 'single' || state === 'double' || state === 'doubleEsc') warn('Unterminated quote at the end of the file.', keyStart)
  if (['preValue', 'value', 'valueEsc', 'single', 'double', 'doubleEsc'].includes(state)) push(body.length)
  return {assignments, warnings}
}

/**
 * A value to write after `NAME=` in an environment file so that systemd reads it back exactly:
 * double quotes, with the four characters it unescapes there (`"` `\\` `` ` `` `$`) escaped.
 */
export function formatEnvFileValue(value: string): string {
  if (hasUnsafeChar(value)) {
    throw new ClawdocError('TOKEN_INVALID', 'This environment file cannot hold the new value: it contains a control character or line break.', {
      hint: 'A token must be printable text on one line; generate a new one (48 hex chars).',
    })
  }
  return `"${value.replace(/["\\`$]/g, (c) => `\\${c}`)}"`
}
