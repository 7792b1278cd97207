import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli, schemaErrors} from '../helpers/cli.js'
import {TOK_A, TOK_B} from '../helpers/facts.js'
import {freePort, standInUnit} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

// "Active" is not "healthy": after the restart, clawdoc asks the gateway itself whether it accepts
// the server's token. Here the unit points the gateway at ANOTHER config file (CLAWDBOT_CONFIG_PATH
// in its Environment=), so it comes up fine but rejects the token clawdoc sees in ~/.clawdbot.
let um: UserManager
let port: number

beforeAll(async () => {
  um = await startUserManager()
  port = await freePort()
  await mkdir(path.join(um.home, '.clawdbot'), {recursive: true})
  await writeFile(
    path.join(um.home, '.clawdbot', 'clawdbot.json'),
    `{ gateway: { mode: 'local', port: ${port}, auth: { token: '${TOK_A}' } } }\n`,
    {mode: 0o600},
  )
  const other = path.join(um.scratch, 'other.json')
  await writeFile(other, `{ "gateway": { "mode": "local", "auth": { "token": "${TOK_B}" } } }\n`, {mode: 0o600})
  await um.writeUnit('clawdbot-gateway.service', standInUnit({port, logFile: path.join(um.scratch, 'gw.log'), env: {CLAWDBOT_CONFIG_PATH: other}}))
})

afterAll(async () => {
  await um?.stop()
})

describe('restart verifies with the live probe', () => {
  it('a gateway that is active but rejects the configured token is not healthy: exit 3 with the journal and findings', async () => {
    const r = await runCli(['restart', '--json'], {env: um.env, cwd: um.home, timeoutMs: 60_000})
    for (const t of [TOK_A, TOK_B]) expect(r.stdout + r.stderr).not.toContain(t)
    const doc = JSON.parse(r.stdout)
    expect(await schemaErrors('restart-result.schema.json', doc)).toEqual([])
    expect(doc).toMatchObject({
      ok: false,
      outcome: 'not-healthy',
      final: {activeState: 'active', portAccepts: true},
      probe: {status: 'ok', serverToken: 'token-mismatch'},
    })
    expect(doc.journal).toBeDefined()
    expect(doc.findings.map((f: {check: string}) => f.check)).toContain('probe.result')
    expect(r.code).toBe(3)
    const human = await runCli(['restart'], {env: um.env, cwd: um.home, timeoutMs: 60_000})
    expect(human.stdout).toMatch(/did not come up healthy/)
    expect(human.stdout).toMatch(/rejects its own configured token/)
  })
})
