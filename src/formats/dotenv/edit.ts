// In-place edit of one variable in a `.env` file, in the grammar the product reads it with
// (dotenv 16: `#` starts a comment after an unquoted value, quotes ' " ` are kept). Only the
// value's bytes change; the line, its quoting, a trailing comment and every other line stay.

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import {parseDotenv} from './parse.js'
import {BARE_SAFE} from '../unit/edit.js'


export function editDotenvAssignment(text: string, at: {line: number; variable: string; value: Secret}): string {
  const value = at.value.reveal()
  if (!BARE_SAFE.test(value)) {
    throw new ClawdocError('TOKEN_INVALID', 'The new value has characters a .env file cannot hold safely (whitespace, quotes, #, $, \\ or controls).', {
      hint: 'Generate a new one: clawdoc sync-token --generate.',
    })
  }
  const lines = text.split(/(\r\n|\n|\r)/)
  const idx = (at.line - 1) * 2
  const line = lines[idx]
  const m = line === undefined ? null : /^(\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*|:\s+))(.*)$/.exec(line)
  if (!m || m[2] !== at.variable) {
    throw new ClawdocError('UNIT_PARSE', `Line ${at.line} of the .env file no longer assigns ${at.variable}; the file changed since it was read.`, {
      hint: 'Run the command again so it re-reads the file.',
    })
  }
  const [, head, , rest] = m
  let edited: string
  const q = rest[0]
  if (q === '"' || q === "'" || q === '`') {
    const close = rest.indexOf(q, 1)
    if (close === -1) throw new ClawdocError('UNIT_PARSE', `The quoted value of ${at.variable} on line ${at.line} spans several lines; edit it by hand.`)
    edited = head + q + value + rest.slice(close)
  } else {
    // Unquoted: the value runs to a `#` comment, then trailing blanks are not part of it.
    const hash = rest.indexOf('#')
    const raw = hash === -1 ? rest : rest.slice(0, hash)
    const trailing = raw.length - raw.trimEnd().length
    edited = head + value + rest.slice(raw.length - trailing)
  }
  lines[idx] = edited
  const out = lines.join('')
  const back = parseDotenv(out).filter((e) => e.name === at.variable).at(-1)
  if (back?.value !== value) {
    throw new ClawdocError('INTERNAL', `Editing ${at.variable} on line ${at.line} of the .env file did not read back as written; nothing was changed.`)
  }
  return out
}
