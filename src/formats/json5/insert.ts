import {JsonObjectNode, JsonParser} from '@croct/json5-parser'

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'

/**
 * Insert a string at `keyPath`, creating missing parent objects. Uses a lossless CST
 * (@croct/json5-parser), which learns the document's indentation, quoting and line endings, so the
 * rest of the file is kept byte for byte. Only used when the key is absent: replacing an existing
 * value is done on the literal's span instead (exactly its bytes change).
 */
export function insertJsonString(text: string, keyPath: string[], value: Secret): string {
  const key = keyPath.join('.')
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
