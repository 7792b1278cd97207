import * as path from 'node:path'

import {installCommand, profileOf} from '../model/profiles/index.js'
import {names} from '../model/profiles/names.js'
import {isLoopbackHost} from '../formats/url.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {FindingDraft, Fix, Severity} from '../model/finding.js'
import {serverAccepts, type Party, type PartyToken} from '../model/parties.js'
import type {Diagnosis} from '../model/views.js'
import type {Place} from '../model/place.js'

/** `clawdoc <sub> [--profile P] [args]` — fixes name the exact command, with the same location flags. */
export function clawdoc(facts: Facts, sub: string, ...args: string[]): string {
  const loc: string[] = []
  if (facts.paths.profileSource === 'flag' && facts.paths.profile) loc.push('--profile', facts.paths.profile)
  // A command that names its own --config (another file to look at) gets only that one.
  if (facts.paths.configPathSource === 'flag' && !args.includes('--config')) loc.push('--config', shellQuote(facts.paths.configPath))
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

/** What a fatal config problem does (config.invalid, config.var-unset, config.include), said of the product in play. */
export function discard(facts: Pick<Facts, 'product'>): string {
  return `${profileOf(facts).product} discards the whole config and runs on an empty one (default port, env token only), which looks exactly like a ` +
    'token problem'
}

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

/** How the report names each party (the "Who uses which token" labels). */
export const PARTY_NAME: Record<Party, string> = {
  server: 'the server',
  'local-cli': 'the local CLI',
  'remote-cli': 'the remote CLI',
  'gateway-tools': 'tools inside the gateway (browser, cron, nodes)',
}

export type ClientParty = Exclude<Party, 'server'>

/**
 * Is this client party in play, and is this machine's server the one it talks to? The one rule
 * the party checks share (the property test has its own, independent oracle):
 * - the local CLI: not in remote mode;
 * - the remote CLI: in remote mode; it talks to this machine's server only when gateway.remote.url
 *   is loopback (or unset) and a gateway unit is installed here (otherwise a loopback URL is an SSH
 *   tunnel to another machine, whose token clawdoc cannot see);
 * - tools inside the gateway: whenever a gateway can run here (not in remote mode, unless the unit
 *   starts it with --allow-unconfigured).
 */
export function partyScope(d: Diagnosis, party: ClientParty): {inPlay: boolean; localServer: boolean} {
  const {facts, views} = d
  const remote = views.productConfig?.mode === 'remote'
  switch (party) {
    case 'local-cli':
      return {inPlay: !remote, localServer: true}
    case 'remote-cli': {
      const here = isLoopbackUrl(views.productConfig?.remoteUrl ?? 'ws://127.0.0.1') && facts.unit.status === 'ok'
      return {inPlay: remote, localServer: here}
    }
    case 'gateway-tools':
      return {inPlay: !remote || facts.unit.allowUnconfigured === true, localServer: true}
  }
}

/** The fix for a party that uses the wrong copy: the winning copy decides what to do. */
export function partyFix(d: Diagnosis, party: PartyToken): Fix {
  const {facts, views} = d
  const server = views.parties.server
  // The product ignores the whole file: a token written into it changes nothing until it is valid.
  if (facts.config.status === 'ok' && facts.config.discardedByProduct) return fixConfigFirst(facts)
  if (facts.config.status === 'parse-error' || facts.config.status === 'unreadable') return fixConfigFirst(facts)
  if (server.source === 'exec-start') {
    return {
      summary:
        'The server takes --token from the unit\'s ExecStart line, which clawdoc does not rewrite: ' +
        `reinstall the unit without it (${installCommand(facts, {force: true})}), ` +
        `then run \`${clawdoc(facts, 'sync-token', '--yes')}\`.`,
    }
  }
  if (party.source === 'shell-env') {
    const variable = party.copy?.place.variable ?? names(facts).tokenVar
    return {
      summary:
        `Remove the export from your shell profile (~/.bashrc, ~/.profile or ~/.zshrc), then run \`unset ${variable}\`; ` +
        'or sync every file to one value.',
      command: `unset ${variable} && ${clawdoc(facts, 'doctor')}`,
    }
  }
  // The running process still holds an old value that the files no longer have: restart it.
  if (party.copy?.id === 'service.process-env' && facts.unit.token && server.value?.equals(facts.unit.token.value.trimmed())) {
    return {
      summary: 'The unit file already has the server\'s token; restart through systemd so the running process gets it.',
      command: clawdoc(facts, 'restart'),
    }
  }
  const tools = party.party === 'gateway-tools'
  return syncFix(facts, tools ? 'Make every copy the server\'s value, then restart the gateway.' : 'Make every copy the server\'s value.')
}


/**
 * A client party that sends another value than the server holds: 1008 token mismatch. Only when
 * the server is this machine's and runs in token mode (password mode: auth.* checks; no auth: every
 * value is accepted). A party that sends nothing is token.client-missing's.
 */
export function partyMismatch(d: Diagnosis, party: ClientParty): FindingDraft[] {
  const scope = partyScope(d, party)
  if (!scope.inPlay || !scope.localServer) return []
  const p = d.views.parties[party]
  const server = d.views.parties.server
  if (!p.value || !p.copy || server.authMode !== 'token' || !server.copy) return []
  if (serverAccepts(server, p.value) !== false) return []
  const name = PARTY_NAME[party]
  return [
    makeFinding(
      'error',
      `${capitalize(name)} send${party === 'gateway-tools' ? '' : 's'} ${p.copy.label} but the server expects ${server.copy.label}: 1008 token mismatch. ` +
        `Why: ${stripDot(p.reason)}; for the server, ${stripDot(server.reason)}.`,
      {copies: p.copy === server.copy ? [p.copy] : [p.copy, server.copy], fix: partyFix(d, p)},
    ),
  ]
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The config is discarded or unreadable: nothing written into it counts until that is fixed. */
export function fixConfigFirst(facts: Facts): Fix {
  return {
    summary: 'Fix the config problem first (the product ignores the whole file until then); the token copies in it count again after that.',
    command: clawdoc(facts, 'doctor', '--only', 'config.unparsable,config.invalid,config.var-unset,config.include'),
  }
}

/**
 * The fix that gives a server without a token one. A new random value, written everywhere; but when
 * the local CLI sends a value from the shell (which clawdoc cannot rewrite), that value is adopted
 * instead, so the CLI keeps working.
 */
export function newTokenFix(d: Diagnosis, summary: string, ...extra: string[]): Fix {
  const {facts, views} = d
  // Nothing written into a config the product ignores counts: that comes first.
  if (facts.config.status === 'ok' && facts.config.discardedByProduct) return fixConfigFirst(facts)
  const cli = views.parties['local-cli']
  if (partyScope(d, 'local-cli').inPlay && cli.source === 'shell-env' && cli.value) {
    return {
      summary:
        `Adopt the token your shell already sends (${cli.copy?.place.variable ?? names(facts).tokenVar}) into every place, so the CLI keeps working; ` +
        'rotate it later with --generate --rotate.',
      command: clawdoc(facts, 'sync-token', '--from', 'env', '--yes', ...extra),
    }
  }
  return {summary, command: clawdoc(facts, 'sync-token', '--generate', '--yes', ...extra)}
}

/** `openclaw 2026.9.6` (or the profile's representative release, when the release is unknown). */
export function releaseName(facts: Facts): string {
  const p = profileOf(facts)
  return `${p.product} ${facts.product?.release ?? `${p.range.from}+ (profile ${p.id})`}`
}

/** A copy read under a legacy prefix that the release in play does not read (it counts for nobody). */
export function isIgnoredLegacy(c: TokenCopy | undefined): boolean {
  return c?.legacyName?.read === false
}

/**
 * The release's legacy state dirs that exist beside its own (`~/.clawdbot` beside `~/.openclaw`), from the state-dir
 * clues of product detection and the profile's measured data (legacyStateDirs). Both state.both-dirs and
 * config.alternate use it, so the same config is not reported twice.
 */
export function legacyStateDirsBeside(facts: Facts): {dir: string; path: string; behaviour: string; note: string}[] {
  const p = profileOf(facts)
  const clues = (facts.product?.clues ?? []).filter((c) => c.source === 'state-dir')
  const present = new Set(clues.map((c) => c.what))
  if (!present.has(p.names.stateDirName)) return []
  const current = path.join(facts.paths.home, p.names.stateDirName)
  // A legacy dir that is a symlink to the current one (openclaw 2026.3.2's migration leaves one) is one dir, not two.
  const linked = new Set(clues.filter((c) => c.linkTo !== undefined && (c.linkTo === current || c.linkTo === clues.find((x) => x.what === p.names.stateDirName)
    ?.linkTo)).map((c) => c.what))
  return (p.data?.names.legacyStateDirs ?? [])
    .filter((l) => present.has(l.dir) && !linked.has(l.dir))
    .map((l) => ({dir: l.dir, path: path.join(facts.paths.home, l.dir), behaviour: l.behaviour, note: l.note}))
}
