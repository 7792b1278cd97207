// Skimming: jump over a whole object or array that is written as plain JSON, without looking at its
// values one by one. Most of a big config is such a container (a long `env.vars`, a list of agents),
// and the JSON5 scan (scan.ts) and the locator (locate.ts) need only its end.
//
// A skim reads tokens, not grammar: a run of them is taken by one sticky regex (compiled to machine
// code, it crosses a megabyte in about a millisecond), and only brackets are counted here. It accepts
// JSON tokens only (JSON whitespace, double-quoted strings with JSON's escapes and no control
// character, JSON numbers, true/false/null but not as a key, `:` and a `,` that no closer follows),
// so a container it takes holds nothing that JSON5 reads otherwise than JSON does, and a valid JSON5
// container it takes is valid JSON. Whether the tokens are in a valid order (`[1 2]`, which JSON5
// refuses too) is left to `JSON.parse`, which reads every skimmed container afterwards.

const TOKEN = [
  '[ \\t\\n\\r]+',
  // A string: runs of plain characters between JSON escapes (unrolled, so a long string costs no backtracking).
  '"[^"\\\\\\x00-\\x1f]*(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\\\\x00-\\x1f]*)*"',
  '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?',
  // Not a key, nor the start of one: `{true: 1}` and `{null_ok: 1}` are JSON5 (unquoted keys), not JSON.
  '(?:true|false|null)(?![A-Za-z0-9_$\\\\]|[ \\t\\n\\r]*:)',
  ':',
  // A trailing comma is JSON5 only: the scan cuts it.
  ',(?![ \\t\\n\\r]*[\\]}])',
].join('|')

/** Up to 4096 tokens a call: bounded, so a huge container never grows the regex engine's backtrack stack far. */
const TOKENS = new RegExp(`(?:${TOKEN}){0,4096}`, 'y')

/** What a skim found. */
export interface Skimmed {
  /** The end (exclusive) of the container, or -1 when it is not JSON as written. */
  end: number
  /** Where the skim stopped when `end` is -1: the first character that is not a JSON token, or a closer that does not match. */
  stoppedAt: number
  /** The first `{`/`[` nested `maxDepth` or more containers deep, or -1. */
  tooDeepAt: number
  /**
   * When the skim stopped: the containers inside that closed before it, by start (their end), at least
   * `keepAt` long. They are JSON as written: a later pass takes them without a second skim.
   */
  closed?: Map<number, number>
}

/**
 * Skim the container whose `{` or `[` is at `start`, itself nested `depth` containers deep. A regex
 * that runs out of backtrack stack ends the skim like any other stop.
 */
export function skimContainer(text: string, start: number, depth = 0, maxDepth = Infinity, keepAt = 1024): Skimmed {
  /** The opening offset of each open container, innermost last. */
  const opens: number[] = []
  let closed: Map<number, number> | undefined
  let tooDeepAt = -1
  let i = start
  const stop = (): Skimmed => ({end: -1, stoppedAt: i, tooDeepAt, closed})
  for (;;) {
    const c = text.charCodeAt(i)
    if (c === 0x7b || c === 0x5b) {
      if (depth + opens.length >= maxDepth && tooDeepAt < 0) tooDeepAt = i
      opens.push(i)
      i++
    } else if (c === 0x7d || c === 0x5d) {
      // `}` is `{` + 2, `]` is `[` + 2.
      const from = opens.pop()
      if (from === undefined || text.charCodeAt(from) + 2 !== c) return stop()
      i++
      if (opens.length === 0) return {end: i, stoppedAt: i, tooDeepAt}
      if (i - from >= keepAt) (closed ??= new Map()).set(from, i)
    } else {
      TOKENS.lastIndex = i
      try {
        TOKENS.test(text)
      } catch (err) {
        // The regex engine's own stack ran out (a RangeError): the caller reads this part its own way.
        if (!(err instanceof RangeError)) throw err
        return stop()
      }
      if (TOKENS.lastIndex === i) return stop()
      i = TOKENS.lastIndex
    }
  }
}
