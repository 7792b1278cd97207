/** Levenshtein distance (insert, delete, substitute; an adjacent swap counts 1, as a typo does). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

/** The closest candidate, if it is close enough to be a typo (at most 1 edit per 3 letters, at least 1, at most 3); else undefined. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: {c: string; d: number} | undefined
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase())
    if (best === undefined || d < best.d) best = {c, d}
  }
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)))
  return best && best.d > 0 && best.d <= limit ? best.c : undefined
}
