import {RULES, type ExplainRule} from './rules.js'
import {SERVICE_RULES} from './rules-service.js'

import type {CheckId} from '../checks/index.js'

export interface ExplainMatch {
  /** Stable id of the recognised text, e.g. `token-mismatch/cli-hint`. */
  pattern: string
  meaning: string
  /** Check ids that look for the causes, most likely first. */
  checks: string[]
  nextStep: string
}

export const ALL_RULES: readonly ExplainRule[] = [...RULES, ...SERVICE_RULES]

/** Every check id some rule names (derived from the rules, never kept by hand). */
export const EXPLAIN_CHECK_IDS: readonly CheckId[] = [...new Set(ALL_RULES.flatMap((r) => r.checks))]

/** Longest text we look at: pasted logs can be long, the regexes stay linear on this. */
const MAX_INPUT = 64 * 1024

/**
 * Recognise the product's failure texts in a pasted error or log. Pure: the same
 * text always gives the same matches, in table order; within a group only the
 * most specific rule counts.
 */
export function explainError(text: string, rules: readonly ExplainRule[] = ALL_RULES): {matches: ExplainMatch[]} {
  const input = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text
  const seenGroups = new Set<string>()
  const matches: ExplainMatch[] = []
  for (const rule of rules) {
    if (seenGroups.has(rule.group)) continue
    const m = input.match(rule.re)
    if (!m) continue
    seenGroups.add(rule.group)
    matches.push({
      pattern: rule.pattern,
      meaning: typeof rule.meaning === 'string' ? rule.meaning : rule.meaning(m),
      checks: [...rule.checks],
      nextStep: rule.nextStep,
    })
  }
  return {matches}
}
