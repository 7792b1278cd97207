// Unit file syntax as systemd 252 reads it (config_parse/parse_line in src/shared/conf-parser.c,
// systemd.syntax(7)). Pure: text in, entries and warnings out; never throws on user input.

import type {Problem} from '../../model/place.js'

export {formatEnvironmentAssignment, parseExecStart, splitEnvironmentValue, splitExecStart} from './values.js'
export type {EnvAssignment, ExecCommand} from './values.js'

export interface UnitEntry {
  section: string
  /** Case-sensitive, as in systemd. */
  key: string
  /** After joining continuation lines and stripping outer whitespace. */
  value: string
  /** First physical line of the entry (1-based). */
  line: number
  /** Column of the key (1-based). */
  column: number
  /** Last physical line (differs from `line` for continued entries). */
  lastLine: number
  /** Offset in the text of each char of `value` (a joined continuation has a space for the `\`). */
  valueOffsets: number[]
}

interface PhysLine {
  start: number
  end: number
}

const WS = ' \t\n\r'
const BOM = '\ufeff'

function splitLines(text: string): PhysLine[] {
  const lines: PhysLine[] = []
  // systemd's read_line() ends a line at \n, \r\n, a lone \r, or NUL.
  const re = /\r\n|\n|\r|\0/g
  let start = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    lines.push({start, end: m.index})
    start = m.index + m[0].length
  }
  if (start < text.length) lines.push({start, end: text.length})
  return lines
}

/** Index of the line holding `offset` (binary search). */
function lineIndexOf(lines: PhysLine[], offset: number): number {
  let lo = 0
  let hi = lines.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (lines[mid].start <= offset) lo = mid
    else hi = mid - 1
  }
  return lo
}

export function parseUnitText(text: string, file: string): {entries: UnitEntry[]; warnings: Problem[]} {
  const entries: UnitEntry[] = []
  const warnings: Problem[] = []
  const warn = (message: string, line?: number, column?: number): void => {
    warnings.push({message, place: {kind: 'unit', file, line, column}})
  }
  if (text.includes('\0')) warn('The file contains NUL bytes (binary data?); systemd treats each NUL as a line end.')
  else if (/[\x01-\x08\x0e-\x1f\x7f]/.test(text)) warn('The file contains control characters (binary data?).')

  const lines = splitLines(text)
  let section: string | undefined
  let chars = ''
  let offsets: number[] = []
  let first = -1

  const finish = (lastIdx: number): void => {
    const at = first
    const s = chars
    const o = offsets
    chars = ''
    offsets = []
    first = -1
    let a = 0
    let b = s.length
    while (a < b && WS.includes(s[a])) a++
    while (b > a && WS.includes(s[b - 1])) b--
    if (a === b) return
    const lineNo = at + 1
    const col = (i: number): number => o[i] - lines[lineIndexOf(lines, o[i])].start + 1
    if (s[a] === '[') {
      if (s[b - 1] !== ']') warn('Invalid section header; systemd refuses to load this file.', lineNo, col(a))
      else section = s.slice(a + 1, b - 1)
      return
    }
    if (section === undefined) return warn('Assignment outside of any section; systemd ignores it.', lineNo, col(a))
    const eq = s.indexOf('=', a)
    if (eq < 0 || eq >= b) return warn('Missing "="; systemd ignores this line.', lineNo, col(a))
    let ke = eq
    while (ke > a && WS.includes(s[ke - 1])) ke--
    if (ke === a) return warn('Missing key name before "="; systemd ignores this line.', lineNo, col(a))
    let vs = eq + 1
    while (vs < b && WS.includes(s[vs])) vs++
    entries.push({
      section,
      key: s.slice(a, ke),
      value: s.slice(vs, b),
      line: lineNo,
      column: col(a),
      lastLine: lastIdx + 1,
      valueOffsets: o.slice(vs, b),
    })
  }

  lines.forEach((ln, idx) => {
    let start = ln.start
    if (idx === 0 && text.startsWith(BOM)) start += BOM.length
    const raw = text.slice(start, ln.end)
    const lead = raw.replace(/^[ \t\n\r]+/, '')[0]
    // Comment lines are dropped even in the middle of a continuation, as systemd does.
    if (lead === '#' || lead === ';') return
    if (first < 0) first = idx
    let escaped = false
    for (const c of raw) escaped = escaped ? false : c === '\\'
    for (let i = 0; i < raw.length; i++) offsets.push(start + i)
    // A trailing unescaped backslash joins the next line; systemd turns it into a space.
    chars += escaped ? `${raw.slice(0, -1)} ` : raw
    if (!escaped) finish(idx)
  })
  if (first >= 0) {
    warn('The file ends with a continuation backslash; systemd reads the entry as if the next line were empty.', first + 1)
    finish(lines.length - 1)
  }
  return {entries, warnings}
}
