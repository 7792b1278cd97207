import {LineIndex} from '../lines.js'

// The product loads .env files with the `dotenv` package (infra/dotenv.js); this is
// dotenv 16's line grammar, so we read exactly the values it would.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm

export interface DotenvEntry {
  name: string
  value: string
  line: number
  column: number
}

/**
 * Parse .env text as dotenv 16 does; the last assignment of a name wins. With `wanted`, only the
 * assignments of those names are returned (every line is still matched in order, as dotenv does: a
 * quoted value may span lines), and the others cost no decoding and no line lookup.
 */
export function parseDotenv(text: string, wanted?: (name: string) => boolean): DotenvEntry[] {
  const src = text.replace(/\r\n?/g, '\n')
  const out: DotenvEntry[] = []
  let lines: LineIndex | undefined
  let m: RegExpExecArray | null
  LINE.lastIndex = 0
  while ((m = LINE.exec(src)) !== null) {
    if (m[0] === '' ) {
      LINE.lastIndex++
      continue
    }
    const name = m[1]
    if (wanted && !wanted(name)) continue
    let value = (m[2] ?? '').trim()
    const quote = value[0]
    value = unquote(value)
    if (quote === '"' && value.includes('\\')) value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r')
    const {line, column} = (lines ??= new LineIndex(src, 'lf')).position(m.index + m[0].indexOf(name))
    out.push({name, value, line, column})
  }
  return out
}

const QUOTED = /^(['"`])([\s\S]*)\1$/gm
/** What `^` and `$` stop at under the m flag. */
const LINE_BREAK = /[\n\r\u2028\u2029]/

/**
 * dotenv's `value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')`. On a one-line value (nearly all of them)
 * that is: the quotes off when the value starts and ends with the same one. The regex itself, with
 * its back reference, cost more than all the rest of the parse (10 000 lines: tens of ms).
 */
export function unquote(value: string): string {
  if (LINE_BREAK.test(value)) return value.replace(QUOTED, '$2')
  const q = value[0]
  return value.length >= 2 && (q === "'" || q === '"' || q === '`') && value[value.length - 1] === q ? value.slice(1, -1) : value
}
