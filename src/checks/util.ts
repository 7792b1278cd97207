import {isLoopbackHost} from '../formats/url.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {FindingDraft, Fix, Severity} from '../model/finding.js'
import type {PartyToken} from '../model/parties.js'
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

/** A finding of the check that returns it (the registry adds the check's id). */
export function makeFinding(severity: Severity, message: string, opts: {places?: Place[]; copies?: TokenCopy[]; fix?: Fix} = {}): FindingDraft {
  const places = [...(opts.places ?? []), ...(opts.copies ?? []).map((c) => c.place)]
  return {severity, message, places, fix: opts.fix, copies: opts.copies?.map((c) => c.id)}
}

/** The places where the same value is kept, as "a, b and c". */
export function listLabels(copies: TokenCopy[]): string {
  const labels = copies.map((c) => c.label)
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}

/** What a fatal config problem does (config.invalid, config.var-unset, config.include). */
export const DISCARD = 'clawdbot discards the whole config and runs on an empty one (default port, env token only), which looks exactly like a token problem'

export function stripDot(s: string): string {
  return s.replace(/[.\s]+$/, '')
}

/** A client copy (trimmed, as clients send it) that the server's token would refuse. */
export function differsFromServer(copy: TokenCopy, server: PartyToken): boolean {
  return server.value !== undefined && !server.value.equals(copy.value.trimmed())
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
