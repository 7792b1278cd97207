/**
 * Which characters end a line. Each grammar has its own rule, and every reader states it here:
 * - `lf`: only `\n` (so `\r\n` counts once): JSON5 as the json5 package counts, dotenv after it folds `\r\n?`;
 * - `any`: `\r\n`, `\n` and a lone `\r` each end one line: systemd's read_line() for unit files.
 */
export type LineEnds = 'lf' | 'any'

export interface LineColumn {
  /** 1-based line. */
  line: number
  /** 1-based UTF-16 column. */
  column: number
}

/**
 * The one line index: built in one pass over a text, then each offset is placed by binary search.
 * Readers that place many values in one file build one index for it (linear, not quadratic). The
 * pass goes only as far as the offsets asked for: placing a value near the top of a big file does
 * not index the whole file.
 */
export class LineIndex {
  /** Offset at which each line starts; starts[0] is 0. Complete up to `scanned`. */
  private readonly starts: number[] = [0]
  /** Every line break before this offset is in `starts`. */
  private scanned = 0

  constructor(
    private readonly text: string,
    private readonly ends: LineEnds = 'lf',
  ) {}

  /** Index line breaks until a line starts after `offset` (or the text ends). */
  private extend(offset: number): void {
    const text = this.text
    if (this.ends === 'lf') {
      // indexOf is several times faster than a charCodeAt loop over a big file.
      while (this.scanned <= offset && this.scanned < text.length) {
        const i = text.indexOf('\n', this.scanned)
        if (i < 0) this.scanned = text.length
        else {
          this.starts.push(i + 1)
          this.scanned = i + 1
        }
      }
      return
    }
    for (let i = this.scanned; i < text.length && i <= offset; i++) {
      const c = text.charCodeAt(i)
      if (c === 10) this.starts.push(i + 1)
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1)
      this.scanned = i + 1
    }
  }

  /** Line and column of a text offset. */
  position(offset: number): LineColumn {
    if (this.scanned <= offset) this.extend(offset)
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return {line: lo + 1, column: offset - this.starts[lo] + 1}
  }
}

/** Line and column of one offset (for many offsets in one text, build a LineIndex once). */
export function lineColumn(text: string, offset: number, ends: LineEnds = 'lf'): LineColumn {
  return new LineIndex(text, ends).position(offset)
}
