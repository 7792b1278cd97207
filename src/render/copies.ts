import type {Facts, TokenCopy} from '../types.js'

/** Every token copy the readers found, in a stable order. */
export function allCopies(f: Facts): TokenCopy[] {
  const g = f.config.gateway
  return [
    g.authToken,
    g.remoteToken,
    g.legacyToken,
    ...f.config.envBlock,
    ...f.config.channels.flatMap((c) => c.tokens),
    ...f.env.shell,
    ...f.env.cwdDotenv.copies,
    ...f.env.stateDirDotenv.copies,
    f.unit.token,
    f.unit.execToken,
    f.service.managerToken,
    f.service.processToken,
    g.authPassword,
    g.remotePassword,
    f.unit.password,
  ].filter((c): c is TokenCopy => c !== undefined)
}

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
