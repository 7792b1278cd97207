import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import {decodeJson5String, encodeJson5String} from './lex.js'
import {locateValue, spanOf, type ValueSpan} from './locate.js'
import {rememberedOffsets, type OffsetMap} from './offsets.js'
import {LIFT_AT, fullOffsets, json5ToJson, parseScanned} from './scan.js'
import {json5} from './parse.js'
import {firstVariable} from './vars.js'
import {insertJsonString, insertInRegion} from './insert.js'
import {verifyEdit} from './verify.js'

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
 *
 * The edit is made in place on the JSON5 scan's offset map (scan.ts, offsets.ts): one linear pass, then
 * the literal's bytes are replaced, or, to insert, only the object that receives the key is parsed by
 * the lossless CST. The json5 package and a CST of the whole file are used only when the scan declines
 * (invalid text, Infinity/NaN, non-ASCII keys).
 */
export function setJsonString(text: string, keyPath: string[], value: Secret, opts: SetJsonStringOptions = {}): string {
  const map = scanned(text)
  return map ? setOnOffsets(map, keyPath, value, opts) : setByFullParse(text, keyPath, value, opts)
}

/** The offset map of a text the scan accepts and JSON.parse confirms, or undefined. */
function scanned(text: string): OffsetMap | undefined {
  const known = rememberedOffsets(text)
  if (known) return known
  // Nothing skimmed: the edit's check counts every value (verifyReplace), so a skim would only be read again.
  const r = json5ToJson(text, Infinity, LIFT_AT, Infinity)
  if (!r) return undefined
  try {
    parseScanned(r)
  } catch (err) {
    // A gap in the scan (it accepted what JSON.parse refuses): the full parser decides.
    if (!(err instanceof SyntaxError)) throw err
    return undefined
  }
  return r.offsets
}

function setOnOffsets(map: OffsetMap, keyPath: string[], value: Secret, opts: SetJsonStringOptions): string {
  const text = map.text
  const key = keyPath.join('.')
  // Walk down as far as the path exists.
  const chain = [0]
  let node = 0
  let depth = 0
  for (; depth < keyPath.length; depth++) {
    const next = map.child(node, keyPath[depth])
    if (next < 0) break
    chain.push((node = next))
  }
  if (depth === keyPath.length) {
    const out = replaceSpan(text, spanOf(map, node), key, value, opts)
    verifyReplace(map, out, node, keyPath, value)
    return out
  }
  if (!opts.create) throw new ClawdocError('CONFIG_PARSE', `Cannot edit ${key}: the key does not exist.`, {hint: 'Pass create to add it.'})
  if (map.kind(node) !== 'object') {
    throw new ClawdocError('CONFIG_PARSE', `Cannot add ${key}: ${keyPath.slice(0, depth).join('.') || 'the document'} is not an object.`)
  }
  return insertInRegion(map, chain, keyPath, value)
}

/**
 * The edited text must scan to as many values, with the new literal exactly where the old one was,
 * holding the new value. (Entry indices are not compared: they depend on which skimmed containers
 * each map has read so far.)
 */
function verifyReplace(before: OffsetMap, out: string, node: number, keyPath: string[], value: Secret): void {
  const after = fullOffsets(out)
  const i = after?.find(keyPath) ?? -1
  const ok =
    after !== undefined && i >= 0 && after.valueCount() === before.valueCount() && after.kind(i) === 'string' &&
    after.start(i) === before.start(node) && decodeJson5String(out.slice(after.start(i) + 1, after.end(i) - 1)) === value.reveal()
  if (!ok) throw new ClawdocError('INTERNAL', `Editing ${keyPath.join('.')} produced invalid JSON5; nothing was written.`)
}

/** The edit through the json5 package and a CST of the whole file: only for text the scan declines. */
function setByFullParse(text: string, keyPath: string[], value: Secret, opts: SetJsonStringOptions): string {
  const key = keyPath.join('.')
  let before: unknown
  let span: ValueSpan | undefined
  try {
    before = json5().parse(text)
    span = locateValue(text, keyPath)
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    throw new ClawdocError('CONFIG_PARSE', `Cannot edit ${key}: the file is not valid JSON5.`, {cause: err})
  }
  let out: string
  if (span) out = replaceSpan(text, span, key, value, opts)
  else if (opts.create) out = insertJsonString(text, keyPath, value)
  else throw new ClawdocError('CONFIG_PARSE', `Cannot edit ${key}: the key does not exist.`, {hint: 'Pass create to add it.'})
  verifyEdit(before, out, keyPath, value, (t) => json5().parse(t))
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
