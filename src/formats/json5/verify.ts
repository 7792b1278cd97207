import deepDiff from 'deep-diff'

import {ClawdocError} from '../../model/errors.js'
import type {Secret} from '../../model/secret.js'

function valueAt(tree: unknown, keyPath: readonly string[]): unknown {
  let node = tree
  for (const k of keyPath) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, k)) return undefined
    node = (node as Record<string, unknown>)[k]
  }
  return node
}

/**
 * Re-parse and compare: the only difference must be at `keyPath` (or a new parent object of it).
 * `before` is the parsed input (or the edited region of it, with `keyPath` relative to that region).
 */
export function verifyEdit(before: unknown, after: string, keyPath: string[], value: Secret, parse: (text: string) => unknown, shown = keyPath): void {
  let parsed: unknown
  try {
    parsed = parse(after)
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    throw new ClawdocError('INTERNAL', `Editing ${shown.join('.')} produced invalid JSON5; nothing was written.`, {cause: err})
  }
  const diffs = deepDiff.diff(before, parsed) ?? []
  const onPath = (p: unknown[] | undefined): boolean =>
    p !== undefined && p.length <= keyPath.length && p.every((seg, i) => String(seg) === keyPath[i])
  const v = valueAt(parsed, keyPath)
  // Never put the diff itself in the error: it holds the old and new values.
  if (diffs.length === 0 && v === value.reveal()) return // already that value
  if (diffs.length !== 1 || !onPath(diffs[0].path) || typeof v !== 'string' || v !== value.reveal()) {
    throw new ClawdocError('INTERNAL', `Editing ${shown.join('.')} changed more than that value (${diffs.length} differences); nothing was written.`)
  }
}
