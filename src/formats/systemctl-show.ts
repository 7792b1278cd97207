/**
 * Parsers for `systemctl --user show` output. Pure functions, no I/O.
 */

/** `Key=value` lines into a map. The value is everything after the first `=` (it may contain more `=`). */
export function parseShow(stdout: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    out[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return out
}

const SIMPLE_ESCAPES: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11}

/**
 * Split the value of `show -p Environment` into assignments.
 *
 * systemd (shell_maybe_quote + cescape_char, checked on 252) prints the assignments separated by
 * single spaces; an assignment with whitespace, quotes, shell metacharacters or control bytes is
 * wrapped in double quotes, with `"` `\` `` ` `` `$` backslash-escaped and control/invalid bytes
 * as C escapes (`\t`, `\n`, octal `\177`). We decode to bytes first, then UTF-8, so an octal
 * escape of a multi-byte character round-trips.
 */
export function splitShowEnvironment(value: string): string[] {
  const src = Buffer.from(value, 'utf8')
  const words: string[] = []
  let cur: number[] | undefined
  let quoted = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (!quoted && c === 0x20) {
      if (cur) words.push(Buffer.from(cur).toString('utf8'))
      cur = undefined
      continue
    }
    cur ??= []
    if (c === 0x22) {
      quoted = !quoted
      continue
    }
    if (c !== 0x5c || i + 1 >= src.length) {
      cur.push(c)
      continue
    }
    i = decodeEscape(src, i + 1, cur)
  }
  if (cur) words.push(Buffer.from(cur).toString('utf8'))
  return words
}

/** Decode the escape whose letter is at `src[i]` into `out`; returns the index of its last byte. */
function decodeEscape(src: Buffer, i: number, out: number[]): number {
  const ch = String.fromCharCode(src[i])
  if (ch in SIMPLE_ESCAPES) {
    out.push(SIMPLE_ESCAPES[ch])
    return i
  }
  if (ch >= '0' && ch <= '7') {
    const oct = src.subarray(i, i + 3).toString('latin1')
    if (/^[0-7]{3}$/.test(oct)) {
      out.push(parseInt(oct, 8) & 0xff)
      return i + 2
    }
  }
  if (ch === 'x') {
    const hex = src.subarray(i + 1, i + 3).toString('latin1')
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16))
      return i + 2
    }
  }
  if (ch === 'u' || ch === 'U') {
    const n = ch === 'u' ? 4 : 8
    const hex = src.subarray(i + 1, i + 1 + n).toString('latin1')
    if (new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) {
      out.push(...Buffer.from(String.fromCodePoint(parseInt(hex, 16)), 'utf8'))
      return i + n
    }
  }
  // `\"`, `\\`, `` \` ``, `\$`, `\'` and anything unknown: the character itself.
  out.push(src[i])
  return i
}

/** `show -p Environment` value into a map (later assignments win, as in systemd). */
export function parseShowEnvironment(value: string): Map<string, string> {
  const env = new Map<string, string>()
  for (const word of splitShowEnvironment(value)) {
    const eq = word.indexOf('=')
    if (eq <= 0) continue
    env.set(word.slice(0, eq), word.slice(eq + 1))
  }
  return env
}
