import {createRequire} from 'node:module'

import type * as Croct from '@croct/json5-parser'

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'
import type {OffsetMap} from './offsets.js'
import {fullOffsets, json5ToJson, parseScanned} from './scan.js'
import {verifyEdit} from './verify.js'

// The CST is loaded on first use only: replacing a value (the common edit) never needs it.
let croctModule: typeof Croct | undefined
const croct = (): typeof Croct => (croctModule ??= createRequire(import.meta.url)('@croct/json5-parser') as typeof Croct)

/**
 * Insert a string at `keyPath`, creating missing parent objects. Uses a lossless CST
 * (@croct/json5-parser), which learns the document's indentation, quoting and line endings, so the
 * rest of the file is kept byte for byte. Only used when the key is absent: replacing an existing
 * value is done on the literal's span instead (exactly its bytes change).
 */
export function insertJsonString(text: string, keyPath: string[], value: Secret): string {
  const key = keyPath.join('.')
  const {JsonObjectNode, JsonParser} = croct()
  let root: unknown
  try {
    root = JsonParser.parse(text)
  } catch (err) {
    throw new ClawdocError('CONFIG_PARSE', `Cannot add ${key}: the file is not valid JSON5.`, {cause: err})
  }
  let node = root
  for (let i = 0; i < keyPath.length; i++) {
    if (!(node instanceof JsonObjectNode)) {
      throw new ClawdocError('CONFIG_PARSE', `Cannot add ${key}: ${keyPath.slice(0, i).join('.') || 'the document'} is not an object.`)
    }
    const k = keyPath[i]
    if (!node.has(k)) {
      // Build the missing tail as plain data; the CST formats it like its surroundings.
      let tail: string | Record<string, unknown> = value.reveal()
      for (let j = keyPath.length - 1; j > i; j--) tail = {[keyPath[j]]: tail}
      node.set(k, tail as never)
      return String(root)
    }
    node = node.get(k)
  }
  throw new ClawdocError('INTERNAL', `Cannot add ${key}: it already exists.`)
}

/** JSON5 text to a value through the scan; a SyntaxError when the scan declines. */
function fastParse(text: string): unknown {
  const r = json5ToJson(text, Infinity)
  if (!r) throw new SyntaxError('the JSON5 scan declined')
  return parseScanned(r)
}

/**
 * Insert on the scan's offset map: `chain` holds the values from the root down to the deepest object
 * of `keyPath` that exists (`chain[i]` is at keyPath[0..i)). Only one object is parsed by the CST: that
 * object, or its nearest ancestor with members to learn the style from. Its text is taken out with its
 * line's indentation removed (so the CST sees the same relative indentation it would in the whole file),
 * edited, re-indented and put back; the rest of the file is not read again.
 */
export function insertInRegion(map: OffsetMap, chain: readonly number[], keyPath: string[], value: Secret): string {
  const text = map.text
  let r = chain.length - 1
  // An empty object shows no style: widen to the enclosing one.
  while (r > 0 && map.children(chain[r]).next().done) r--
  let base = ''
  let region: string | undefined
  if (r > 0) {
    const start = map.start(chain[r])
    base = /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))![0]
    region = dedent(text.slice(start, map.end(chain[r])), base)
  }
  if (region === undefined) {
    // The whole document (the root, or an object whose lines do not all carry its indentation).
    const out = insertJsonString(text, keyPath, value)
    verifyEdit(fastParse(text), out, keyPath, value, fastParse)
    return out
  }
  const rel = keyPath.slice(r)
  const edited = insertJsonString(region, rel, value)
  verifyEdit(fastParse(region), edited, rel, value, fastParse, keyPath)
  const out = text.slice(0, map.start(chain[r])) + (base ? edited.split('\n').join('\n' + base) : edited) + text.slice(map.end(chain[r]))
  // The whole result must still scan, with exactly the new values added and the new one in its place.
  const after = fullOffsets(out)
  const i = after?.find(keyPath) ?? -1
  if (!after || i < 0 || after.valueCount() !== map.valueCount() + keyPath.length - (chain.length - 1) || after.kind(i) !== 'string') {
    throw new ClawdocError('INTERNAL', `Editing ${keyPath.join('.')} produced invalid JSON5; nothing was written.`)
  }
  return out
}

/** `region` with `base` removed from the start of every line after the first, or undefined when a line lacks it. */
function dedent(region: string, base: string): string | undefined {
  if (base === '') return region
  const lines = region.split('\n')
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].startsWith(base)) return undefined
    lines[i] = lines[i].slice(base.length)
  }
  return lines.join('\n')
}
