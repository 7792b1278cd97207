import {decodeJson5String, isJson5Space, skipComment} from './lex.js'
import {rememberedOffsets, type OffsetMap} from './offsets.js'
import {LineIndex} from '../lines.js'
import {skimContainer} from './skim.js'

/** Where one JSON5 value sits in the source text. Offsets are UTF-16 indices; line/column are 1-based. */
export interface ValueSpan {
  start: number
  /** Exclusive end of the value's raw text (closing quote or bracket included). */
  end: number
  line: number
  column: number
  kind: 'string' | 'object' | 'array' | 'other'
  /** Quote character of a string value. */
  quote?: '"' | "'"
}

/** Path segments joined by NUL: keys may contain dots, never NUL in practice. */
export const pathKey = (path: readonly string[]): string => path.join('\u0000')

/** The characters that matter inside a skipped container, and inside each kind of string. */
const CONTAINER_STOP = /["'/{}[\]]/g
const DOUBLE_STOP = /["\\\n\r]/g
const SINGLE_STOP = /['\\\n\r]/g

class Scanner {
  pos = 0
  readonly found = new Map<string, ValueSpan>()
  /** Paths walked so far: only a second walk of a path (a duplicate key) has anything to forget. */
  private readonly walked = new Set<string>()
  constructor(
    readonly text: string,
    readonly wanted: (path: readonly string[]) => boolean,
    readonly descend: (path: readonly string[]) => boolean,
  ) {}

  /** Jump over a whole object or array (nothing inside is wanted): only strings and comments matter. */
  skipContainer(): void {
    const t = this.text
    // Written as plain JSON (most of a big config): its end by token runs.
    const skimmed = skimContainer(t, this.pos)
    if (skimmed.end >= 0) {
      this.pos = skimmed.end
      return
    }
    let depth = 0
    for (;;) {
      // Jump straight to the next character that matters (a regex scan, far faster than charCodeAt).
      CONTAINER_STOP.lastIndex = this.pos
      if (!CONTAINER_STOP.test(t)) {
        this.pos = t.length
        this.fail()
      }
      this.pos = CONTAINER_STOP.lastIndex - 1
      const c = t.charCodeAt(this.pos)
      if (c === 0x22 || c === 0x27) this.pos = this.stringEnd(this.pos)
      else if (c === 0x2f) this.pos = Math.max(skipComment(t, this.pos), this.pos + 1)
      else {
        this.pos++
        if (c === 0x7b || c === 0x5b) depth++
        else if (--depth === 0) return
      }
    }
  }

  ws(): void {
    const t = this.text
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos)
      if (isJson5Space(c)) this.pos++
      else if (c === 0x2f /* / */) {
        const next = skipComment(t, this.pos)
        if (next === this.pos) return
        this.pos = next
      } else return
    }
  }

  fail(): never {
    throw new SyntaxError(`JSON5 scan failed at offset ${this.pos}`)
  }

  /** Returns the end offset of a string literal starting at `start` (the quote). */
  stringEnd(start: number): number {
    const t = this.text
    const stop = t.charCodeAt(start) === 0x22 ? DOUBLE_STOP : SINGLE_STOP
    let i = start + 1
    for (;;) {
      stop.lastIndex = i
      if (!stop.test(t)) {
        i = Math.max(i, t.length)
        break
      }
      i = stop.lastIndex - 1
      const c = t.charCodeAt(i)
      // An escape; `\` + CRLF is one line continuation.
      if (c === 0x5c /* \ */) i += t.charCodeAt(i + 1) === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 3 : 2
      else if (c === 0x0a || c === 0x0d) break
      else return i + 1
    }
    this.pos = i
    return this.fail()
  }

  key(): string {
    const t = this.text
    const c = t.charCodeAt(this.pos)
    const start = this.pos
    if (c === 0x22 || c === 0x27) {
      this.pos = this.stringEnd(start)
      return decodeJson5String(t.slice(start + 1, this.pos - 1))
    }
    // Unquoted identifier: runs until whitespace, ':' or a comment; `\uXXXX` escapes are allowed.
    while (this.pos < t.length) {
      const k = t.charCodeAt(this.pos)
      if (k === 0x3a || k === 0x2f || isJson5Space(k)) break
      this.pos++
    }
    if (this.pos === start) this.fail()
    return decodeJson5String(t.slice(start, this.pos))
  }

  value(path: string[]): void {
    this.forget(path)
    this.ws()
    const t = this.text
    const start = this.pos
    const c = t.charCodeAt(start)
    let span: ValueSpan
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isObj = c === 0x7b
      if (!this.descend(path)) {
        this.skipContainer()
        this.record(path, {start, end: this.pos, line: 0, column: 0, kind: isObj ? 'object' : 'array'})
        return
      }
      this.pos++
      this.ws()
      let index = 0
      while (t.charCodeAt(this.pos) !== (isObj ? 0x7d : 0x5d)) {
        if (this.pos >= t.length) this.fail()
        if (isObj) {
          const k = this.key()
          this.ws()
          if (t.charCodeAt(this.pos) !== 0x3a) this.fail()
          this.pos++
          this.value([...path, k])
        } else this.value([...path, String(index++)])
        this.ws()
        if (t.charCodeAt(this.pos) === 0x2c /* , */) {
          this.pos++
          this.ws()
        } else if (t.charCodeAt(this.pos) !== (isObj ? 0x7d : 0x5d)) this.fail()
      }
      this.pos++
      span = {start, end: this.pos, line: 0, column: 0, kind: isObj ? 'object' : 'array'}
    } else if (c === 0x22 || c === 0x27) {
      this.pos = this.stringEnd(start)
      span = {start, end: this.pos, line: 0, column: 0, kind: 'string', quote: c === 0x22 ? '"' : "'"}
    } else {
      // Number, true/false/null, Infinity, NaN: a run up to the next delimiter.
      while (this.pos < t.length) {
        const k = t.charCodeAt(this.pos)
        if (k === 0x2c || k === 0x7d || k === 0x5d || k === 0x2f || isJson5Space(k)) break
        this.pos++
      }
      if (this.pos === start) this.fail()
      span = {start, end: this.pos, line: 0, column: 0, kind: 'other'}
    }
    this.record(path, span)
  }

  /** A later duplicate key replaces the whole earlier value (JSON.parse and JSON5 agree), so drop what
   * an earlier occurrence of this path left behind before walking the new one. */
  forget(path: string[]): void {
    const own = pathKey(path)
    // Scanning `found` for every value was quadratic: 100 000 unknown keys (each one a schema error
    // to place) took minutes. Paths seen for the first time cannot have left anything behind.
    if (!this.walked.has(own)) {
      this.walked.add(own)
      return
    }
    if (this.found.size === 0) return
    for (const k of this.found.keys()) {
      if (k === own || path.length === 0 || k.startsWith(own + '\u0000')) this.found.delete(k)
    }
  }

  record(path: string[], span: ValueSpan): void {
    if (this.wanted(path)) this.found.set(pathKey(path), span)
  }
}

