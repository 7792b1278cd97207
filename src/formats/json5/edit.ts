import deepDiff from 'deep-diff'
import JSON5 from 'json5'

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import {decodeJson5String, encodeJson5String} from './lex.js'
import {locateValue, type ValueSpan} from './locate.js'
import {firstVariable} from './vars.js'
import {insertJsonString} from './insert.js'

export interface SetJsonStringOptions {
  /** Insert the key (and missing parent objects) when absent, in the document's style. */
  create?: boolean
  /** Replace a non-string value (e.g. a number written by `config set`) with a string. */
  replaceNonString?: boolean
}

/**
 * Set the string at `keyPath` losslessly: only the bytes of that one literal change (its quote style is
 * kept and escaped for), so comments, key order, indentation, CRLF and trailing commas survive.
 * Throws ClawdocError('CONFIG_PARSE') when the text is not JSON5, when the value is a `${VAR}`
 * template or not a string (the caller decides what to do), or when the key is absent without
 * `create`. Every edit is verified: the result re-parses and differs from the input in that one path.
 */
export function setJsonString(text: string, keyPath: string[], value: Secret, opts: SetJsonStringOptions = {}): string {
  const key = keyPath.join('.')
  let before: unknown
  let span: ValueSpan | undefined
  try {
    before = JSON5.parse(text)
    span = locateValue(text, keyPath)
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    throw new ClawdocError('CONFIG_PARSE', `Cannot edit ${key}: the file is not valid JSON5.`, {cause: err})
  }
  let out: string
  if (span) out = replaceSpan(text, span, key, value, opts)
  else if (opts.create) out = insertJsonString(text, keyPath, value)
  else throw new ClawdocError('CONFIG_PARSE', `Cannot edit ${key}: the key does not exist.`, {hint: 'Pass create to add it.'})
  verifyEdit(before, out, keyPath, value)
  return out
}

function replaceSpan(text: string, span: ValueSpan, key: string, value: Secret, opts: SetJsonStringOptions): string {
  if (span.kind === 'string') {
    const current = decodeJson5String(text.slice(span.start + 1, span.end - 1))
    if (firstVariable(current) !== undefined) {
      throw new ClawdocError('CONFIG_PARSE', `${key} is a \${VAR} template; editing it would replace the reference.`, {
        hint: 'Change the environment variable it refers to, or replace the template on purpose.',
      })
    }
    return text.slice(0, span.start) + encodeJson5String(value.reveal(), span.quote ?? '"') + text.slice(span.end)
  }
  if (span.kind === 'other' && opts.replaceNonString) {
    return text.slice(0, span.start) + encodeJson5String(value.reveal(), '"') + text.slice(span.end)
  }
  throw new ClawdocError('CONFIG_PARSE', `${key} does not hold a string (${span.kind === 'other' ? 'a number, boolean or null' : `an ${span.kind}`}).`)
}

function valueAt(tree: unknown, keyPath: readonly string[]): unknown {
  let node = tree
  for (const k of keyPath) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, k)) return undefined
    node = (node as Record<string, unknown>)[k]
  }
  return node
}

/** Re-parse and compare: the only difference must be at `keyPath` (or a new parent object of it). */
function verifyEdit(before: unknown, after: string, keyPath: string[], value: Secret): void {
  let parsed: unknown
  try {
    parsed = JSON5.parse(after)
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    throw new ClawdocError('INTERNAL', `Editing ${keyPath.join('.')} produced invalid JSON5; nothing was written.`, {cause: err})
  }
  const diffs = deepDiff.diff(before, parsed) ?? []
  const onPath = (p: unknown[] | undefined): boolean =>
    p !== undefined && p.length <= keyPath.length && p.every((seg, i) => String(seg) === keyPath[i])
  const v = valueAt(parsed, keyPath)
  // Never put the diff itself in the error: it holds the old and new values.
  if (diffs.length === 0 && v === value.reveal()) return // already that value
  if (diffs.length !== 1 || !onPath(diffs[0].path) || typeof v !== 'string' || v !== value.reveal()) {
    throw new ClawdocError('INTERNAL', `Editing ${keyPath.join('.')} changed more than that value (${diffs.length} differences); nothing was written.`)
  }
}
