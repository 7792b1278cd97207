import {answerFor, RULES, type AnswerFor, type ExplainRule, type Said} from './rules.js'
import {SERVICE_RULES} from './rules-service.js'

import type {CheckId} from '../checks/index.js'
import {CLAWDBOT, PROFILES, type ProfileId, type ReleaseProfile} from '../model/profiles/index.js'

export interface ExplainMatch {
  /** Stable id of the recognised text, e.g. `token-mismatch/cli-hint`. */
  pattern: string
  meaning: string
  /** Check ids that look for the causes, most likely first. */
  checks: string[]
  nextStep: string
  /** The releases that print this text, when not every release does (`openclaw 2026.3.22+`). */
  printedBy?: string
  /** The profile the answer is written for (the one in play, unless the text is another release's). */
  answeredFor: ProfileId
  /** Set when the text belongs to another release than the one in play. */
  note?: string
}

export const ALL_RULES: readonly ExplainRule[] = [...RULES, ...SERVICE_RULES]

/** Every check id some rule names (derived from the rules, never kept by hand). */
export const EXPLAIN_CHECK_IDS: readonly CheckId[] = [...new Set(ALL_RULES.flatMap((r) => r.checks))]

/**
 * The profiles that print a rule's text: those whose measured text of the rule's kind it matches, plus those read
 * in the source; undefined when every release prints it.
 */
export function printedBy(rule: ExplainRule): readonly ReleaseProfile[] | undefined {
  if (rule.texts === undefined && rule.printedBy === undefined) return undefined
  const kind = rule.texts
  return PROFILES.filter((p) => {
    const text = kind === undefined ? undefined : p.errors[kind]
    return (text !== undefined && rule.re.test(text)) || (rule.printedBy ?? []).includes(p.id)
  })
}

const PRINTED_BY = new Map<ExplainRule, readonly ReleaseProfile[] | undefined>(ALL_RULES.map((r) => [r, printedBy(r)]))

/** `openclaw 2026.3.22+`, `clawdbot 2026.1.24+ and openclaw 2026.1.29 up to (not including) 2026.3.22`: adjacent profiles of a product merge. */
export function releasesLabel(profiles: readonly ReleaseProfile[]): string {
  const spans: {product: string; from: string; until?: string}[] = []
  for (const p of profiles) {
    const last = spans.at(-1)
    if (last && last.product === p.product && last.until === p.range.from) last.until = p.range.until
    else spans.push({product: p.product, from: p.range.from, until: p.range.until})
  }
  return spans.map((s) => `${s.product} ${s.from}${s.until === undefined ? '+' : ` up to (not including) ${s.until}`}`).join(' and ')
}

/** What an answer needs to know about this run. */
export interface ExplainFor {
  /** The profile in play (detected, or from --product/--release). */
  profile: ReleaseProfile
  /** The release in play in words, for a note: `this machine runs clawdbot 2026.1.24-3`. */
  inPlay: string
  /** A profile's reinstall command as this run names it (installCommand: with --profile). */
  install?: (p: ReleaseProfile) => string
}

/** Nothing detected: clawdbot 2026.1.24-3, what clawdoc assumed before it knew other products. */
export const ASSUMED: ExplainFor = {profile: CLAWDBOT, inPlay: `no product was detected (answering for ${CLAWDBOT.product} ${CLAWDBOT.representative})`}

/** Longest text we look at: pasted logs can be long, the regexes stay linear on this. */
const MAX_INPUT = 64 * 1024

const say = (s: Said, a: AnswerFor, m: RegExpMatchArray) => (typeof s === 'string' ? s : s(a, m))

/**
 * Recognise the product's failure texts in a pasted error or log, and answer for the release in play. Pure: the
 * same text and release always give the same matches, in table order. Within a group only the first matching rule
 * counts; when several rules match the very same text (one text, two generations), the one the release in play
 * prints answers. A text only other releases print is answered for them, with a note that says so.
 */
export function explainError(text: string, run: ExplainFor = ASSUMED, rules: readonly ExplainRule[] = ALL_RULES): {matches: ExplainMatch[]} {
  const input = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text
  const seenGroups = new Set<string>()
  const matches: ExplainMatch[] = []
  const printers = (r: ExplainRule) => (PRINTED_BY.has(r) ? PRINTED_BY.get(r) : printedBy(r))
  for (const [i, first] of rules.entries()) {
    if (seenGroups.has(first.group)) continue
    const m0 = input.match(first.re)
    if (!m0) continue
    seenGroups.add(first.group)
    // The rules of this group that recognise the same text, and of those the one the release in play prints.
    const same = rules.slice(i).flatMap((r) => {
      if (r.group !== first.group) return []
      const m = r === first ? m0 : input.match(r.re)
      return m && m.index === m0.index && m[0] === m0[0] ? [{r, m}] : []
    })
    const mine = same.find(({r}) => printers(r)?.some((p) => p.id === run.profile.id) ?? true)
    const {r: rule, m} = mine ?? same[0]
    const by = printers(rule)
    // Another release's text: answer for it (the newest of the product in play, else the newest that prints it).
    const other = mine ? undefined : (by!.filter((p) => p.product === run.profile.product).at(-1) ?? by!.at(-1)!)
    const profile = other ?? run.profile
    const a = answerFor(profile, run.install ? run.install(profile) : profile.reinstallCommand)
    const match: ExplainMatch = {
      pattern: rule.pattern,
      meaning: say(rule.meaning, a, m),
      checks: [...rule.checks],
      nextStep: say(rule.nextStep, a, m),
      answeredFor: profile.id,
    }
    if (by !== undefined && by.length < PROFILES.length) match.printedBy = releasesLabel(by)
    if (other) {
      match.note = `This text is printed by ${releasesLabel(by!)}; ${run.inPlay}. The answer is for ${other.product} ${other.representative}: ` +
        'the text may come from another machine or another install.'
    }
    matches.push(match)
  }
  return {matches}
}