/** The span of value `i` of an offset map (line and column still to be set). */
export function spanOf(map: OffsetMap, i: number): ValueSpan {
  const kind = map.kind(i)
  const start = map.start(i)
  const span: ValueSpan = {start, end: map.end(i), line: 0, column: 0, kind}
  if (kind === 'string') span.quote = map.text.charCodeAt(start) === 0x22 ? '"' : "'"
  return span
}

/** locateValues answered from the scan's offset map: a walk of the values, no pass over the text. */
export function locateInOffsets(
  map: OffsetMap,
  wanted: (path: readonly string[]) => boolean,
  descend: (path: readonly string[]) => boolean,
): Map<string, ValueSpan> {
  const found = new Map<string, ValueSpan>()
  const todo: [number, string[]][] = [[0, []]]
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [i, path] = item
    if (wanted(path)) found.set(pathKey(path), spanOf(map, i))
    const kind = map.kind(i)
    if ((kind !== 'object' && kind !== 'array') || !descend(path)) continue
    if (kind === 'array') {
      let n = 0
      for (const j of map.children(i)) todo.push([j, [...path, String(n++)]])
      continue
    }
    // A later duplicate key replaces the whole earlier value, as JSON.parse and json5 do.
    const last = new Map<string, number>()
    for (const j of map.children(i)) last.set(map.key(j), j)
    for (const [k, j] of last) todo.push([j, [...path, k]])
  }
  return found
}

/**
 * Walk a JSON5 document once and return the spans of the values whose key path satisfies `wanted`
 * (keyed by `pathKey`). Comments, single quotes, unquoted keys, trailing commas, CRLF and
 * duplicate keys (last wins) are handled. Throws SyntaxError on text that is not JSON5.
 */
export function locateValues(
  text: string,
  wanted: (path: readonly string[]) => boolean,
  /** Return false to jump over a container whose contents are not wanted (much faster on big files). */
  descend: (path: readonly string[]) => boolean = () => true,
): Map<string, ValueSpan> {
  // A config the reader parsed through the JSON5 scan: its offset map already has every place.
  const map = rememberedOffsets(text)
  if (map) {
    const found = locateInOffsets(map, wanted, descend)
    setLineColumns(text, [...found.values()])
    return found
  }
  // Plain JSON (JSON.parse read it, no scan ran) or text the scan declined: one pass here.
  return locateByPass(text, wanted, descend)
}

/** locateValues by its own pass over the text (any JSON5 the json5 package reads). */
export function locateByPass(
  text: string,
  wanted: (path: readonly string[]) => boolean,
  descend: (path: readonly string[]) => boolean = () => true,
): Map<string, ValueSpan> {
  const s = new Scanner(text, wanted, descend)
  s.value([])
  s.ws()
  if (s.pos !== text.length) s.fail()
  setLineColumns(text, [...s.found.values()])
  return s.found
}

/** Line and column of every span, from one line index of the text (one pass, then a binary search each). */
function setLineColumns(text: string, spans: ValueSpan[]): void {
  const lines = new LineIndex(text, 'lf')
  for (const span of spans) Object.assign(span, lines.position(span.start))
}

/** Locate one value by key path. */
export function locateValue(text: string, path: readonly string[]): ValueSpan | undefined {
  const want = pathKey(path)
  const prefix = (p: readonly string[]) => p.length < path.length && p.every((k, i) => k === path[i])
  return locateValues(text, (p) => p.length === path.length && pathKey(p) === want, prefix).get(want)
}
