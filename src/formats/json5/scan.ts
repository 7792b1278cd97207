// The JSON5 fast path: one linear scan turns a JSON5 text into JSON text that `JSON.parse` reads to the
// very value the `json5` package would build (json5 2.2.3's grammar, checked against it by a property
// test and the hostile corpus). The scan only rewrites what JSON lacks (comments, trailing commas, odd
// whitespace, single quotes, unquoted keys, JSON5-only escapes and numbers) and copies the rest, except
// big containers that are JSON as written: those stay out of the copy and are parsed from the input
// itself (parseScanned), so a big config is never held twice. On the way it records where every value
// and key sits in the input (the offset map, offsets.ts). A big container written as plain JSON is
// skimmed (skim.ts): its end is found without a look at each value, and the map learns what is inside
// only if someone asks.
//
// Whatever it is not sure of, it declines (`undefined`) and the caller runs the json5 package, which
// also gives the exact error: invalid text, `Infinity`/`NaN` (JSON cannot express them), a key or a
// whitespace character outside ASCII (json5 judges those with its own Unicode tables).

import {OffsetMap} from './offsets.js'
import {skimContainer} from './skim.js'

/** Thrown inside the scan to decline; never escapes this module. */
class Decline {}
const DECLINE = new Decline()

export interface Json5AsJson {
  /** JSON text equivalent to the input (the input itself when it needed no change). */
  json: string
  /** Offset of the first `{`/`[` nested deeper than the given limit, or -1. */
  tooDeepAt: number
  /**
   * The values (offset-map indices, in text order) that `json` holds as `0`: big containers the scan
   * found to be JSON as written, which parseScanned reads from the text itself. Copying them into
   * `json` would hold a second copy of a big config on the heap (and cost a full GC on a 10 MB one).
   */
  lifted: readonly number[]
  /** Where each value and key sits in the input (offsets.ts). */
  offsets: OffsetMap
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
const isIdAscii = (c: number): boolean => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x24 || c === 0x5f
const isIdContinueAscii = (c: number): boolean => isIdAscii(c) || isDigit(c)

/** JSON5 whitespace that JSON lacks (json5 2.2.3: VT, FF, NBSP, BOM, LS, PS and its Space_Separator table). */
function isExtraSpace(c: number): boolean {
  return (
    c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 ||
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000
  )
}

/** What ends a run of characters a JSON string holds as they are. */
const JSON_STRING_STOP = /["\\\u0000-\u001f]/g
/** The control characters but `\n` (found by indexOf: it ends every line, this regex would stop at each). */
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f]/
const CONTROL_STRETCH = 64 * 1024

const SIMPLE: Record<number, string> = {0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t', 0x76: '\v'}

class Scan {
  pos = 0
  private readonly out: string[] = []
  /** text[copied, pos) has not been emitted yet and is emitted verbatim unless cut. */
  private copied = 0
  tooDeepAt = -1
  readonly offsets: OffsetMap
  /** The key token of the member whose value comes next: text[keyStart, keyEnd). */
  private keyStart = -1
  private keyEnd = -1
  /** Set by a dry `space()` run: something there would have been cut. */
  private dirty = false
  /**
   * The next backslash, `\n` and other control character at or after some earlier string start (the
   * text's length when there is none): a double-quoted string that ends before all three is JSON as
   * it stands. Each is searched again only once a string starts past it, so the text is searched for
   * each once in all, not once per string (most of a big config is short strings).
   * `controlAt` may also be the end of a stretch searched in vain (see plainUntil).
   */
  private slashAt = -1
  private lfAt = -1
  private controlAt = -1
  /** Cuts so far: a container inside which none was made is JSON as written ("clean"). */
  private cuts = 0
  /** Per open container, innermost last: its offset-map index, and `cuts` and `pending.length` when it opened. */
  private readonly open: number[] = []
  private readonly cutsAtOpen: number[] = []
  private readonly pendingAtOpen: number[] = []
  /** Clean containers inside still-clean open ones: lifted once a cut makes those unclean. */
  private readonly pending: number[] = []
  readonly lifted: number[] = []
  /**
   * No container opening before this offset is skimmed: a skim that stopped there went over them
   * already, and those it found JSON as written are in `skimmedEnds` (by start: their end).
   */
  private skimFrom = 0
  private skimmedEnds?: Map<number, number>
  /** Only the offset map is wanted (a skimmed container read later): no JSON text is built. */
  private readonly offsetsOnly: boolean

  constructor(
    readonly text: string,
    readonly maxDepth: number,
    /** Clean containers at least this long are lifted (Json5AsJson.lifted). */
    readonly liftAt: number,
    /** Containers found JSON as written that are at least this long stay skimmed (Infinity: never skim). */
    readonly skimAt: number,
    /** The map to add to (a skimmed container being read), instead of a new one. */
    map?: OffsetMap,
  ) {
    this.offsets = map ?? new OffsetMap(text, expandSkimmed)
    this.offsetsOnly = map !== undefined
  }

  /** Replace text[from, to) by `by` in the output. Calls come in text order. */
  private cut(from: number, to: number, by: string): void {
    // Every open container now has a cut inside: its clean parts so far, all before `from`, are lifted.
    if (this.pending.length > 0) {
      const lift = [...this.pending]
      this.pending.length = 0
      for (const i of lift) this.lift(i)
    }
    this.cuts++
    this.replace(from, to, by)
  }

  private lift(i: number): void {
    this.cuts++
    this.replace(this.offsets.start(i), this.offsets.end(i), '0')
    this.lifted.push(i)
  }

  private replace(from: number, to: number, by: string): void {
    if (this.offsetsOnly) return
    if (from > this.copied) this.out.push(this.text.slice(this.copied, from))
    if (by !== '') this.out.push(by)
    this.copied = to
  }

  result(): string {
    if (this.copied === 0) return this.text // nothing was cut
    if (this.copied < this.text.length) this.out.push(this.text.slice(this.copied))
    return this.out.join('')
  }

  /**
   * End of the whitespace and comments starting at `from`. With `emit`, what JSON lacks is cut;
   * without, `dirty` tells whether anything would have been.
   */
  private space(from: number, emit: boolean): number {
    const t = this.text
    let i = from
    this.dirty = false
    for (;;) {
      const c = t.charCodeAt(i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++
      else if (c === 0x2f) {
        const d = t.charCodeAt(i + 1)
        let end: number
        if (d === 0x2f) {
          end = i + 2
          for (;;) {
            const e = t.charCodeAt(end)
            if (e !== e || e === 0x0a || e === 0x0d || e === 0x2028 || e === 0x2029) break // NaN: end of text
            end++
          }
        } else if (d === 0x2a) {
          const close = t.indexOf('*/', i + 2)
          if (close < 0) throw DECLINE
          end = close + 2
        } else throw DECLINE
        if (emit) this.cut(i, end, '')
        else this.dirty = true
        i = end
      } else if (c >= 0x0b && isExtraSpace(c)) {
        if (emit) this.cut(i, i + 1, '')
        else this.dirty = true
        i++
      } else return i
    }
  }

  ws(): void {
    // Most calls stand on a token already (`:` after a key, `,` after a value): printable ASCII other
    // than `/` is never space nor a comment.
    const c = this.text.charCodeAt(this.pos)
    if (c > 0x20 && c < 0x7f && c !== 0x2f) return
    this.pos = this.space(this.pos, true)
  }

  private openContainer(v: number): void {
    this.open.push(v)
    this.cutsAtOpen.push(this.cuts)
    this.pendingAtOpen.push(this.pending.length)
  }

  /** The innermost open container ends at pos. */
  private closeContainer(): void {
    const v = this.open.pop()!
    const cutsBefore = this.cutsAtOpen.pop()!
    const pendingBefore = this.pendingAtOpen.pop()!
    this.offsets.close(v, this.pos)
    if (this.cuts !== cutsBefore) return
    // Clean: whatever was pending inside it goes with it.
    if (this.pending.length > pendingBefore) this.pending.length = pendingBefore
    this.closeClean(v)
  }

  /**
   * The end, when the container opening at pos (`depth` containers deep) is JSON as written and long
   * enough to stay skimmed; else -1, and the scan reads it value by value.
   */
  private skim(depth: number): number {
    if (this.skimAt === Infinity) return -1
    if (this.pos < this.skimFrom) return this.skimmedEnds?.get(this.pos) ?? -1
    const r = skimContainer(this.text, this.pos, depth, this.maxDepth, this.skimAt)
    if (r.tooDeepAt >= 0 && this.tooDeepAt < 0) this.tooDeepAt = r.tooDeepAt
    if (r.end >= 0 && r.end - this.pos >= this.skimAt) return r.end
    // Read it value by value, and do not skim inside again: up to where the skim went, it knows.
    this.skimFrom = r.stoppedAt
    this.skimmedEnds = r.closed
    return -1
  }

  /** Value v, a container, ended at pos with no cut inside: lifted if long, now or once its parent has a cut. */
  private closeClean(v: number): void {
    if (this.pos - this.offsets.start(v) < this.liftAt) return
    const depth = this.open.length
    if (depth === 0 || this.cuts !== this.cutsAtOpen[depth - 1]) this.lift(v)
    else this.pending.push(v)
  }

  /**
   * Parse one whole value (iteratively: nesting depth costs no stack): the whole text, or with `one`,
   * the value at pos and nothing after it.
   */
  document(one = false): void {
    const t = this.text
    /** true for an object, false for an array, innermost last. */
    const stack: boolean[] = []
    const map = this.offsets
    this.ws()
    for (;;) {
      // A value is expected at pos.
      const c = t.charCodeAt(this.pos)
      const v = map.open(this.pos, this.keyStart, this.keyEnd)
      this.keyStart = this.keyEnd = -1
      if (c === 0x7b || c === 0x5b) {
        if (stack.length >= this.maxDepth && this.tooDeepAt < 0) this.tooDeepAt = this.pos
        const end = this.skim(stack.length)
        if (end >= 0) {
          // JSON as written, and long: the map learns what is inside only if asked (OffsetMap.children).
          this.pos = end
          map.close(v, end)
          map.skimmed(v)
          this.closeClean(v)
        } else {
          const isObj = c === 0x7b
          stack.push(isObj)
          this.openContainer(v)
          this.pos++
          this.ws()
          if (t.charCodeAt(this.pos) === (isObj ? 0x7d : 0x5d)) {
            this.pos++
            stack.pop()
            this.closeContainer()
          } else if (isObj) {
            this.member()
            continue
          } else continue
        }
      } else {
        this.scalar(c)
        map.close(v, this.pos)
      }
      // After a value: a separator, a closer, or the end.
      for (;;) {
        if (one && stack.length === 0) return
        this.ws()
        if (stack.length === 0) {
          if (this.pos !== t.length) throw DECLINE
          return
        }
        const isObj = stack[stack.length - 1]
        const closer = isObj ? 0x7d : 0x5d
        const d = t.charCodeAt(this.pos)
        if (d === closer) {
          this.pos++
          stack.pop()
          this.closeContainer()
          continue
        }
        if (d !== 0x2c) throw DECLINE
        const comma = this.pos
        const next = this.space(comma + 1, false)
        if (t.charCodeAt(next) === closer) {
          // Trailing comma: dropped. Cut before what follows it, to keep the cuts in text order.
          this.cut(comma, comma + 1, '')
          this.pos = comma + 1
          this.ws()
          this.pos++
          stack.pop()
          this.closeContainer()
          continue
        }
        if (this.dirty) {
          this.pos = comma + 1
          this.ws()
        } else this.pos = next
        if (isObj) this.member()
        break
      }
    }
  }

  /** A key, its colon and the space before the value. */
  private member(): void {
    const t = this.text
    const c = t.charCodeAt(this.pos)
    const keyStart = this.pos
    if (c === 0x22 || c === 0x27) this.string(c)
    else if (isIdAscii(c) || c === 0x5c) this.identifier()
    else throw DECLINE
    this.keyStart = keyStart
    this.keyEnd = this.pos
    this.ws()
    if (t.charCodeAt(this.pos) !== 0x3a) throw DECLINE
    this.pos++
    this.ws()
  }

  private identifier(): void {
    const t = this.text
    const start = this.pos
    let i = start
    let name = ''
    for (;;) {
      const c = t.charCodeAt(i)
      if (c === 0x5c) {
        // \uXXXX only, and the character must itself be allowed here (ASCII decided here, the rest by json5).
        if (t.charCodeAt(i + 1) !== 0x75) throw DECLINE
        for (let k = i + 2; k < i + 6; k++) if (!isHex(t.charCodeAt(k))) throw DECLINE
        const u = parseInt(t.slice(i + 2, i + 6), 16)
        if (!(i === start ? isIdAscii(u) : isIdContinueAscii(u))) throw DECLINE
        name += String.fromCharCode(u)
        i += 6
      } else if (i === start ? isIdAscii(c) : isIdContinueAscii(c)) {
        name += t[i]
        i++
      } else if (c >= 0x80 && c === c) throw DECLINE // a non-ASCII identifier character (or not): json5 decides
      else break
    }
    this.cut(start, i, JSON.stringify(name))
    this.pos = i
  }

  private scalar(c: number): void {
    if (c === 0x22 || c === 0x27) this.string(c)
    else if (c === 0x74) this.literal('true')
    else if (c === 0x66) this.literal('false')
    else if (c === 0x6e) this.literal('null')
    else if (isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e) this.number()
    else throw DECLINE // Infinity, NaN (JSON cannot hold them) and everything invalid
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos)) throw DECLINE
    this.pos += word.length
  }

  private number(): void {
    const t = this.text
    const start = this.pos
    let i = start
    let c = t.charCodeAt(i)
    const negative = c === 0x2d
    if (negative || c === 0x2b) c = t.charCodeAt(++i)
    if (c === 0x30 && (t.charCodeAt(i + 1) | 0x20) === 0x78) {
      // Hexadecimal: json5 takes Number('0x…'), so does this (finite only: JSON has no Infinity).
      const digits = i + 2
      i = digits
      while (isHex(t.charCodeAt(i))) i++
      if (i === digits) throw DECLINE
      const v = Number(t.slice(digits - 2, i))
      if (!Number.isFinite(v)) throw DECLINE
      this.cut(start, i, (negative ? '-' : '') + String(v))
      this.pos = i
      return
    }
    const intStart = i
    if (c === 0x30) i++
    else while (isDigit(t.charCodeAt(i))) i++
    const intEnd = i
    let fixed = t.charCodeAt(start) === 0x2b // JSON has no '+'
    let fracStart = -1
    if (t.charCodeAt(i) === 0x2e) {
      fracStart = ++i
      while (isDigit(t.charCodeAt(i))) i++
      if (intEnd === intStart && i === fracStart) throw DECLINE // a lone point
      if (intEnd === intStart || i === fracStart) fixed = true
    } else if (intEnd === intStart) throw DECLINE // a sign alone, or followed by I/N (Infinity/NaN)
    const expStart = i
    if ((t.charCodeAt(i) | 0x20) === 0x65) {
      i++
      const s = t.charCodeAt(i)
      if (s === 0x2b || s === 0x2d) i++
      const digits = i
      while (isDigit(t.charCodeAt(i))) i++
      if (i === digits) throw DECLINE
    }
    if (fixed) {
      let s = negative ? '-' : ''
      s += intEnd > intStart ? t.slice(intStart, intEnd) : '0'
      if (fracStart >= 0) s += '.' + (expStart > fracStart ? t.slice(fracStart, expStart) : '0')
      this.cut(start, i, s + t.slice(expStart, i))
    }
    this.pos = i
  }

  /**
   * Where, from `i` on, the next character that a JSON string cannot hold as it is sits (see slashAt),
   * or a point past `close` that none comes before.
   */
  private plainUntil(i: number, close: number): number {
    const t = this.text
    if (this.slashAt < i) {
      const s = t.indexOf('\\', i)
      this.slashAt = s < 0 ? t.length : s
    }
    if (this.lfAt < i) {
      const s = t.indexOf('\n', i)
      this.lfAt = s < 0 ? t.length : s
    }
    if (this.controlAt < i) {
      // A regex crawls where indexOf runs: it searches a stretch at a time (past `close`), not on into
      // the skimmed containers the scan never reads strings in.
      const end = Math.min(t.length, Math.max(close + 1, i + CONTROL_STRETCH))
      const at = t.slice(i, end).search(CONTROL_BUT_LF)
      this.controlAt = at >= 0 ? i + at : end
    }
    return Math.min(this.slashAt, this.lfAt, this.controlAt)
  }

  /** A string literal at pos (quote `q`): copied when it is already JSON, else decoded and re-encoded. */
  private string(q: number): void {
    const t = this.text
    const start = this.pos
    let i = start + 1
    if (q === 0x22) {
      const close = t.indexOf('"', i)
      if (close >= 0 && this.plainUntil(i, close) > close) {
        this.pos = close + 1
        return
      }
      // Already JSON unless it holds a control character or an escape JSON lacks. The regex jumps
      // over ordinary characters far faster than a charCodeAt loop (most of a big config is strings).
      for (;;) {
        JSON_STRING_STOP.lastIndex = i
        if (!JSON_STRING_STOP.test(t)) break // unclosed: the decoder below declines
        i = JSON_STRING_STOP.lastIndex - 1
        const c = t.charCodeAt(i)
        if (c === 0x22) {
          this.pos = i + 1
          return
        }
        if (c !== 0x5c) break // a control character
        const d = t.charCodeAt(i + 1)
        if (d === 0x22 || d === 0x5c || d === 0x2f || d === 0x62 || d === 0x66 || d === 0x6e || d === 0x72 || d === 0x74) i += 2
        else if (d === 0x75 && isHex(t.charCodeAt(i + 2)) && isHex(t.charCodeAt(i + 3)) && isHex(t.charCodeAt(i + 4)) && isHex(t.charCodeAt(i + 5))) i += 6
        else break
      }
    }
    // Not JSON as it stands: decode as json5 does.
    i = start + 1
    let value = ''
    let seg = i
    for (;;) {
      const c = t.charCodeAt(i)
      if (c === q) break
      if (c !== c || c === 0x0a || c === 0x0d) throw DECLINE
      if (c !== 0x5c) {
        i++
        continue
      }
      value += t.slice(seg, i)
      const d = t.charCodeAt(i + 1)
      i += 2
      const simple = SIMPLE[d]
      if (simple !== undefined) value += simple
      else if (d === 0x30) {
        if (isDigit(t.charCodeAt(i))) throw DECLINE
        value += '\0'
      } else if (d === 0x78 || d === 0x75) {
        const n = d === 0x78 ? 2 : 4
        for (let k = i; k < i + n; k++) if (!isHex(t.charCodeAt(k))) throw DECLINE
        value += String.fromCharCode(parseInt(t.slice(i, i + n), 16))
        i += n
      } else if (d === 0x0a || d === 0x2028 || d === 0x2029) {
        // line continuation
      } else if (d === 0x0d) {
        if (t.charCodeAt(i) === 0x0a) i++
      } else if (isDigit(d) || d !== d) throw DECLINE
      else value += t[i - 1]
      seg = i
    }
    value += t.slice(seg, i)
    this.cut(start, i + 1, JSON.stringify(value))
    this.pos = i + 1
  }
}

/**
 * JSON text for a JSON5 text, or undefined when the fast path declines (then the json5 package must
 * parse it: the text is invalid, or holds Infinity/NaN or non-ASCII outside strings).
 */
export function json5ToJson(text: string, maxDepth: number, liftAt = LIFT_AT, skimAt = SKIM_AT): Json5AsJson | undefined {
  const s = new Scan(text, maxDepth, liftAt, skimAt)
  try {
    s.document()
  } catch (err) {
    if (err === DECLINE) return undefined
    throw err
  }
  return {json: s.result(), tooDeepAt: s.tooDeepAt, offsets: s.offsets, lifted: s.lifted}
}

/**
 * The offset map of `text` with an entry for every value (nothing skimmed: the whole text checked value
 * by value), or undefined when the scan declines. For the editor, which counts every value anyway.
 */
export function fullOffsets(text: string): OffsetMap | undefined {
  return json5ToJson(text, Infinity, LIFT_AT, Infinity)?.offsets
}

/** Clean containers this long or longer are lifted: below it, the copy costs less than the extra parse. */
export const LIFT_AT = 16 * 1024

/**
 * Containers written as plain JSON this long or longer stay skimmed: below it, reading the few values
 * inside costs less than reading them later, when the locator or the editor asks.
 */
export const SKIM_AT = 1024

/**
 * OffsetMap's Expand: skimmed container `i` read alone, value by value all the way down, its entries added to the map.
 * Nothing inside is skimmed again: a locator going down a deeply nested skimmed part would otherwise skim the rest of
 * it once per level (quadratic); read whole, it costs one pass however deep the path.
 */
function expandSkimmed(map: OffsetMap, i: number): number {
  const s = new Scan(map.text, Infinity, Infinity, Infinity, map)
  s.pos = map.start(i)
  const k = map.count
  try {
    s.document(true)
  } catch (err) {
    // The skim takes tokens, not grammar: text JSON.parse refused can get here (a map of text that never parsed).
    if (err === DECLINE) throw new SyntaxError(`JSON5 scan failed inside the container at offset ${map.start(i)}`)
    throw err
  }
  return k
}

/**
 * The value of a scanned text: `JSON.parse` of its JSON, with each lifted container parsed from the
 * text itself (a slice shares the text's memory) and put back where `JSON.parse` left the value of its
 * key: the last of duplicate keys, as both parsers take it. Throws SyntaxError as `JSON.parse` does.
 *
 * Every lifted container is parsed, also one under a key that a later duplicate replaces: json5 reads
 * (and may refuse) that one too, and a skimmed container's grammar is checked by nothing else.
 */
export function parseScanned(scanned: Json5AsJson): unknown {
  const value: unknown = JSON.parse(scanned.json)
  const {lifted, offsets: map} = scanned
  if (lifted.length === 0) return value
  const values = new Map(lifted.map((i) => [i, JSON.parse(map.text.slice(map.start(i), map.end(i))) as unknown]))
  if (lifted[0] === 0) return values.get(0) // the root itself
  /** Whether a lifted value lies inside value i (lifted is sorted: indices grow in text order). */
  const holdsLifted = (i: number): boolean => {
    let lo = 0
    let hi = lifted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (lifted[mid] <= i) lo = mid + 1
      else hi = mid
    }
    return lo < lifted.length && lifted[lo] < map.next(i)
  }
  // Iterative: the scan takes any nesting depth.
  const todo: [number, Record<string, unknown>][] = [[0, value as Record<string, unknown>]]
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [i, holder] = item
    const visit = (j: number, key: string): void => {
      if (values.has(j)) Object.defineProperty(holder, key, {value: values.get(j), writable: true, enumerable: true, configurable: true})
      else if (holdsLifted(j)) todo.push([j, Object.getOwnPropertyDescriptor(holder, key)!.value as Record<string, unknown>])
    }
    if (map.kind(i) === 'array') {
      let n = 0
      for (const j of map.children(i)) visit(j, String(n++))
    } else {
      const last = new Map<string, number>()
      for (const j of map.children(i)) last.set(map.key(j), j)
      for (const [k, j] of last) visit(j, k)
    }
  }
  return value
}
