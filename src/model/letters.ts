import type {TokenCopy} from './copy.js'

/**
 * Group letters: copies with equal values (exact, untrimmed) share a letter, so a reader
 * sees at a glance which agree without any value being shown. Passwords get their own letters.
 */
export function groupLetters(copies: TokenCopy[]): Map<TokenCopy, string> {
  const reps: TokenCopy[] = []
  const out = new Map<TokenCopy, string>()
  for (const c of copies) {
    let idx = reps.findIndex((r) => r.secret === c.secret && r.value.equals(c.value))
    if (idx === -1) {
      reps.push(c)
      idx = reps.length - 1
    }
    out.set(c, letter(idx))
  }
  return out
}

function letter(i: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  return i < 26 ? a[i] : a[Math.floor(i / 26) - 1] + a[i % 26]
}
