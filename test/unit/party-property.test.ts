import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {CHECKS, DEPRECATED_CHECK_IDS, runChecks, type CheckId} from '../../src/checks/index.js'
import {isOk} from '../../src/app/doctor.js'
import {diagnose} from '../../src/model/views.js'
import {factsOf, setupArb, unitEffective, type Setup, type Source} from '../helpers/placements.js'

// Issue 11, item 1: any setup where two parties in play end up with different tokens gives an error,
// and each such party is reported once. The oracle below is written from the product's precedence
// (src/docs/CLAWDBOT.md §4) over the placement itself: it shares no code with src/model or src/checks.

type Client = 'local-cli' | 'remote-cli' | 'gateway-tools'

interface Oracle {
  server?: number
  clients: Record<Client, number | undefined>
  /** Clients in play, each with whether it talks to this machine's server. */
  inPlay: {party: Client; local: boolean}[]
  /** The clients in play that the gateway they talk to refuses (mismatch or nothing sent). */
  broken: Client[]
}

function first(s: Setup, order: (Source | false)[]): number | undefined {
  for (const src of order) if (src && s.at[src] !== undefined) return s.at[src]
  return undefined
}

export function oracle(s: Setup): Oracle {
  const cfg = !s.discarded
  // The product runs on `{}` when it discards the config: no config token, default (local) mode.
  const mode = cfg ? s.mode : 'local'
  // The gateway's own environment: the running process, else what the unit gives it at start.
  const serviceEnv = s.running ? (s.at.process ?? unitEffective(s)?.value) : unitEffective(s)?.value
  const svc = (order: (Source | false)[]) => (serviceEnv !== undefined ? serviceEnv : first(s, order))
  const server = first(s, ['execStart', cfg && 'auth']) ?? svc(['stateDotenv', cfg && 'envBlock'])
  const clients: Oracle['clients'] = {
    'local-cli': mode === 'local' ? first(s, ['shell', 'cwdDotenv', 'stateDotenv', cfg && 'envBlock', cfg && 'auth']) : undefined,
    'remote-cli': mode === 'remote' ? first(s, [cfg && 'remote']) : undefined,
    'gateway-tools': svc(['stateDotenv', cfg && 'envBlock', cfg && 'auth']),
  }
  const inPlay: Oracle['inPlay'] =
    mode === 'local'
      ? [{party: 'local-cli', local: true}, {party: 'gateway-tools', local: true}]
      : [{party: 'remote-cli', local: s.remoteUrl === 'loopback' && s.unitInstalled}]
  const broken = inPlay
    .filter(({party, local}) => {
      const v = clients[party]
      // Another machine's gateway: its token is unknown, but sending none is refused by any gateway with auth.
      if (!local) return v === undefined
      // No token on the server: auth is off, every client gets in.
      return server !== undefined && v !== server
    })
    .map((x) => x.party)
  return {server, clients, inPlay, broken}
}

/**
 * openclaw (src/model/profiles/data/openclaw-*.ts, written out here by hand). 2026.9.6 (`configFirst`): the CLI reads
 * gateway.auth.token first and no ./.env; 2026.3.2: the env first (shell, ./.env, <stateDir>/.env), then gateway.auth.token.
 * Both: no config env block; with neither, gateway.remote.token; remote mode falls back to the env, then gateway.auth.token;
 * the in-gateway tools: on 2026.3.2 their own env-first order (the gateway's environment, then gateway.auth.token: the release's
 * callGateway, live-drift-openclaw-early.test.ts); on 2026.9.6 the server's order (unmeasured).
 */
