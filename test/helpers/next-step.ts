import {readFileSync, writeFileSync} from 'node:fs'
import * as path from 'node:path'

import {runSync} from '../../src/app/sync-token.js'
import {ClawdocError} from '../../src/model/errors.js'
import {serverAccepts, type Party} from '../../src/model/parties.js'
import {Secret} from '../../src/model/secret.js'
import type {Diagnosis} from '../../src/model/views.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import type {TokenChoice, TokenSourceName} from '../../src/fix/token-value.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {ctxOf, type Home} from './in-process.js'

// Runs a `Next:` line for real, in-process, against a temp HOME: every command doctor may print
// must be known here (an unknown one fails the test, so new advice gets covered).

export type StepOutcome = 'ran' | 'stopped' | 'external'

function words(cmd: string): string[] {
  const out: string[] = []
  for (const m of cmd.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)) out.push(m[1] !== undefined ? m[1].replaceAll(`'\\''`, `'`) : m[2])
  return out
}

interface Parsed {
  flags: Record<string, string | true>
  args: string[]
}

function parse(argv: string[]): Parsed {
  const flags: Parsed['flags'] = {}
  const args: string[] = []
  const valued = new Set(['--profile', '--config', '--from', '--only', '--skip', '--unit', '--token'])
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (valued.has(a)) flags[a.slice(2)] = argv[++i]
    else if (a.startsWith('--')) flags[a.slice(2)] = true
    else args.push(a)
  }
  return {flags, args}
}

/** Run one `a && b && c` line. Returns 'stopped' when a command refused (nothing after it runs). */
export async function runNextStep(line: string, h: Home): Promise<StepOutcome> {
  for (const part of line.split(' && ')) {
    const [bin, ...rest] = words(part)
    const {flags, args} = parse(rest)
    if (bin === 'unset') {
      for (const v of args) delete h.env[v]
    } else if (bin === 'systemctl') {
      // daemon-reload: the facts here are offline (files only), which is what systemd would load.
    } else if (bin === 'clawdbot' && args[0] === 'config' && args[1] === 'set') {
      const file = resolvePaths(ctxOf(h), {profile: flags.profile as string | undefined}).configPath
      writeFileSync(file, setJsonString(readFileSync(file, 'utf8'), args[2].split('.'), new Secret(args[3]), {create: true}))
    } else if (bin === 'clawdbot') {
      // The product's own installers (daemon/gateway install) are not run here.
      return 'external'
    } else if (bin === 'clawdoc' && (args[0] === 'doctor' || args[0] === 'restart')) {
      // Read-only, or a restart: the offline facts already are what a restarted service reads.
    } else if (bin === 'clawdoc' && args[0] === 'sync-token') {
      const ctx = ctxOf(h)
      const choice: TokenChoice = flags.generate ? {kind: 'generate'} : flags.from ? {kind: 'from', source: flags.from as TokenSourceName} : {kind: 'server'}
      try {
        const o = await runSync(ctx, {
          paths: resolvePaths(ctx, {profile: flags.profile as string | undefined, config: flags.config as string | undefined}),
          choice,
          dryRun: flags['dry-run'] === true,
          live: false,
        }, {confirm: async () => true})
        // A blocker or a failed write: the command exits non-zero, so `&&` stops there.
        if (o.plan.blockers.length > 0 || o.apply?.error) return 'stopped'
      } catch (err) {
        if (err instanceof ClawdocError) return 'stopped'
        throw err
      }
    } else {
      throw new Error(`The Next: line runs a command this test does not know: ${part}`)
    }
  }
  return 'ran'
}

/** A client on this machine: the CLI (local or remote mode), or the tools inside the gateway. */
type Client = 'cli' | 'gateway-tools'

interface Working {
  value: Secret
  /** The gateway it talks to: this machine's, or the one at gateway.remote.url (whose token is unknown here). */
  target: 'here' | string
}

function cliOf(d: Diagnosis): {party: Party; target: Working['target']} {
  const gw = d.views.productConfig
  if (gw?.mode !== 'remote') return {party: 'local-cli', target: 'here'}
  const loopback = /^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(gw.remoteUrl ?? 'ws://127.0.0.1')
  return {party: 'remote-cli', target: loopback && d.facts.unit.status === 'ok' ? 'here' : (gw.remoteUrl ?? '')}
}

/**
 * The clients that have a value the gateway they talk to accepts. Against another machine's
 * gateway any value counts (its token is unknown here): it must then stay the same, sent there.
 */
export function workingParties(d: Diagnosis): Map<Client, Working> {
  const out = new Map<Client, Working>()
  const {parties} = d.views
  const cli = cliOf(d)
  const entries: [Client, Party, Working['target']][] = [['cli', cli.party, cli.target]]
  if (d.views.productConfig?.mode !== 'remote') entries.push(['gateway-tools', 'gateway-tools', 'here'])
  for (const [client, party, target] of entries) {
    const value = parties[party].value
    if (!value) continue
    if (target !== 'here' || serverAccepts(parties.server, value) === true) out.set(client, {value, target})
  }
  return out
}

/** Clients that had a working value before and do not after (with why, no secret). */
export function lostParties(before: Diagnosis, after: Diagnosis): string[] {
  const lost: string[] = []
  const now = workingParties(after)
  const cli = cliOf(after)
  for (const [client, was] of workingParties(before)) {
    const is = now.get(client)
    const why = client === 'cli' ? after.views.parties[cli.party].reason : after.views.parties['gateway-tools'].reason
    if (!is) lost.push(`${client}: no accepted value any more (${why}; server: ${after.views.parties.server.reason})`)
    else if (was.target !== is.target) lost.push(`${client}: now talks to ${is.target} instead of ${was.target}`)
    else if (was.target !== 'here' && !was.value.equals(is.value)) lost.push(`${client}: the token it sends to ${was.target} changed`)
  }
  return lost
}

export const relPath = (home: string, p: string) => path.relative(home, p)
