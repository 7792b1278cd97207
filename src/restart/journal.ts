import type {Context} from '../sources/context.js'
import {allCopies} from '../model/copies.js'
import {Secret} from '../model/secret.js'
import type {Facts} from '../model/facts.js'

/**
 * The last lines of the unit's journal. There may be no journal at all (containers, private
 * managers): journalctl then exits 0 with no entries, so "no lines" counts as unavailable too.
 * Known token values are masked in case the service logged one.
 */
export async function journalTail(ctx: Pick<Context, 'env' | 'exec'>, unit: string, facts?: Facts, n = 30): Promise<{available: boolean; lines: string[]}> {
  const r = await ctx.exec('journalctl', ['--user', '-u', unit, '-n', String(n), '--no-pager', '-q'], {env: {...ctx.env}, timeoutMs: 10_000})
  const lines = r.ok ? r.stdout.split('\n').filter((l) => l.trim() !== '') : []
  if (lines.length === 0) return {available: false, lines: []}
  return {available: true, lines: lines.slice(-n).map((l) => maskKnownTokens(l, facts))}
}

/** The product's token format (24 random bytes as hex): masked even when no source holds it (a shadowed or old value). */
const PRODUCT_TOKEN = /\b[0-9a-f]{48}\b/g

function maskKnownTokens(line: string, facts?: Facts): string {
  let out = line
  // Every copy the readers found (tokens and passwords, .env files, the service's env), untrimmed and trimmed.
  for (const c of facts ? allCopies(facts) : []) {
    for (const secret of [c.value, c.value.trimmed()]) {
      // Redaction is a comparison use of the value; short values would mask ordinary words.
      const v = secret.reveal()
      if (v.length >= 8) out = out.split(v).join(`<${secret.mask()}>`)
    }
  }
  return out.replace(PRODUCT_TOKEN, (t) => `<${new Secret(t).mask()}>`)
}
