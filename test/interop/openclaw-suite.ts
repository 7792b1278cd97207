import {TOKEN_VALUES} from './precedence-table.js'
import {realpathSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import WebSocket from 'ws'

import type {HealthResult, ProbeHandshake, ProfilePrecedenceRow, ReleaseProfileData, Sym} from '../../src/model/profiles/data/types.js'
import {Secret} from '../../src/model/secret.js'
import {observeExec} from '../../src/sources/exec.js'
import {portAnswers} from '../helpers/clawdbot.js'
import {waitUntil} from '../helpers/live-drift.js'
import {probeToken} from '../../src/probe/ws-probe.js'
import {
  ensureOpenclaw,
  runOpenclaw,
  startOpenclawGateway,
  writeOpenclawConfig,
  type OpenclawGateway,
  type OpenclawInstall,
  type OpenclawRelease,
} from '../helpers/openclaw.js'

/** The shared fake token values (test/interop/precedence-table.ts). */
export const VALUES: Readonly<Record<Sym, string>> = TOKEN_VALUES
const val = (s: Sym | undefined) => (s === undefined ? undefined : VALUES[s])

/**
 * A token probe with the handshake the profile records (client id, protocol range); the rest as
 * src/probe/ws-probe.ts does it (wait for connect.challenge, send connect, read the answer).
 * Test-local because ws-probe's frame is clawdbot's; the wiring will take the handshake from the profile.
 */
/** A gateway's log as text, or a placeholder while it has written none. */
export function logText(file: string): Promise<string> {
  return fsp.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return '(no gateway log)'
    throw e
  })
}

/** Until the openclaw gateway on `o.port` accepts `token`, sent explicitly with the release's own probe handshake. */
export async function waitServes(o: {port: number; probe: ProbeHandshake; log: string}, token: string, ms: number): Promise<void> {
  let last = ''
  await waitUntil(
    async () => {
      if (!(await portAnswers(o.port))) return false
      const p = await probeAs(`ws://127.0.0.1:${o.port}`, token, o.probe, 5000)
      last = `${p.outcome} ${p.message ?? ''}`
      return p.outcome === 'accepted'
    },
    ms,
    async () => `gateway on ${o.port} never accepted the expected token (last: ${last}). Log tail:\n${(await logText(o.log)).slice(-2500)}`,
  )
}

export function probeAs(url: string, token: string | undefined, hs: ProbeHandshake, timeoutMs = 15_000): Promise<{outcome: string; message?: string}> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {handshakeTimeout: timeoutMs})
    let done = false
    const finish = (outcome: string, message?: string) => {
      if (done) return
      done = true
      clearTimeout(timer)
      ws.terminate()
      resolve({outcome, ...(message === undefined ? {} : {message: token ? message.split(token).join('<token>') : message})})
    }
    const timer = setTimeout(() => finish('no-answer'), timeoutMs)
    const classify = (text: string) =>
      /token mismatch/.test(text)
        ? 'token-mismatch'
        : /token missing/i.test(text)
          ? 'token-missing'
          : /device identity required/.test(text)
            ? 'device-identity-required'
            : 'protocol-error'
    let sent = false
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as {type?: string; event?: string; id?: string; ok?: boolean; payload?: {type?: string}; error?: {message?: string}}
      if (!sent) {
        if (f.type !== 'event' || f.event !== 'connect.challenge') return finish('protocol-error', 'no connect.challenge first')
        sent = true
        const params: Record<string, unknown> = {
          minProtocol: hs.minProtocol,
          maxProtocol: hs.maxProtocol,
          client: {id: hs.clientId, version: 'clawdoc', platform: process.platform, mode: 'probe'},
          role: 'operator',
          scopes: ['operator.read'],
        }
        if (token) params.auth = {token}
        ws.send(JSON.stringify({type: 'req', id: 'probe-1', method: 'connect', params}))
        return
      }
      if (f.type === 'event') return
      if (f.ok === true) return finish(f.payload?.type === 'hello-ok' ? 'accepted' : 'protocol-error', f.payload?.type)
      const text = f.error?.message ?? 'refused without a message'
      finish(classify(text), text)
    })
    ws.on('close', (code, reason) => finish(code === 1008 ? classify(reason.toString()) : 'protocol-error', `closed ${code} ${reason.toString()}`))
    ws.on('error', (err) => finish('protocol-error', err.message))
  })
}

/** The real `gateway health` outcome, by the release's own texts. */
export function healthOutcome(r: {code: number | null; stdout: string; stderr: string}): HealthResult | string {
  const out = r.stdout + r.stderr
  if (r.code === 0) return 'ok'
  if (/gateway token mismatch/.test(out)) return 'token-mismatch'
  if (/no token\/password or paired device token/.test(out)) return 'no-credentials'
  if (/gateway token missing/.test(out)) return 'token-missing'
  return `other (code ${r.code}): ${out.slice(-600)}`
}

