import type {ExplainResult} from '../app/explain.js'
import type {ListChecksResult} from '../app/list-checks.js'
import type {Style} from './style.js'

/** `openclaw 2026.9.6 · from unit`, `clawdbot · nothing detected, assumed`. */
function releaseLine(p: ExplainResult['product']): string {
  const words: Record<string, string> = {flag: 'from --product/--release', default: 'nothing detected, assumed'}
  const from = words[p.detectedFrom] ?? `from ${p.detectedFrom}`
  return `answers for ${p.name}${p.release ? ` ${p.release}` : ''} · ${from}`
}

export function renderExplainHuman(r: ExplainResult, c: Style): string {
  const head = [c.bold('clawdoc explain') + c.dim(` — ${releaseLine(r.product)}`)]
  if (r.product.note) head.push(c.dim(`  ${r.product.note}`))
  if (r.explain.length === 0) return [...head, 'No known clawdbot/openclaw error text found. Run `clawdoc doctor` to check every token copy.'].join('\n')
  const body = r.explain.map((m) => {
    const lines = [c.bold(m.pattern) + (m.printedBy ? c.dim(` (printed by ${m.printedBy})`) : ''), `  ${m.meaning}`]
    if (m.note) lines.push(`  ${c.yellow('note:')} ${m.note}`)
    lines.push(`  ${c.dim('checks:')} ${m.checks.join(', ')}`, `  ${c.bold('next:')} ${c.cyan(m.nextStep)}`)
    return lines.join('\n')
  })
  return [...head, ...body].join('\n')
}

export function renderListChecksHuman(r: ListChecksResult): string {
  return r.checks.map((c) => `${c.id.padEnd(28)} ${c.title}`).join('\n')
}
