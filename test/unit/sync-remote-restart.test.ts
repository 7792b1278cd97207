import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {locate} from '../../src/app/locate.js'
import {runSync, syncExitCode} from '../../src/app/sync-token.js'
import {diagnose} from '../../src/model/views.js'
import {runChecks} from '../../src/checks/index.js'
import {gatherFacts} from '../../src/sources/gather.js'
import {createContext, type Context} from '../../src/sources/context.js'
import type {RestartDeps} from '../../src/restart/types.js'
import {TOK_A, TOK_B} from '../helpers/facts.js'

// A client machine in remote mode (gateway.remote.url through an SSH tunnel on loopback), no gateway unit here.
// Written for real (sync-token applies through the real fs, atomically), in a temp HOME.
const ROOT = mkdtempSync(path.join(tmpdir(), 'clawdoc-remote-'))
afterAll(() => rmSync(ROOT, {recursive: true, force: true}))
let n = 0
let CONFIG = ''
const remoteHome = (unit?: string): Context => {
  const h = path.join(ROOT, `h${n++}`)
  CONFIG = path.join(h, '.openclaw', 'openclaw.json')
  mkdirSync(path.dirname(CONFIG), {recursive: true, mode: 0o700})
  writeFileSync(CONFIG, JSON.stringify({gateway: {mode: 'remote', remote: {url: 'ws://127.0.0.1:28789', token: TOK_B}}}, null, 2) + '\n', {mode: 0o600})
  if (unit) {
    mkdirSync(path.join(h, '.config/systemd/user'), {recursive: true})
    writeFileSync(path.join(h, '.config/systemd/user/openclaw-gateway.service'), unit)
  }
  return createContext({env: {HOME: h, PATH: '/nowhere'}, home: h, cwd: h, now: () => 1_780_000_000_000})
}

/** A restart that must not be reached. */
const noRestart: RestartDeps = new Proxy({} as RestartDeps, {
  get: () => () => {
    throw new Error('restart was attempted')
  },
})

describe('sync-token --restart on a remote-mode machine without a gateway unit', () => {
  it('writes gateway.remote.token, skips the restart with a note (nothing to cycle here), exits 0', async () => {
    const ctx = remoteHome()
    const {paths, product} = await locate(ctx, {product: 'openclaw', release: '2026.9.6'})
    const choice = {kind: 'value' as const, value: TOK_A, via: 'stdin' as const}
    const o = await runSync(ctx, {paths, product: product.facts, choice, dryRun: false, live: false, restart: true},
      {confirm: async () => true, restart: noRestart})
    expect(o.apply?.error).toBeUndefined()
    expect(o.plan.files.map((f) => f.path)).toEqual([CONFIG])
    expect(readFileSync(CONFIG, 'utf8')).toContain(TOK_A)
    expect(o.restart).toBeUndefined()
    expect(o.notes.join(' ')).toMatch(/nothing to restart here \(gateway\.mode is remote and .*openclaw-gateway\.service does not exist\)/)
    expect(syncExitCode(o)).toBe(0)
  })

  it('with a gateway unit installed here, --restart still restarts it (the deps are called)', async () => {
    const ctx = remoteHome('[Service]\nExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway --port 28789\n')
    const {paths, product} = await locate(ctx, {product: 'openclaw', release: '2026.9.6'})
    await expect(runSync(ctx, {paths, product: product.facts, choice: {kind: 'value', value: TOK_A, via: 'stdin'}, dryRun: false, live: false, restart: true},
      {confirm: async () => true, restart: noRestart})).rejects.toThrow(/restart was attempted/)
  })
})

describe('doctor on that machine: the default probe goes to the loopback gateway.remote.url', () => {
  it('a refusal of gateway.remote.token there is token.remote-cli at error, with the --token-stdin fix; probe.result stays quiet', async () => {
    const ctx = remoteHome()
    const {paths, product} = await locate(ctx, {product: 'openclaw', release: '2026.9.6'})
    const facts = await gatherFacts(ctx, {paths, product: product.facts, live: false})
    expect(facts.probe?.status).toBe('skipped')
    // What the probe of a live run finds (the target and the rejection of the one copy it may send).
    const {Secret} = await import('../../src/model/secret.js')
    const b = new Secret(TOK_B)
    facts.probe = {status: 'ok', target: 'ws://127.0.0.1:28789', authOff: false,
      results: [{copies: ['config.remote.token'], length: b.length, sha256: b.fingerprint, outcome: 'token-mismatch',
        message: 'gateway token mismatch', ms: 3}]}
    const results = runChecks(diagnose(facts))
    const remote = results.find((r) => r.id === 'token.remote-cli')!
    expect(remote.findings.map((f) => f.severity)).toEqual(['error'])
    expect(remote.findings[0]!.message).toMatch(/refuses it \(gateway token mismatch\)/)
    expect(remote.findings[0]!.fix?.command).toMatch(/^clawdoc sync-token .*--yes --token-stdin$/)
    expect(results.find((r) => r.id === 'probe.result')!.findings).toEqual([])
    // Accepted: nothing to say.
    facts.probe.results[0]!.outcome = 'accepted'
    expect(runChecks(diagnose(facts)).find((r) => r.id === 'token.remote-cli')!.findings).toEqual([])
  })
})

describe('probeTarget in remote mode', () => {
  it('a loopback gateway.remote.url is the default target; a non-loopback one still needs --remote', async () => {
    const {probeTarget} = await import('../../src/probe/target.js')
    const {makeFacts} = await import('../helpers/facts.js')
    const f = makeFacts()
    f.config.gateway.mode = 'remote'
    f.config.gateway.remoteUrl = 'ws://127.0.0.1:28789'
    expect(probeTarget(f, false)).toMatchObject({ok: true, url: 'ws://127.0.0.1:28789/', loopback: true})
    f.config.gateway.remoteUrl = 'wss://gw.example.net'
    expect(probeTarget(f, false)).toMatchObject({ok: true, url: `ws://127.0.0.1:${f.port.port}`})
    expect(probeTarget(f, true)).toMatchObject({ok: true, url: 'wss://gw.example.net/', loopback: false})
    f.config.gateway.mode = 'local'
    f.config.gateway.remoteUrl = 'ws://127.0.0.1:28789'
    expect(probeTarget(f, false)).toMatchObject({url: `ws://127.0.0.1:${f.port.port}`})
  })
})
