import {spawnSync} from 'node:child_process'
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {describe, expect, it} from 'vitest'

import {probeToken} from '../../src/probe/ws-probe.js'
import {Secret} from '../../src/model/secret.js'
import {ensureClawdbot, execStartLine, portAnswers, productQuote, productUnitText, startGateway, withLock} from '../helpers/clawdbot.js'

describe('test/helpers/clawdbot', () => {
  it('withLock serialises callers and takes over a lock whose owner died', async () => {
    const dir = await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-lock-'))
    const lock = path.join(dir, 'l.lock')
    const events: string[] = []
    const section = (n: string) => withLock(lock, async () => {
      events.push(`${n}+`)
      await new Promise((r) => setTimeout(r, 100))
      events.push(`${n}-`)
    })
    await Promise.all([section('a'), section('b')])
    expect([events.slice(0, 2), events.slice(2)].map((p) => p[0]![0] === p[1]![0])).toEqual([true, true])
    // A dead owner: a pid that existed and exited.
    const dead = spawnSync('true').pid
    await fsp.mkdir(lock)
    await fsp.writeFile(path.join(lock, 'owner'), String(dead))
    await expect(withLock(lock, async () => 'took over')).resolves.toBe('took over')
    await expect(fsp.stat(lock)).rejects.toMatchObject({code: 'ENOENT'})
    await fsp.rm(dir, {recursive: true, force: true})
  })

  it('ensureClawdbot is idempotent under concurrent callers', async () => {
    const [a, b] = await Promise.all([ensureClawdbot(), ensureClawdbot()])
    expect(a).toEqual(b)
    expect(execStartLine(a, 4242)).toBe(`"${a.node22}" "${a.entry}" gateway --port 4242`)
  }, 300_000)

  it('startGateway runs the real gateway on a free port, and stop() frees it and ends its process group', async () => {
    const gw = await startGateway({config: {gateway: {auth: {token: 'fake-helper-token'}}}})
    try {
      expect(gw.port).not.toBe(18789)
      expect(await probeToken(gw.url, new Secret('fake-helper-token'), {timeoutMs: 5000})).toMatchObject({outcome: 'accepted'})
      expect((await fsp.readFile(gw.configPath, 'utf8')).includes('"mode": "local"')).toBe(true)
    } finally {
      await gw.stop()
    }
    expect(await portAnswers(gw.port)).toBe(false)
    expect(() => process.kill(-gw.pid, 0)).toThrow(expect.objectContaining({code: 'ESRCH'}))
    await fsp.rm(gw.home, {recursive: true, force: true})
  }, 300_000)

  it('renders a unit with the product\'s own buildSystemdUnit; execStartLine and productQuote agree with it', async () => {
    const inst = await ensureClawdbot()
    const values = ['tok-U1', 'server-token-aaaa', 'abc def', 'a"b', 'a\\b', 'a\\\\b']
    const env = Object.fromEntries(values.map((v, i) => [`K${i}`, v]))
    const text = await productUnitText(inst, 4242, env)
    expect(text).toContain(`\nExecStart=${execStartLine(inst, 4242)}\n`)
    expect(text).toMatch(/\nRestart=always\nRestartSec=5\nKillMode=process\n/)
    const envLines = text.split('\n').filter((l) => l.startsWith('Environment='))
    expect(envLines).toEqual(values.map((v, i) => `Environment=${productQuote(`K${i}=${v}`)}`))
    expect(envLines).toContain('Environment=K0=tok-U1') // no "s": unquoted
    expect(envLines).toContain('Environment=K2=abc def') // whitespace left unquoted (the product bug)
  }, 300_000)
})
