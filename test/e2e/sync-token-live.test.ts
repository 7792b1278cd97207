import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {Secret} from '../../src/model/secret.js'
import {parseShow, parseShowEnvironment} from '../../src/formats/systemctl-show.js'
import {ROOT, runCli, schemaErrors} from '../helpers/cli.js'
import {TOK_A, TOK_B, TOK_C} from '../helpers/facts.js'
import {freePort, waitForPort} from '../helpers/stand-in-unit.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

// sync-token end to end on a REAL systemd user manager: the unit's Environment= is rewritten in
// place, systemd is reloaded, `systemctl --user show -p Environment` then holds the new token, and
// after a restart through systemd doctor finds nothing left to fix.
const UNIT = 'clawdbot-gateway.service'
let um: UserManager
let port: number
const configPath = () => path.join(um.home, '.clawdbot', 'clawdbot.json')
const unitPath = () => path.join(um.unitDir, UNIT)



async function managerToken(): Promise<Secret | undefined> {
  const r = await um.systemctl('show', UNIT, '-p', 'Environment')
  const v = parseShowEnvironment(parseShow(r.stdout).Environment ?? '').get('CLAWDBOT_GATEWAY_TOKEN')
  return v === undefined ? undefined : new Secret(v)
}

beforeAll(async () => {
  um = await startUserManager()
  port = await freePort()
  await mkdir(path.dirname(configPath()), {recursive: true})
  // JSON5 with comments: they must survive.
  await writeFile(
    configPath(),
    `// my gateway\n{\n  gateway: {\n    mode: 'local', // keep\n    port: ${port},\n    auth: { token: '${TOK_A}' },\n` +
      `    remote: { token: "${TOK_B}" }, /* old laptop */\n  },\n}\n`,
    {mode: 0o600},
  )
  const unit = [
    '[Unit]',
    'Description=Clawdbot Gateway (stand-in)',
    '',
    '[Service]',
    `ExecStart="${process.execPath}" "${path.join(ROOT, 'test', 'helpers', 'stand-in-gateway.mjs')}" gateway --port ${port}`,
    'Restart=always',
    'RestartSec=1',
    'KillMode=process',
    `Environment=HOME=${um.home} CLAWDBOT_GATEWAY_PORT=${port}`,
    `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_C}`,
    '',
  ].join('\n')
  await um.writeUnit(UNIT, unit)
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  expect((await um.systemctl('start', UNIT)).code).toBe(0)
  await waitForPort(port)
})

afterAll(async () => {
  await um?.stop()
})

describe('sync-token with a live user manager', () => {
  it('--dry-run changes nothing', async () => {
    const before = await readFile(unitPath(), 'utf8')
    const r = await runCli(['sync-token', '--dry-run'], {env: um.env, cwd: um.home})
    expect(r.code).toBe(0)
    expect(await readFile(unitPath(), 'utf8')).toBe(before)
    for (const t of [TOK_A, TOK_B, TOK_C]) expect(r.stdout + r.stderr).not.toContain(t)
  })

  it('refuses to write without --yes when there is no terminal', async () => {
    const r = await runCli(['sync-token'], {env: um.env, cwd: um.home})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--yes/)
  })

  it('--yes rewrites config and unit, reloads systemd, and the manager holds the new token', async () => {
    const configBefore = await readFile(configPath(), 'utf8')
    const unitBefore = await readFile(unitPath(), 'utf8')
    const r = await runCli(['sync-token', '--yes', '--json'], {env: um.env, cwd: um.home})
    for (const t of [TOK_A, TOK_B, TOK_C]) expect(r.stdout + r.stderr).not.toContain(t)
    const doc = JSON.parse(r.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', doc)).toEqual([])
    expect(doc.files.map((f: {path: string}) => f.path).sort()).toEqual([configPath(), unitPath()].sort())
    // Only the token bytes changed.
    expect(await readFile(configPath(), 'utf8')).toBe(configBefore.replace(TOK_B, TOK_A))
    expect(await readFile(unitPath(), 'utf8')).toBe(unitBefore.replace(TOK_C, TOK_A))
    // systemd was reloaded: it has the new Environment= loaded.
    const show = parseShow((await um.systemctl('show', UNIT, '-p', 'NeedDaemonReload')).stdout)
    expect(show.NeedDaemonReload).toBe('no')
    expect((await managerToken())?.equals(new Secret(TOK_A))).toBe(true)
    // Backups exist next to the files, keep the mode, and their names hold no token.
    const names = [...(await readdir(path.dirname(configPath()))), ...(await readdir(um.unitDir))]
    const backups = names.filter((n) => n.includes('.clawdoc-') && n.endsWith('.bak'))
    expect(backups).toHaveLength(2)
    for (const n of backups) for (const t of [TOK_A, TOK_B, TOK_C]) expect(n).not.toContain(t)
  })

  it('the running process still has the old token until a restart through systemd; then doctor passes', async () => {
    const stale = await runCli(['doctor', '--json', '--no-probe'], {env: um.env, cwd: um.home})
    const staleDoc = JSON.parse(stale.stdout)
    expect(staleDoc.checks.find((c: {id: string}) => c.id === 'token.service-stale').status).toBe('error')
    const restart = await runCli(['restart', '--json'], {env: um.env, cwd: um.home, timeoutMs: 60_000})
    expect(restart.code, restart.stdout + restart.stderr).toBe(0)
    await waitForPort(port)
    const after = await runCli(['doctor', '--json'], {env: um.env, cwd: um.home})
    const doc = JSON.parse(after.stdout)
    const bad = doc.checks.filter((c: {status: string}) => c.status === 'error' || c.status === 'warning')
    expect(bad.map((c: {id: string; findings: {message: string}[]}) => [c.id, c.findings.map((f) => f.message)])).toEqual([])
    expect(doc.probe.results.every((x: {outcome: string}) => x.outcome === 'accepted')).toBe(true)
    expect(after.code).toBe(0)
  })

  it('--yes --restart does it in one go: edit, reload, restart, verify', async () => {
    // Drift again: someone pasted an old token into the unit.
    const text = await readFile(unitPath(), 'utf8')
    await writeFile(unitPath(), text.replace(TOK_A, TOK_C))
    const r = await runCli(['sync-token', '--yes', '--restart', '--json'], {env: um.env, cwd: um.home, timeoutMs: 60_000})
    for (const t of [TOK_A, TOK_B, TOK_C]) expect(r.stdout + r.stderr).not.toContain(t)
    const doc = JSON.parse(r.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', doc)).toEqual([])
    expect(await schemaErrors('restart-result.schema.json', doc.restart)).toEqual([])
    expect(doc.restart).toMatchObject({ok: true, outcome: 'restarted'})
    expect(r.code).toBe(0)
    const after = await runCli(['doctor', '--json'], {env: um.env, cwd: um.home})
    expect(after.code, after.stdout).toBe(0)
  })
})