/**
 * The whole measured profile of one openclaw release against the real release: names (`config
 * file`), the precedence rows (real gateways, the real CLI as client, and the direct probe), and
 * the gateway's own texts. `extra` adds release-specific blocks (unit layout, schema).
 */
export function describeOpenclawProfile(release: OpenclawRelease, data: ReleaseProfileData): void {
  // One describe, so that its gateways start only when one of its tests runs (vitest -t).
  describe(`openclaw ${release} profile data`, () => profileSuite(release, data))
}

function profileSuite(release: OpenclawRelease, data: ReleaseProfileData): void {
  let inst: OpenclawInstall
  let root: string
  const gateways = new Map<string, OpenclawGateway>()
  const argvs: string[] = []
  const stopObserving = observeExec((file, args) => argvs.push([file, ...args].join(' ')))

  beforeAll(async () => {
    inst = await ensureOpenclaw(release) // fails loudly when the release cannot be installed
    root = await fsp.mkdtemp(path.join(tmpdir(), `clawdoc-oc-${release}-`))
    // One gateway per server setup (started in parallel), reused by every row.
    await Promise.all(Object.entries(data.servers).map(async ([id, s]) => {
      const home = path.join(root, `server-${id}`)
      await fsp.mkdir(home)
      const env = {OPENCLAW_GATEWAY_TOKEN: val(s.envToken), CLAWDBOT_GATEWAY_TOKEN: val(s.legacyEnvToken)}
      gateways.set(id, await startOpenclawGateway(release, {home, config: {gateway: s.authToken === undefined ? {} : {auth: {token: val(s.authToken)}}}, env}))
    }))
  }, 600_000)

  afterAll(async () => {
    stopObserving()
    await Promise.all([...gateways.values()].map((g) => g.stop()))
    if (root) await fsp.rm(root, {recursive: true, force: true})
  })

  describe(`openclaw ${release}: names`, () => {
    const caseName = (c: (typeof data.names.configFileCases)[number]) =>
      `${c.files.join('+') || '(empty home)'} ${JSON.stringify(c.env ?? {})} ${(c.args ?? []).join(' ')}`
    it.each(data.names.configFileCases.map((c) => [caseName(c), c] as const))(
      '`config file` with %s', async (_n, c) => {
        const home = await fsp.mkdtemp(path.join(root, 'names-'))
        for (const f of c.files) {
          await fsp.mkdir(path.dirname(path.join(home, f)), {recursive: true})
          await fsp.writeFile(path.join(home, f), '{}\n')
        }
        const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, v.replace(/^\$HOME/, home)]))
        const r = await runOpenclaw(release, [...(c.args ?? []), 'config', 'file'], {home, env})
        expect(r.code, r.stderr).toBe(0)
        const last = r.stdout.trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? ''
        // 2026.3.2 prints HOME as ~, 2026.9.6 prints the absolute path; the data says $HOME.
        expect(last.replace(home, '$HOME').replace(/^~(?=\/)/, '$HOME')).toBe(c.answer)
      }, 60_000)
  })

  describe(`openclaw ${release}: config schema export`, () => {
    it(data.configSchema.exportable ? 'prints its config JSON schema (`config schema`)' : 'has no `config schema` command', async () => {
      const home = await fsp.mkdtemp(path.join(root, 'schema-'))
      const r = await runOpenclaw(release, ['config', 'schema'], {home, timeoutMs: 120_000})
      if (!data.configSchema.exportable) {
        expect(r.code).not.toBe(0)
        return
      }
      expect(r.code, r.stderr.slice(-500)).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({type: 'object', properties: {gateway: {type: 'object'}}})
    }, 150_000)
  })

  async function clientRun(row: ProfilePrecedenceRow, gw: OpenclawGateway) {
    const home = path.join(root, `client-${row.id}`)
    const cwd = path.join(home, 'work')
    await fsp.mkdir(cwd, {recursive: true})
    const gateway: Record<string, unknown> = {mode: row.mode, port: gw.port}
    if (row.authToken !== undefined) gateway.auth = {token: val(row.authToken)}
    const remote = {...(row.mode === 'remote' ? {url: gw.url} : {}), ...(row.remoteToken ? {token: val(row.remoteToken)} : {})}
    if (Object.keys(remote).length) gateway.remote = remote
    await writeOpenclawConfig(home, gateway, path.join(home, 'client.log'))
    if (row.stateDirDotenv) await fsp.writeFile(path.join(home, '.openclaw', '.env'), `OPENCLAW_GATEWAY_TOKEN=${val(row.stateDirDotenv)}\n`, {mode: 0o600})
    if (row.cwdDotenv) await fsp.writeFile(path.join(cwd, '.env'), `OPENCLAW_GATEWAY_TOKEN=${val(row.cwdDotenv)}\n`, {mode: 0o600})
    return runOpenclaw(
      release,
      ['gateway', 'health', '--timeout', '8000'],
      {home, cwd, env: {OPENCLAW_GATEWAY_TOKEN: val(row.shellEnv), CLAWDBOT_GATEWAY_TOKEN: val(row.legacyShellEnv)}},
    )
  }

  describe(`openclaw ${release}: who sends which token`, () => {
    it.each(data.precedence.map((r) => [r.id, r] as const))('%s', async (_id, row) => {
      const gw = gateways.get(row.server)!
      const h = await clientRun(row, gw)
      process.stderr.write(`[${release} ${row.id}] health: ${healthOutcome(h).slice(0, 300)}\n`)
      expect(healthOutcome(h), row.note).toBe(row.result)
      // The CLI's own text for the outcome is the recorded one.
      const text = {
        'ok': undefined,
        'token-mismatch': data.errors.tokenMismatch,
        'token-missing': data.errors.tokenMissing,
        'no-credentials': data.errors.noCredentials,
      }[row.result]
      if (row.result !== 'ok') expect(h.stdout + h.stderr, row.id).toContain(text)
      // What the row says the CLI sends, probed directly, gets the recorded verdict.
      const sent = row.clientSends === undefined ? undefined : VALUES[row.clientSends]
      const p = await probeAs(gw.url, sent, data.probe)
      expect(p.outcome, `${row.note} (probe: ${p.message ?? ''})`).toBe(row.probe)
    }, 90_000)
  })

  describe(`openclaw ${release}: the gateway's own texts`, () => {
    it('the token-mismatch text is the recorded one', async () => {
      const gw = gateways.get('configAndStaleEnv')!
      const r = await probeAs(gw.url, VALUES.Z, data.probe)
      expect(r).toMatchObject({outcome: 'token-mismatch', message: data.errors.tokenMismatchProbe})
      if (data.errors.noTokenProbe !== undefined) expect(await probeAs(gw.url, undefined, data.probe)).toMatchObject({message: data.errors.noTokenProbe})
    })

    it('the clawdbot-era probe handshake (client.id clawdbot-probe) gets no token verdict from this release', async () => {
      const r = await probeToken(gateways.get('configAndStaleEnv')!.url, new Secret(VALUES.A), {timeoutMs: 5000})
      expect(r.outcome, r.message).toBe('protocol-error')
    })

    it('legacy variables in the server env: the recorded warnings, or none', async () => {
      const gw = gateways.get('legacyEnvOnly')!
      const out = await fsp.readFile(gw.outFile, 'utf8')
      process.stderr.write(`--- openclaw ${release} legacyEnvOnly gateway output (tail) ---\n${out.slice(-2500)}\n`)
      if (data.errors.legacyEnvWarning === undefined) expect(out).not.toMatch(/LEGACY_ENV/)
      else expect(out).toContain(data.errors.legacyEnvWarning)
      if (data.errors.runtimeTokenWarning === undefined) expect(out).not.toMatch(/runtime token/)
      else expect(out).toContain(data.errors.runtimeTokenWarning)
    })

    it('no token ever went on a command line or into a gateway log', async () => {
      expect(argvs.length).toBeGreaterThanOrEqual(data.precedence.length)
      const secrets = [VALUES.A, VALUES.B, VALUES.U, VALUES.X, VALUES.Z]
      for (const v of secrets) expect(argvs.some((a) => a.includes(v))).toBe(false)
      for (const g of gateways.values()) {
        const text = [await fsp.readFile(g.outFile, 'utf8'), await fsp.readFile(g.logFile, 'utf8').catch(() => '')].join('\n')
        for (const v of secrets) expect(text.includes(v), g.outFile).toBe(false)
      }
    })
  })

  it('ran on the installed release', () => expect(inst.release).toBe(release))
}

/** A unit text with the machine-specific parts replaced (paths, port, token symbols), for comparing with the recorded sample. */
export function normaliseUnit(text: string, o: {node: string; pkg: string; home: string; tmp: string; port: number; tokens: Record<string, string>}): string {
  // Node reports the cache's real path (node_modules may be a symlink): replace both spellings.
  const both = (p: string) => [...new Set([realpathSync(p), p])]
  let t = text
  for (const [p, name] of [[o.node, '<NODE>'], [o.pkg, '<PKG>'], [o.tmp, '<TMPDIR>'], [o.home, '<HOME>'], [path.dirname(o.node), '<NODE_BIN>']] as const) {
    for (const s of both(p)) t = t.split(s).join(name)
  }
  t = t.replace(new RegExp(`\\b${o.port}\\b`, 'g'), '<PORT>')
  for (const [sym, v] of Object.entries(o.tokens)) if (v.length > 8) t = t.split(v).join(`<TOKEN ${sym}>`)
  return t
}