function oracleOpenclaw(s: Setup, configFirst: boolean): Pick<Oracle, 'server' | 'clients'> {
  const cfg = !s.discarded
  const mode = cfg ? s.mode : 'local'
  const serviceEnv = s.running ? (s.at.process ?? unitEffective(s)?.value) : unitEffective(s)?.value
  const envOrDotenv = serviceEnv ?? first(s, ['stateDotenv'])
  return {
    server: first(s, ['execStart', cfg && 'auth']) ?? envOrDotenv,
    clients: {
      'local-cli': mode !== 'local'
        ? undefined
        : configFirst
          ? first(s, [cfg && 'auth', 'shell', 'stateDotenv', cfg && 'remote'])
          : first(s, ['shell', 'cwdDotenv', 'stateDotenv', cfg && 'auth', cfg && 'remote']),
      'remote-cli': mode === 'remote' ? first(s, [cfg && 'remote', 'shell', cfg && 'auth']) : undefined,
      'gateway-tools': configFirst ? (first(s, [cfg && 'auth']) ?? envOrDotenv) : (envOrDotenv ?? first(s, [cfg && 'auth'])),
    },
  }
}

const PARTY_CHECKS: CheckId[] = ['token.local-cli', 'token.remote-cli', 'token.gateway-tools', 'token.client-missing']
const TOKEN_GROUP = new Set<string>(CHECKS.filter((c) => 'tokenGroup' in c && c.tokenGroup).map((c) => c.id))

describe('parties: every disagreement is an error, reported once', () => {
  it('the model resolves each party as the oracle does', () => {
    fc.assert(
      fc.property(setupArb(), (s) => {
        const {views} = diagnose(factsOf(s))
        const o = oracle(s)
        const fp = (i: number | undefined) => (i === undefined ? undefined : s.tokens[i])
        expect(views.parties.server.value?.reveal()).toBe(fp(o.server))
        for (const c of ['local-cli', 'remote-cli', 'gateway-tools'] as const) expect(views.parties[c].value?.reveal(), c).toBe(fp(o.clients[c]))
      }),
      {numRuns: 2000},
    )
  })

  it.each([
    ['2026.9.6', 'openclaw-current'],
    ['2026.3.2', 'openclaw-early'],
  ] as const)('on openclaw %s the model resolves each party as that release\'s oracle does (its measured order)', (release, profile) => {
    fc.assert(
      fc.property(setupArb(), (s) => {
        const f = factsOf(s)
        f.product = {name: 'openclaw', release, profile, detectedFrom: 'flag', clues: []}
        const {views} = diagnose(f)
        const o = oracleOpenclaw(s, profile === 'openclaw-current')
        const fp = (i: number | undefined) => (i === undefined ? undefined : s.tokens[i])
        expect(views.parties.server.value?.reveal()).toBe(fp(o.server))
        for (const c of ['local-cli', 'remote-cli', 'gateway-tools'] as const) expect(views.parties[c].value?.reveal(), c).toBe(fp(o.clients[c]))
      }),
      {numRuns: 2000},
    )
  })

  it('doctor errors exactly when two parties in play disagree (10,000 placements)', () => {
    fc.assert(
      fc.property(setupArb(), (s) => {
        const o = oracle(s)
        const results = runChecks(diagnose(factsOf(s)))
        const partyErrors = results.filter((r) => PARTY_CHECKS.includes(r.id)).flatMap((r) => r.findings.filter((f) => f.severity === 'error'))
        // Exactly one error per refused party: none missed, none said twice by a party check...
        expect(partyErrors.length).toBe(o.broken.length)
        // ...and no other token check repeats it as an error (the pairwise checks that remain only warn or inform).
        const otherTokenErrors = results
          .filter((r) => TOKEN_GROUP.has(r.id) && !PARTY_CHECKS.includes(r.id))
          .flatMap((r) => r.findings.filter((f) => f.severity === 'error'))
        expect(otherTokenErrors).toEqual([])
        // A disagreement always fails doctor, even with --fail-on error.
        if (o.broken.length > 0) expect(isOk(results, 'error')).toBe(false)
      }),
      {numRuns: 10_000},
    )
    // About 15 s on a loaded 2-core machine: room for a slow CI runner.
  }, 120_000)

  it('keeps the removed ids listed as deprecated, pointing at checks that exist', () => {
    const ids = new Set<string>(CHECKS.map((c) => c.id))
    for (const [id, dep] of Object.entries(DEPRECATED_CHECK_IDS)) {
      expect(ids.has(id), id).toBe(false)
      for (const r of dep.replacedBy) expect(ids.has(r), r).toBe(true)
    }
  })
})
