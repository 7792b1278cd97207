import {describe, expect, it} from 'vitest'

import {resolveParties, serverAccepts} from '../../src/model/parties.js'
import type {Facts} from '../../src/model/facts.js'
import {TOK_A, TOK_B, TOK_C, copy, makeFacts} from '../helpers/facts.js'

type Row = {
  mode: 'local' | 'remote'
  auth?: string
  remote?: string
  unit?: string
  shell?: string
  stateDotenv?: string
  /** What the real product did (src/docs/CLAWDBOT.md §10): does the client get in? */
  ok: boolean
}

const X = 'xxxx9999yyyy8888zzzz7777wwww6666vvvv5555uuuu4444'
// Rows of src/docs/CLAWDBOT.md §10 (observed on the real product). A=TOK_A, B=TOK_B, U/X others.
const rows: Row[] = [
  {mode: 'local', auth: TOK_A, remote: TOK_B, unit: TOK_A, ok: true},
  {mode: 'local', auth: TOK_A, remote: TOK_B, unit: TOK_A, shell: TOK_B, ok: false},
  {mode: 'local', auth: TOK_A, remote: TOK_A, unit: TOK_A, shell: X, ok: false},
  {mode: 'local', auth: TOK_A, remote: TOK_A, unit: X, ok: true},
  {mode: 'local', auth: TOK_A, remote: TOK_A, unit: X, shell: X, ok: false},
  {mode: 'local', unit: TOK_C, ok: false},
  {mode: 'local', unit: TOK_C, shell: TOK_C, ok: true},
  {mode: 'local', unit: TOK_C, shell: X, ok: false},
  {mode: 'remote', auth: TOK_A, remote: TOK_B, unit: TOK_A, ok: false},
  {mode: 'remote', auth: TOK_A, remote: TOK_B, unit: TOK_A, shell: TOK_A, ok: false},
  {mode: 'remote', auth: TOK_A, remote: TOK_A, unit: TOK_A, shell: X, ok: true},
  {mode: 'remote', auth: TOK_A, remote: TOK_A, unit: X, ok: true},
  {mode: 'local', auth: TOK_A, remote: TOK_A, unit: TOK_A, stateDotenv: X, ok: false},
  {mode: 'local', auth: TOK_A, remote: TOK_A, unit: TOK_A, shell: TOK_A, stateDotenv: X, ok: true},
]

function factsFor(r: Row): Facts {
  return makeFacts((f) => {
    f.config.gateway = {
      mode: r.mode,
      authToken: r.auth ? copy('config.auth.token', r.auth) : undefined,
      remoteToken: r.remote ? copy('config.remote.token', r.remote) : undefined,
      remoteUrl: r.mode === 'remote' ? 'ws://127.0.0.1:18789' : undefined,
      places: {},
    }
    f.unit.token = r.unit ? copy('unit.env', r.unit) : undefined
    f.service.managerToken = f.unit.token && copy('service.manager-env', r.unit!)
    f.service.processToken = f.unit.token && copy('service.process-env', r.unit!)
    f.env.shell = r.shell ? [copy('shell.env', r.shell)] : []
    f.env.stateDirDotenv.copies = r.stateDotenv ? [copy('statedir.dotenv', r.stateDotenv)] : []
  })
}

describe('resolveParties against the product\'s observed behaviour (src/docs/CLAWDBOT.md §10)', () => {
  rows.forEach((r, i) => {
    const row = JSON.stringify({...r, ok: undefined}).replace(/[0-9a-z]{48}/g, (t) => (t === TOK_A ? 'A' : t === TOK_B ? 'B' : t === TOK_C ? 'U' : 'X'))
    it(`row ${i + 1}: ${row} → ${r.ok ? 'OK' : '1008'}`, () => {
      const p = resolveParties(factsFor(r))
      const client = r.mode === 'remote' ? p['remote-cli'] : p['local-cli']
      expect(serverAccepts(p.server, client.value)).toBe(r.ok)
    })
  })
})

describe('resolveParties details', () => {
  it('server keeps auth.token untrimmed while the CLI trims it', () => {
    const p = resolveParties(makeFacts((f) => { f.config.gateway.authToken = copy('config.auth.token', TOK_A + ' ') }))
    expect(p.server.value!.length).toBe(49)
    expect(p['local-cli'].value!.length).toBe(48)
    expect(serverAccepts(p.server, p['local-cli'].value)).toBe(false)
  })
  it('auth.token "" with no mode means auth none (env ignored)', () => {
    const p = resolveParties(makeFacts((f) => { f.config.gateway.authToken = copy('config.auth.token', '') }))
    expect(p.server.authMode).toBe('none')
  })
  it('a password without auth.mode wins over the token', () => {
    const p = resolveParties(makeFacts((f) => { f.config.gateway.authPassword = copy('config.auth.password', 'pw-pw-pw-pw') }))
    expect(p.server.authMode).toBe('password')
  })
  it('ExecStart --token overrides the config for the server', () => {
    const p = resolveParties(makeFacts((f) => { f.unit.execToken = copy('unit.exec-start', TOK_B) }))
    expect(p.server.copy!.id).toBe('unit.exec-start')
  })
  it('a discarded config leaves the server with the env token only', () => {
    const p = resolveParties(makeFacts((f) => {
      f.config.discardedByProduct = true
      f.unit.token = copy('unit.env', TOK_C)
      f.service.processToken = copy('service.process-env', TOK_C)
    }))
    expect(p.server.copy!.id).toBe('service.process-env')
    expect(p['local-cli'].copy).toBeUndefined()
  })
  it('in-gateway tools use the service env before auth.token', () => {
    const p = resolveParties(makeFacts((f) => { f.service.processToken = copy('service.process-env', TOK_B) }))
    expect(p['gateway-tools'].copy!.id).toBe('service.process-env')
    expect(p.server.copy!.id).toBe('config.auth.token')
  })
  it('cwd .env beats <stateDir>/.env for the CLI', () => {
    const p = resolveParties(makeFacts((f) => {
      f.env.cwdDotenv.copies = [copy('cwd.dotenv', TOK_B)]
      f.env.stateDirDotenv.copies = [copy('statedir.dotenv', TOK_C)]
    }))
    expect(p['local-cli'].copy!.id).toBe('cwd.dotenv')
  })
})
