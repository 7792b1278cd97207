import {isLoopbackHost} from '../formats/url.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {Finding, Fix, Severity} from '../model/finding.js'
import type {Place} from '../model/place.js'

/** `clawdoc <sub> [--profile P] [args]` — fixes name the exact command, with the same location flags. */
export function clawdoc(facts: Facts, sub: string, ...args: string[]): string {
  const loc: string[] = []
  if (facts.paths.profileSource === 'flag' && facts.paths.profile) loc.push('--profile', facts.paths.profile)
  if (facts.paths.configPathSource === 'flag') loc.push('--config', shellQuote(facts.paths.configPath))
  return ['clawdoc', sub, ...loc, ...args].join(' ')
}

export function systemctl(...args: string[]): string {
  return ['systemctl', '--user', ...args].join(' ')
}

/** Quote for a POSIX shell only when needed (paths, unit names — never secrets). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`
}

export function syncFix(facts: Facts, summary = 'Make every copy the same value.'): Fix {
  return {summary, command: `${clawdoc(facts, 'sync-token', '--dry-run')} && ${clawdoc(facts, 'sync-token', '--yes')}`}
}

export function makeFinding(
  check: string,
  severity: Severity,
  message: string,
  opts: {places?: Place[]; copies?: TokenCopy[]; fix?: Fix} = {},
): Finding {
  const places = [...(opts.places ?? []), ...(opts.copies ?? []).map((c) => c.place)]
  return {check, severity, message, places, fix: opts.fix, copies: opts.copies?.map((c) => c.id)}
}

/** The places where the same value is kept, as "a, b and c". */
export function listLabels(copies: TokenCopy[]): string {
  const labels = copies.map((c) => c.label)
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}

export function configUsable(facts: Facts): boolean {
  return facts.config.status === 'ok' && !facts.config.discardedByProduct
}

export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false
  try {
    // The probe's own rule: the hosts a token may go to without --remote.
    return isLoopbackHost(new URL(url).hostname)
  } catch {
    // An unparsable URL is reported by the config checks; here it is simply not loopback.
    return false
  }
}
