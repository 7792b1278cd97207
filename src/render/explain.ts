import type {ExplainResult} from '../app/explain.js'
import type {ListChecksResult} from '../app/list-checks.js'
import type {Style} from './style.js'

export function renderExplainHuman(r: ExplainResult, c: Style): string {
  if (r.explain.length === 0) return 'No known clawdbot error text found. Run `clawdoc doctor` to check every token copy.'
  return r.explain
    .map((m) => `${c.bold(m.pattern)}\n  ${m.meaning}\n  ${c.dim('checks:')} ${m.checks.join(', ')}\n  ${c.bold('next:')} ${c.cyan(m.nextStep)}`)
    .join('\n')
}

export function renderListChecksHuman(r: ListChecksResult): string {
  return r.checks.map((c) => `${c.id.padEnd(28)} ${c.title}`).join('\n')
}
