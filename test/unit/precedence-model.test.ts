import {describe, expect, it} from 'vitest'

import {resolveParties, serverAccepts} from '../../src/model/parties.js'
import type {Facts} from '../../src/model/facts.js'
import {copy, makeFacts} from '../helpers/facts.js'
import {PRECEDENCE_ROWS, SERVERS, type PrecedenceRow, type Sym} from '../interop/precedence-table.js'

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
