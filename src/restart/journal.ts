import type {Context} from '../context.js'
import type {Facts} from '../types.js'

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

function maskKnownTokens(line: string, facts?: Facts): string {
  if (!facts) return line
  const copies = [
    facts.config.gateway.authToken,
    facts.config.gateway.remoteToken,
    facts.unit.token,
    facts.unit.execToken,
    facts.service.managerToken,
    facts.service.processToken,
    ...facts.env.shell,
  ]
  let out = line
  for (const c of copies) {
    // Redaction is a comparison use of the value; short values would mask ordinary words.
    const v = c?.value.reveal()
    if (c && v && v.length >= 8) out = out.split(v).join(`<${c.value.mask()}>`)
  }
  return out
}
