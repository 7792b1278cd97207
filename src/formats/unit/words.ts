// systemd's word splitter for unit values: extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)
// and cunescape_one() from src/basic/extract-word.c / escape.c (systemd 252). Pure.

export interface Word {
  /** The word after unquoting and unescaping. */
  text: string
  /** Offsets in the input: first char of the word, one past its last char. */
  start: number
  end: number
}

export type WordResult = {ok: true; word?: Word; next: number} | {ok: false; error: string; start: number}

const WS = ' \t\n\r'
const SIMPLE: Record<string, string> = {a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ', '\\': '\\', '"': '"', "'": "'", '?': '?'}

function hexRun(s: string, at: number, n: number, re: RegExp): number | undefined {
  const run = s.slice(at, at + n)
  return run.length === n && re.test(run) ? Number.parseInt(run, n === 3 ? 8 : 16) : undefined
}

/** One C escape after a backslash at s[at]: [decoded text, chars consumed] or an error. */
export function unescapeOne(s: string, at: number): [string, number] | string {
  const c = s[at]
  if (c === undefined) return 'a trailing backslash'
  if (c in SIMPLE) return [SIMPLE[c], 1]
  const HEX = /^[0-9a-fA-F]+$/
  let code: number | undefined
  let used = 0
  if (c === 'x') [code, used] = [hexRun(s, at + 1, 2, HEX), 3]
  else if (c === 'u') [code, used] = [hexRun(s, at + 1, 4, HEX), 5]
  else if (c === 'U') [code, used] = [hexRun(s, at + 1, 8, HEX), 9]
  else if (c >= '0' && c <= '7') [code, used] = [hexRun(s, at, 3, /^[0-7]+$/), 3]
  else return `an unknown escape "\\${c}"`
  // systemd refuses \0-style escapes that would yield NUL, and non-Unicode code points.
  if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return `an invalid escape "\\${s.slice(at, at + used)}"`
  }
  // \x and octal give a raw byte; bytes >= 0x80 are not valid UTF-8 on their own (rare; kept as Latin-1).
  return [String.fromCodePoint(code), used]
}

/**
 * Read the next word starting at `from`. Quotes may open and close anywhere in a word
 * (`A="b c"d` is one word), backslash escapes work inside both quote kinds. An
 * unterminated quote or a bad escape is an error: systemd then ignores the rest of the line.
 */
export function extractWord(s: string, from: number): WordResult {
  let i = from
  while (i < s.length && WS.includes(s[i])) i++
  if (i >= s.length) return {ok: true, next: i}
  const start = i
  let text = ''
  let quote: string | undefined
  for (; i < s.length; i++) {
    const c = s[i]
    if (c === '\\') {
      const r = unescapeOne(s, i + 1)
      if (typeof r === 'string') return {ok: false, error: `${r} at offset ${i}`, start}
      text += r[0]
      i += r[1]
    } else if (quote !== undefined) {
      if (c === quote) quote = undefined
      else text += c
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (WS.includes(c)) {
      break
    } else {
      text += c
    }
  }
  if (quote !== undefined) return {ok: false, error: `an unterminated ${quote} quote`, start}
  const end = i
  while (i < s.length && WS.includes(s[i])) i++
  // A bare `""` is still a word (an empty one), as in systemd.
  return {ok: true, word: {text, start, end}, next: i}
}
