// Small JSON5 lexical helpers shared by the locator and the editor.

/** JSON5 WhiteSpace and LineTerminator (spec §5.1): tab, LF, VT, FF, CR, space, NBSP, LS, PS, BOM, Zs. */
export function isJson5Space(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true
  if (c < 0x80) return false
  return c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || /\p{Zs}/u.test(String.fromCharCode(c))
}

/** If a comment starts at `pos`, return the offset after it; otherwise `pos`. An unterminated block comment throws. */
export function skipComment(text: string, pos: number): number {
  const next = text.charCodeAt(pos + 1)
  if (next === 0x2f /* // */) {
    let i = pos + 2
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) break
      i++
    }
    return i
  }
  if (next === 0x2a /* /* */) {
    const end = text.indexOf('*/', pos + 2)
    if (end === -1) throw new SyntaxError(`unterminated comment at offset ${pos}`)
    return end + 2
  }
  return pos
}

const SIMPLE_ESCAPES: Record<string, string> = {b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0'}

/** Decode the inside of a JSON5 string literal (or an unquoted key with `\uXXXX` escapes). */
export function decodeJson5String(raw: string): string {
  if (!raw.includes('\\')) return raw
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]
    if (ch !== '\\') {
      out += ch
      continue
    }
    const e = raw[++i]
    if (e === 'u') {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16))
      i += 4
    } else if (e === 'x') {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16))
      i += 2
    } else if (e === '\r') {
      if (raw[i + 1] === '\n') i++ // line continuation: CRLF
    } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
      // line continuation: nothing
    } else {
      out += SIMPLE_ESCAPES[e] ?? e
    }
  }
  return out
}

/** A lone surrogate cannot be written as UTF-8; it must be escaped to survive the round trip. */
function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i)
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = s.charCodeAt(i + 1)
    return !(n >= 0xdc00 && n <= 0xdfff)
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = s.charCodeAt(i - 1)
    return !(p >= 0xd800 && p <= 0xdbff)
  }
  return false
}

/**
 * Encode a string as a JSON5 string literal with the given quote, escaping what JSON5 requires
 * (the quote, backslash, line terminators) plus other control characters, so the result is also
 * valid JSON when the quote is `"`.
 */
export function encodeJson5String(value: string, quote: '"' | "'"): string {
  let out = quote
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    const c = value.charCodeAt(i)
    if (ch === quote || ch === '\\') out += '\\' + ch
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || isLoneSurrogate(value, i)) {
      out += '\\u' + c.toString(16).padStart(4, '0')
    } else out += ch
  }
  return out + quote
}
