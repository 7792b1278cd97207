// The json5 package as the oracle for the JSON5 fast path (src/formats/json5/scan.ts).
import JSON5 from 'json5'

import {LIFT_AT, SKIM_AT, json5ToJson, parseScanned} from '../../src/formats/json5/scan.js'
import type {OffsetMap} from '../../src/formats/json5/offsets.js'
import {MAX_NESTING, parseConfigText} from '../../src/formats/json5/parse.js'
import {locateByPass, locateInOffsets} from '../../src/formats/json5/locate.js'

/**
 * Deep equality as strict as the parsers' output: -0 vs 0, NaN, key order, own `__proto__` keys,
 * prototypes. Iterative: the corpus nests 10 000 levels deep.
 */
export function sameValue(x: unknown, y: unknown): boolean {
  const todo: [unknown, unknown][] = [[x, y]]
  while (todo.length > 0) {
    const [a, b] = todo.pop()!
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
      if (!Object.is(a, b)) return false
      continue
    }
    if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
    const ka = Reflect.ownKeys(a)
    const kb = Reflect.ownKeys(b)
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false
    for (const k of ka) todo.push([(a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]])
  }
  return true
}

export type Outcome = {ok: true; value: unknown} | {ok: false; message: string}

function json5Outcome(text: string): Outcome {
  try {
    return {ok: true, value: JSON5.parse(text)}
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err
    return {ok: false, message: err.message}
  }
}

/**
 * Compare the fast path with json5 on one text. Returns a description of the disagreement, or
 * undefined, and which way the fast path went ('scan' = the scan's JSON was used, 'declined').
 */
export function disagreement(
  text: string,
  /** Also with skimming forced on every container (below). The hostile corpus asks it for whole files, not for every cut. */
  opts: {forceSkim?: boolean} = {},
): {problem?: string; path: 'scan' | 'declined'} {
  // json5 warns on stderr about a raw U+2028/U+2029 in a string (the value is not affected).
  const warn = console.warn
  console.warn = () => undefined
  try {
    return compare(text, opts.forceSkim ?? true)
  } finally {
    console.warn = warn
  }
}

function compare(text: string, forceSkim: boolean): {problem?: string; path: 'scan' | 'declined'} {
  const want = json5Outcome(text)
  const scanned = json5ToJson(text, MAX_NESTING)
  let path: 'scan' | 'declined' = 'declined'
  if (scanned) {
    let value: unknown
    try {
      value = parseScanned(scanned)
    } catch (err) {
      return {path, problem: `the scan accepted it but JSON.parse refused its JSON: ${(err as Error).message}`}
    }
    path = 'scan'
    if (!want.ok) return {path, problem: `the scan accepted text json5 refuses (${want.message})`}
    if (!sameValue(value, want.value)) return {path, problem: `values differ: scan ${show(value)} vs json5 ${show(want.value)}`}
    // Lifting (big containers that are JSON as written, parsed from the text itself) and skimming (their
    // end found without reading each value) happen only in big documents: forced here on small ones, on
    // every clean container (1, and 1 with 0) and on a mix (6 with 8). Skimming alone: below, on every text.
    for (const [liftAt, skimAt] of [[1, Infinity], [1, 0], [6, 8]]) {
      const lifting = json5ToJson(text, MAX_NESTING, liftAt, skimAt)
      if (!lifting) return {path, problem: `the scan declined with lifting at ${liftAt}, skimming at ${skimAt} only`}
      let liftedValue: unknown
      try {
        liftedValue = parseScanned(lifting)
      } catch (err) {
        return {path, problem: `with lifting at ${liftAt}, skimming at ${skimAt}, JSON.parse refused: ${(err as Error).message}`}
      }
      if (!sameValue(liftedValue, want.value)) {
        return {path, problem: `with lifting at ${liftAt}, skimming at ${skimAt}, values differ: ${show(liftedValue)} vs json5 ${show(want.value)}`}
      }
    }
    // The scan's offset map places every value where the locator's own pass does.
    if (scanned.tooDeepAt < 0 && !samePlaces(scanned.offsets, text)) return {path, problem: `the offset map and the locator disagree`}
  }
  // Skimming forced on every container, on every text (the damaged ones too). The skim takes tokens, not
  // grammar: what it lets through must be refused by JSON.parse (the json5 package then decides), or be
  // json5's value. Its map, read container by container on demand, places and counts every value.
  const skimming = forceSkim ? json5ToJson(text, MAX_NESTING, LIFT_AT, 0) : undefined
  if (skimming) {
    let value: unknown
    let parsed = true
    try {
      value = parseScanned(skimming)
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err
      parsed = false
    }
    if (parsed) {
      if (!want.ok) return {path, problem: `skimming, the scan accepted text json5 refuses (${want.message})`}
      if (!sameValue(value, want.value)) return {path, problem: `skimming, values differ: ${show(value)} vs json5 ${show(want.value)}`}
      // Below SKIM_AT the default scan skims nothing: its map is the full one.
      const full = text.length < SKIM_AT && scanned ? scanned.offsets.count : json5ToJson(text, MAX_NESTING, LIFT_AT, Infinity)?.offsets.count
      // Nothing skimmed (a JSON5 feature in every container): the map is the one checked above.
      const skimmed = skimming.offsets.count !== full
      if (skimmed && skimming.tooDeepAt < 0 && !samePlaces(skimming.offsets, text)) return {path, problem: `skimming, the offset map and the locator disagree`}
      if (skimming.offsets.valueCount() !== full) return {path, problem: `skimming, the map counts ${skimming.offsets.valueCount()} values, not ${full}`}
    }
  }
  // The public entry point: same value, or (when json5 refuses) an error.
  const r = parseConfigText(text)
  // Deeper than MAX_NESTING is refused on purpose (json5 itself has no limit).
  if (!r.ok && want.ok && r.reason.includes('nested more than')) return {path}
  if (r.ok !== want.ok) return {path, problem: `parseConfigText ok=${r.ok}, json5 ok=${want.ok}`}
  if (r.ok && want.ok && !sameValue(r.value, want.value)) return {path, problem: `parseConfigText value differs: ${show(r.value)} vs ${show(want.value)}`}
  return {path}
}

/** Whether the map places every value where the locator's own pass does (which recurses: within the nesting limit only). */
function samePlaces(map: OffsetMap, text: string): boolean {
  // Paths are keyed joined by NUL: an empty or NUL key would make two paths one; those are left out.
  const all = (): boolean => true
  const plain = (p: readonly string[]): boolean => p.every((k) => k !== '' && !k.includes('\u0000'))
  const byMap = [...locateInOffsets(map, plain, all)].map(([k, s]) => [k, s.start, s.end, s.kind, s.quote])
  const byPass = [...locateByPass(text, plain, all)].map(([k, s]) => [k, s.start, s.end, s.kind, s.quote])
  const order = (a: unknown[], b: unknown[]): number => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0)
  return JSON.stringify(byMap.sort(order)) === JSON.stringify(byPass.sort(order))
}

const show = (v: unknown): string => {
  let s: string | undefined
  try {
    s = JSON.stringify(v, (_k, x: unknown) => (Object.is(x, -0) ? '-0' : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))
  } catch (err) {
    if (!(err instanceof RangeError)) throw err
    return '(too deep to show)'
  }
  return s === undefined ? String(v) : s.slice(0, 200)
}
