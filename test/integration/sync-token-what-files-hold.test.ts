// Issue 11 items 3 (what the files can hold) through the real CLI on real files: each case below
// is from the "Why" list and failed on e976289.
import {readFileSync} from 'node:fs'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {makeHome, runCli} from '../helpers/cli.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'
import {parseUnitText, splitEnvironmentValue} from '../../src/formats/unit/syntax.js'

const V = 'CLAWDBOT_GATEWAY_TOKEN'
const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const DOTENV = '.clawdbot/.env'
const STALE = 'stale0stale0stale0stale0stale0stale0stale0stale0'
const unit = (token: string) =>
  `[Unit]\nDescription=Clawdbot Gateway\n\n[Service]\nExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port ` +
    `18789\nEnvironment=${V}=${token}\n\n[Install]\nWantedBy=default.target\n`

const cleanups: (() => void)[] = []
afterAll(() => cleanups.forEach((c) => c()))
function home(files: Record<string, string>) {
  const h = makeHome(files)
  cleanups.push(h.cleanup)
  return {home: h.home, read: (rel: string) => readFileSync(path.join(h.home, rel), 'utf8')}
}
const unitToken = (text: string) =>
  parseUnitText(text, '').entries.flatMap((e) => (e.key === 'Environment' ? splitEnvironmentValue(e.value).assignments : [])).find((a) => a.name === V)?.value

describe('sync-token adopts any token the product accepts (issue 11)', {timeout: 60_000}, () => {
  it('a short hand-chosen server token with stale unit and .env copies: adopted and written, no blocker', async () => {
    const server = 'my pw #1 "q" 50%'
    const t = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: server}}}), [UNIT]: unit(STALE), [DOTENV]: `${V}=${STALE}\n`})
    const r = await runCli(['sync-token', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home})
    expect(r.stdout).not.toContain(server)
    expect(r.stderr).not.toContain(server)
    expect([0, 1]).toContain(r.code)
    expect(JSON.parse(r.stdout).blockers).toEqual([])
    // Each file in its own grammar reads back exactly the server's value.
    expect(unitToken(t.read(UNIT))).toBe(server)
    expect(parseDotenv(t.read(DOTENV)).find((e) => e.name === V)?.value).toBe(server)
    expect(JSON.parse(t.read(CFG)).gateway.auth.token).toBe(server)
  })

  it('a NEW short value needs --allow-weak', async () => {
    const t = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: STALE}}}), [UNIT]: unit(STALE)})
    const refused = await runCli(['sync-token', '--token-stdin', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home, input: 'short\n'})
    expect(refused.code).toBe(2)
    expect(JSON.parse(refused.stdout).error.message).toMatch(/--allow-weak/)
    expect(unitToken(t.read(UNIT))).toBe(STALE)
    const ok = await runCli(
      ['sync-token', '--token-stdin', '--allow-weak', '--yes', '--offline', '--json'],
      {env: {HOME: t.home}, cwd: t.home, input: 'short\n'},
    )
    expect([0, 1]).toContain(ok.code)
    expect(unitToken(t.read(UNIT))).toBe('short')
  })

  it('a 2,000,000-character token is refused with one sentence and nothing is written', async () => {
    const before = unit(STALE)
    const t = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: STALE}}}), [UNIT]: before})
    const r = await runCli(['sync-token', '--token-stdin', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home, input: 'x'.repeat(2_000_000)})
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.message).toMatch(/^The token is 2000000 bytes long; the longest that fits in a service's environment is 131048 bytes/)
    expect(t.read(UNIT)).toBe(before)
  })

  it('a value one file cannot hold is refused naming that file, and nothing is written anywhere', async () => {
    const t = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: STALE}}}), [UNIT]: unit(STALE)})
    const cfgBefore = t.read(CFG)
    const r = await runCli(
      ['sync-token', '--token-stdin', '--yes', '--offline', '--json'],
      {env: {HOME: t.home}, cwd: t.home, input: 'line one of it\tand a tab'},
    )
    expect(r.code).toBe(2)
    const reasons = JSON.parse(r.stdout).blockers.map((b: {reason: string}) => b.reason)
    expect(reasons).toEqual([expect.stringContaining(`${path.join(t.home, UNIT)}: This unit file cannot hold the new ${V} value`)])
    expect(t.read(CFG)).toBe(cfgBefore)
    expect(unitToken(t.read(UNIT))).toBe(STALE)
  })

  it('a broken config: --generate --yes is an error naming the file and line, not "already has this token"', async () => {
    const broken = `{\n  gateway: {\n    auth: {token: '${STALE}'\n  }\n`
    const t = home({[CFG]: broken, [UNIT]: unit(STALE)})
    const r = await runCli(['sync-token', '--generate', '--yes', '--offline'], {env: {HOME: t.home}, cwd: t.home})
    expect(r.code).not.toBe(0)
    expect(r.stdout).not.toContain('already has this token')
    expect(r.stdout).toMatch(new RegExp(`The config cannot be edited: it does not parse \\(${path.join(t.home, CFG).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ` +
      `JSON5 syntax error at line \\d+`))
    expect(t.read(CFG)).toBe(broken)
    expect(unitToken(t.read(UNIT))).toBe(STALE)
  })
})
