import {measuredData} from '../../src/model/profiles/data/measured.js'
import {describe, expect, it} from 'vitest'

import {resolveParties, serverAccepts} from '../../src/model/parties.js'
import type {Facts} from '../../src/model/facts.js'
import {copy, makeFacts} from '../helpers/facts.js'
import {PRECEDENCE_ROWS, SERVERS, type PrecedenceRow, type Sym} from '../interop/precedence-table.js'
import type {CopyId, TokenCopy} from '../../src/model/copy.js'
import type {ProductFacts} from '../../src/model/product.js'
import {OPENCLAW_CURRENT, OPENCLAW_EARLY} from '../../src/model/profiles/index.js'
import type {ProfilePrecedenceRow, ProfileServerSetup} from '../../src/model/profiles/data/types.js'

// The rows of test/interop/precedence-table.ts are proven against the REAL product by the interop
// suite. Here the same rows are fed to clawdoc's own model (resolveParties, used by every check):
// if the model and the product ever disagree, one of the two suites fails.
const VALUE: Record<Sym, string> = {
  A: 'aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666',
  'A ': 'aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666 ',
  B: 'bbbb2222cccc3333dddd4444eeee5555ffff66660000aaaa',
  U: 'cccc3333dddd4444eeee5555ffff66660000aaaa1111bbbb',
  X: 'dddd4444eeee5555ffff66660000aaaa1111bbbb2222cccc',
  Z: 'eeee5555ffff66660000aaaa1111bbbb2222cccc3333dddd',
  '""': '',
}

function factsFor(row: PrecedenceRow): Facts {
  const server = SERVERS[row.server] as {authToken?: Sym; envToken?: Sym}
  return makeFacts((f) => {
    // On a real machine client and server read the same config; the interop suite gives the
    // client its own copy, so the server's config token is the row's server setup.
    f.config.gateway = {
      mode: row.mode,
      authToken: server.authToken ? copy('config.auth.token', VALUE[server.authToken]) : undefined,
      remoteToken: row.remoteToken ? copy('config.remote.token', VALUE[row.remoteToken]) : undefined,
      remoteUrl: row.mode === 'remote' ? 'ws://127.0.0.1:18789' : undefined,
      places: {},
    }
    const env = server.envToken ? VALUE[server.envToken] : undefined
    f.unit.token = env === undefined ? undefined : copy('unit.env', env)
    f.service.managerToken = env === undefined ? undefined : copy('service.manager-env', env)
    f.service.processToken = env === undefined ? undefined : copy('service.process-env', env)
    f.env.shell = row.shellEnv ? [copy('shell.env', VALUE[row.shellEnv])] : []
    f.env.stateDirDotenv.copies = row.stateDirDotenv ? [copy('statedir.dotenv', VALUE[row.stateDirDotenv])] : []
    f.env.cwdDotenv.copies = row.cwdDotenv ? [copy('cwd.dotenv', VALUE[row.cwdDotenv])] : []
  })
}

function clientFacts(row: PrecedenceRow): Facts {
  // The client's own view: its config copy (authToken of the row), the same env.
  const f = factsFor(row)
  f.config.gateway.authToken = row.authToken ? copy('config.auth.token', VALUE[row.authToken]) : undefined
  return f
}

describe('clawdoc\'s precedence model agrees with the product-verified table', () => {
  for (const row of PRECEDENCE_ROWS) {
    it(`${row.id}: ${row.result}`, () => {
      const server = resolveParties(factsFor(row)).server
      const client = resolveParties(clientFacts(row))[row.mode === 'remote' ? 'remote-cli' : 'local-cli']
      const sends = row.clientSends === undefined ? undefined : row.clientSends === 'A(trimmed)' ? VALUE.A : VALUE[row.clientSends]
      expect(client.value?.reveal()).toBe(sends)
      expect(serverAccepts(server, client.value)).toBe(row.result === 'ok')
    })
  }
})

