// The offset map the JSON5 scan (scan.ts) builds as it goes: where every value, and the key naming it,
// sits in the source text. The locator answers from it without a second pass, and the lossless editor
// edits in place on it (edit.ts). A big container the scan skimmed (skim.ts) has no entries inside
// until something asks for them: then the scan reads that container alone, once, and adds them.

import {decodeJson5String} from './lex.js'

/** What a value is, from its first character. */
export type ValueKind = 'string' | 'object' | 'array' | 'other'

/** Reads skimmed container `i` of `map` into the map: the index of its new entry (the same container, with its contents after it). */
export type Expand = (map: OffsetMap, i: number) => number

/**
 * Every value of one document, in document order (a value before its contents, so the values inside
 * value `i` are exactly `i + 1 .. next(i) - 1`). Offsets are UTF-16 indices into the source text.
 * A skimmed container's contents come later, after a second entry for it: children() and child()
 * find them there, so only `count` tells (see valueCount).
 */
export class OffsetMap {
  count = 0
  /** Five numbers per value: start, end, next (the index after its contents), key start, key end. */
  #v: Int32Array
  /** Skimmed containers: the index of their second entry once read, -1 before. */
  #skimmed?: Map<number, number>
  /** Second entries made so far. */
  #seconds = 0

  constructor(
    readonly text: string,
    private readonly expand?: Expand,
  ) {
    // About one value per 64 characters in a typical config: most documents never grow the table.
    this.#v = new Int32Array(5 * Math.max(256, text.length >> 6))
  }

  /** A value starts at `start`; its key token is text[keyStart, keyEnd) (-1 for the root and array items). */
  open(start: number, keyStart: number, keyEnd: number): number {
    const i = this.count++
    let v = this.#v
    if (5 * i === v.length) {
      const grown = new Int32Array(v.length * 2)
      grown.set(v)
      this.#v = v = grown
    }
    v[5 * i] = start
    v[5 * i + 3] = keyStart
    v[5 * i + 4] = keyEnd
    return i
  }

  /** Value `i` ends (exclusive) at `end`; every value opened since it lies inside it. */
  close(i: number, end: number): void {
    this.#v[5 * i + 1] = end
    this.#v[5 * i + 2] = this.count
  }

  /** Container `i` was skimmed: its contents are read when first asked for. */
  skimmed(i: number): void {
    ;(this.#skimmed ??= new Map()).set(i, -1)
  }

  /** The entry whose contents are value i's: i itself, or the second entry of a skimmed container. */
  #inner(i: number): number {
    const second = this.#skimmed?.get(i)
    if (second === undefined) return i
    if (second >= 0) return second
    if (!this.expand) throw new Error('OffsetMap: a skimmed container and no way to read it')
    const k = this.expand(this, i)
    this.#skimmed!.set(i, k)
    this.#seconds++
    return k
  }

  /** How many values the document holds (every skimmed container is read for it). */
  valueCount(): number {
    // A container read now may hold skimmed ones in turn: a Map's iteration visits entries added during it.
    if (this.#skimmed) for (const i of this.#skimmed.keys()) this.#inner(i)
    return this.count - this.#seconds
  }

  start(i: number): number {
    return this.#v[5 * i]
  }

  end(i: number): number {
    return this.#v[5 * i + 1]
  }

  /** The index after value i's contents. */
  next(i: number): number {
    return this.#v[5 * i + 2]
  }

  kind(i: number): ValueKind {
    const c = this.text.charCodeAt(this.start(i))
    return c === 0x7b ? 'object' : c === 0x5b ? 'array' : c === 0x22 || c === 0x27 ? 'string' : 'other'
  }

  /** The decoded key of value `i` (an object member). */
  key(i: number): string {
    const t = this.text
    const s = this.#v[5 * i + 3]
    const e = this.#v[5 * i + 4]
    const q = t.charCodeAt(s)
    return q === 0x22 || q === 0x27 ? decodeJson5String(t.slice(s + 1, e - 1)) : decodeJson5String(t.slice(s, e))
  }

  /** Whether value `i`'s key is `name`, without decoding when the key holds no escape. */
  keyIs(i: number, name: string): boolean {
    const t = this.text
    let s = this.#v[5 * i + 3]
    let e = this.#v[5 * i + 4]
    const q = t.charCodeAt(s)
    if (q === 0x22 || q === 0x27) {
      s++
      e--
    }
    if (e - s === name.length && t.startsWith(name, s)) return true
    // Only an escape makes a key's source differ from its value.
    const slash = t.indexOf('\\', s)
    return slash >= 0 && slash < e && this.key(i) === name
  }

  /** The values directly inside value `i`, in document order. */
  *children(i: number): Generator<number> {
    const k = this.#inner(i)
    const stop = this.next(k)
    for (let j = k + 1; j < stop; j = this.next(j)) yield j
  }

  /**
   * The child of value `i` named `segment` (an object key, the last of duplicates as the parsers take;
   * or an array index), or -1.
   */
  child(i: number, segment: string): number {
    const kind = this.kind(i)
    if (kind === 'array') {
      if (!/^(?:0|[1-9]\d*)$/.test(segment)) return -1
      let n = Number(segment)
      for (const j of this.children(i)) if (n-- === 0) return j
      return -1
    }
    if (kind !== 'object') return -1
    let found = -1
    for (const j of this.children(i)) if (this.keyIs(j, segment)) found = j
    return found
  }

  /** The value at `path` from the root, or -1. */
  find(path: readonly string[]): number {
    let i = this.count > 0 ? 0 : -1
    for (let k = 0; k < path.length && i >= 0; k++) i = this.child(i, path[k])
    return i
  }
}

/**
 * The maps of the last few documents the config reader parsed through the scan, so that locating
 * values in one of them needs no second pass. Keyed by the text itself: a map is only ever used for
 * the very text it was built from.
 */
const recent: OffsetMap[] = []
const RECENT = 8

export function rememberOffsets(map: OffsetMap): void {
  if (recent.includes(map)) return
  recent.unshift(map)
  if (recent.length > RECENT) recent.length = RECENT
}

export function rememberedOffsets(text: string): OffsetMap | undefined {
  return recent.find((m) => m.text === text)
}