// The same for each openclaw profile: the rows of its measured data file (src/model/profiles/data/*.ts, asserted
// against the real release by test/interop/openclaw-*.test.ts) fed to the model with that profile in play.
describe('the precedence model equals the measured rows of each openclaw profile', () => {
  for (const profile of [OPENCLAW_EARLY, OPENCLAW_CURRENT]) {
    const data = measuredData(profile)!
    const N = profile.names
    const legacy = N.legacyPrefixes.find((l) => l.prefix === 'CLAWDBOT_')!
    const product: ProductFacts = {name: 'openclaw', release: profile.representative, profile: profile.id, detectedFrom: 'flag', clues: []}
    const legacyCopy = (id: CopyId, value: string, variable = `${legacy.prefix}GATEWAY_TOKEN`): TokenCopy =>
      copy(id, value, {legacyName: {...legacy}, label: variable, place: {kind: 'shell-env', variable}})
    const named = (id: CopyId, value: string): TokenCopy => copy(id, value, {label: `${id} ${N.tokenVar}`, place: {kind: 'shell-env', variable: N.tokenVar}})

    const base = (row: ProfilePrecedenceRow, authToken: Sym | undefined): Facts => {
      const server: ProfileServerSetup = data.servers[row.server]
      return makeFacts((f) => {
        f.product = product
        f.config.gateway = {
          mode: row.mode,
          authToken: authToken ? copy('config.auth.token', VALUE[authToken]) : undefined,
          remoteToken: row.remoteToken ? copy('config.remote.token', VALUE[row.remoteToken]) : undefined,
          remoteUrl: row.mode === 'remote' ? 'ws://127.0.0.1:18789' : undefined,
          places: {},
        }
        const env = server.envToken && VALUE[server.envToken]
        f.unit.token = env === undefined ? undefined : named('unit.env', env)
        f.service.managerToken = env === undefined ? undefined : named('service.manager-env', env)
        f.service.processToken = env === undefined ? undefined : named('service.process-env', env)
        const old = server.legacyEnvToken && VALUE[server.legacyEnvToken]
        f.unit.legacyCopies = old === undefined ? undefined : [legacyCopy('unit.env', old)]
        f.service.processLegacyCopies = old === undefined ? undefined : [legacyCopy('service.process-env', old)]
        f.env.shell = [
          ...(row.shellEnv ? [named('shell.env', VALUE[row.shellEnv])] : []),
          ...(row.legacyShellEnv ? [legacyCopy('shell.env', VALUE[row.legacyShellEnv])] : []),
        ]
        f.env.stateDirDotenv.copies = row.stateDirDotenv ? [named('statedir.dotenv', VALUE[row.stateDirDotenv])] : []
        f.env.cwdDotenv.copies = row.cwdDotenv ? [named('cwd.dotenv', VALUE[row.cwdDotenv])] : []
      })
    }

    for (const row of data.precedence) {
      it(`${profile.id} (${profile.representative}) ${row.id}: ${row.result}`, () => {
        // The server runs on its own setup; the client reads the row's config and environment.
        const server = resolveParties(base(row, data.servers[row.server].authToken)).server
        const client = resolveParties(base(row, row.authToken))[row.mode === 'remote' ? 'remote-cli' : 'local-cli']
        expect(client.value?.reveal()).toBe(row.clientSends === undefined ? undefined : VALUE[row.clientSends])
        expect(serverAccepts(server, client.value)).toBe(row.result === 'ok')
      })
    }
  }

  it('openclaw 2026.9.6: a stale shell OPENCLAW_GATEWAY_TOKEN loses to gateway.auth.token, and the reason cites the release\'s rule', () => {
    const f = makeFacts((f) => {
      f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag', clues: []}
      const place = {kind: 'shell-env' as const, variable: 'OPENCLAW_GATEWAY_TOKEN'}
      f.env.shell = [copy('shell.env', VALUE.X, {label: '$OPENCLAW_GATEWAY_TOKEN in your shell', place})]
    })
    const cli = resolveParties(f)['local-cli']
    expect(cli.source).toBe('auth-token')
    expect(cli.reason).toBe('gateway.auth.token wins over $OPENCLAW_GATEWAY_TOKEN in your shell for this CLI on openclaw 2026.3.22+ (config first)')
  })

  it('a legacy name never wins where the release ignores it, and is the fallback after the primary name where it reads it', () => {
    const facts = (profile: typeof OPENCLAW_EARLY, primary?: string) => makeFacts((f) => {
      f.product = {name: 'openclaw', profile: profile.id, detectedFrom: 'flag', clues: []}
      f.config.gateway.authToken = undefined
      f.unit.token = f.service.processToken = f.service.managerToken = undefined
      const read = profile.names.legacyPrefixes.find((l) => l.prefix === 'CLAWDBOT_')!.read
      f.env.shell = [
        copy('shell.env', VALUE.U, {legacyName: {prefix: 'CLAWDBOT_', read}, place: {kind: 'shell-env', variable: 'CLAWDBOT_GATEWAY_TOKEN'}}),
        ...(primary ? [copy('shell.env', primary, {place: {kind: 'shell-env', variable: 'OPENCLAW_GATEWAY_TOKEN'}})] : []),
      ]
    })
    expect(resolveParties(facts(OPENCLAW_CURRENT))['local-cli'].value).toBeUndefined()
    expect(resolveParties(facts(OPENCLAW_EARLY))['local-cli'].value?.reveal()).toBe(VALUE.U)
    expect(resolveParties(facts(OPENCLAW_EARLY))['local-cli'].reason)
      .toMatch(/under the legacy name CLAWDBOT_GATEWAY_TOKEN, which openclaw 2026\.1\.29 to 2026\.3\.22 \(exclusive\) still reads after OPENCLAW_/)
    // The primary name first, though it comes later in the list.
    expect(resolveParties(facts(OPENCLAW_EARLY, VALUE.B))['local-cli'].value?.reveal()).toBe(VALUE.B)
    // The gateway itself never takes the legacy name (row legacy-server-env): it makes up a token.
    const server = resolveParties(makeFacts((f) => {
      f.product = {name: 'openclaw', profile: OPENCLAW_EARLY.id, detectedFrom: 'flag', clues: []}
      f.config.gateway.authToken = undefined
      f.unit.token = f.service.processToken = f.service.managerToken = undefined
      f.service.processLegacyCopies = [copy('service.process-env', VALUE.U, {legacyName: {prefix: 'CLAWDBOT_', read: true}})]
    })).server
    expect(server.authMode).toBe('token')
    expect(server.value).toBeUndefined()
    expect(server.reason).toMatch(/openclaw generates a token of its own at start/)
  })
})
