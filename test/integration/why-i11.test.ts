import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A, TOK_B, TOK_C} from '../helpers/facts.js'
import {mkdirSync, readFileSync} from 'node:fs'
import * as path from 'node:path'

import {makeHome, runCli, schemaErrors} from '../helpers/cli.js'
import {doctorIn} from '../helpers/in-process.js'
import {Secret} from '../../src/model/secret.js'

// Issue 11, "Why": the setups a user built by hand, each run as it was reported (real files,
// in-process doctor, offline). Each failed on the base commit.

const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const unit = (envLines = '') =>
  '[Unit]\nDescription=Clawdbot Gateway\n\n[Service]\nExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port 18789\n' +
  `${envLines}\n[Install]\nWantedBy=default.target\n`

const cleanups: (() => void)[] = []
afterAll(() => cleanups.forEach((c) => c()))
function home(files: Record<string, string>) {
  const h = makeHome(files)
  cleanups.push(h.cleanup)
  return {home: h.home, env: {}}
}

const findings = (r: Awaited<ReturnType<typeof doctorIn>>['report']) => r.checks.flatMap((c) => c.findings.map((f) => ({check: c.id, ...f})))

describe('issue 11: what doctor missed', () => {
  it('token only in the unit: the local CLI sends none (1008 token missing), an error, never "Nothing to do."', async () => {
    const h = home({[CFG]: JSON.stringify({gateway: {mode: 'local'}}), [UNIT]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`)})
    const {report, human} = await doctorIn(h)
    expect(report.parties.find((p) => p.party === 'local-cli')?.copy).toBeUndefined()
    expect(findings(report).filter((f) => f.severity === 'error').map((f) => f.message).join('\n')).toMatch(/local CLI sends no token.*gateway token missing/)
    expect(report.ok).toBe(false)
    expect(human).not.toMatch(/Nothing to do/)
  })

  it('gateway.auth.token A with the config env block B: the CLI and the tools send B, an error', async () => {
    const h = home({[CFG]: JSON.stringify({env: {CLAWDBOT_GATEWAY_TOKEN: TOK_B}, gateway: {mode: 'local', auth: {token: TOK_A}}}), [UNIT]: unit()})
    const {report} = await doctorIn(h)
    const party = Object.fromEntries(report.parties.map((p) => [p.party, p.group]))
    expect(party.server).not.toBe(party['local-cli'])
    const errors = findings(report).filter((f) => f.severity === 'error')
    expect(errors.map((f) => f.check).sort()).toEqual(['token.gateway-tools', 'token.local-cli'])
    // The finding names the copy that wins, why, and where.
    expect(errors[0].message).toMatch(/env\.CLAWDBOT_GATEWAY_TOKEN|config env/i)
    expect(errors[0].places.map((p) => p.text).join(' ')).toMatch(/clawdbot\.json/)
    expect(report.ok).toBe(false)
  })

  it('a remote-mode machine: no local token is asked for, and no Next: line rotates the remote token', async () => {
    const h = home({[CFG]: JSON.stringify({gateway: {mode: 'remote', remote: {url: 'wss://gw.example.net', token: TOK_B}}})})
    const {report, human} = await doctorIn(h)
    expect(findings(report).filter((f) => f.check === 'token.auth-missing')).toEqual([])
    expect(human).not.toMatch(/--generate/)
    expect(report.nextStep ?? '').not.toMatch(/--generate/)
  })

  it('"Nothing to do." is never printed beside a finding that makes the exit code 1', async () => {
    // Only an info finding (remote.token differs in local mode), with --fail-on info: exit 1, no command to run.
    const cfg = JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_A}, remote: {token: TOK_B}}})
    const h = home({[CFG]: cfg, [UNIT]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`)})
    const {report, human} = await doctorIn(h, {failOn: 'info'})
    expect(report.ok).toBe(false)
    expect(human).not.toMatch(/Nothing to do/)
    const ok = await doctorIn(h, {failOn: 'warning'})
    expect(ok.report.ok).toBe(true)
    expect(ok.human).toMatch(/Nothing to do\.$/)
  })

  it('a remote-mode machine: sync-token --generate --yes refuses without --rotate and keeps the working remote token', async () => {
    const h = home({[CFG]: JSON.stringify({gateway: {mode: 'remote', remote: {url: 'wss://gw.example.net', token: TOK_B}}}, null, 2) + '\n'})
    const cfg = path.join(h.home, CFG)
    const before = readFileSync(cfg, 'utf8')
    const env = {HOME: h.home}
    const refused = await runCli(['sync-token', '--generate', '--yes', '--offline'], {env, cwd: h.home})
    expect(refused.code, refused.stdout + refused.stderr).toBe(2)
    expect(refused.stderr).toMatch(/would replace a token that is in use.*--rotate/s)
    expect(readFileSync(cfg, 'utf8')).toBe(before)
    // The default keeps gateway.remote.token: nothing to write, and no local gateway.auth.token is created.
    const plain = await runCli(['sync-token', '--yes', '--offline', '--json'], {env, cwd: h.home})
    const doc = JSON.parse(plain.stdout)
    expect(doc.token.origin).toMatch(/gateway\.remote\.token/)
    expect(doc.files).toEqual([])
    expect(readFileSync(cfg, 'utf8')).toBe(before)
    // An explicit rotation writes, and lists what clawdoc cannot reach, starting with the remote gateway.
    const rotated = await runCli(['sync-token', '--generate', '--rotate', '--yes', '--offline', '--json'], {env, cwd: h.home})
    const rdoc = JSON.parse(rotated.stdout)
    expect(await schemaErrors('sync-token-result.schema.json', rdoc)).toEqual([])
    expect(rdoc.checklist[0]).toMatch(/gateway at wss:\/\/gw\.example\.net/)
    expect(JSON.parse(readFileSync(cfg, 'utf8')).gateway.remote.token).not.toBe(TOK_B)
    expect(JSON.parse(readFileSync(cfg, 'utf8')).gateway.auth).toBeUndefined()
    const human = await runCli(['sync-token', '--generate', '--rotate', '--dry-run', '--offline'], {env, cwd: h.home})
    expect(human.stdout).toMatch(/\[ \] The gateway at wss:\/\/gw\.example\.net/)
    expect(human.stdout.split('\n').length).toBeLessThan(25)
    for (const out of [refused, plain, rotated, human]) expect(out.stdout + out.stderr).not.toContain(TOK_B)
  })
})

describe('issue 11: the smaller defects', () => {
  const DROP_IN = '.config/systemd/user/clawdbot-gateway.service.d/override.conf'
  const sha = (v: string) => new Secret(v).fingerprint

  it('the drop-in reset idiom (empty Environment=, then the new value) is no finding; what it cleared is reset, not shadowed', async () => {
    const h = home({
      [CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_A}}}),
      [UNIT]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_B}`),
      [DROP_IN]: `[Service]\nEnvironment=\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}\n`,
    })
    const {report, human} = await doctorIn(h)
    expect(findings(report).filter((f) => f.check === 'unit.syntax')).toEqual([])
    const unitCopy = report.copies.find((c) => c.id === 'unit.env')!
    expect(unitCopy.shadowed).toEqual([])
    expect(unitCopy.hidden?.map((x) => [x.why, x.sha256, x.place.line, x.by?.line])).toEqual([['reset', sha(TOK_B), 6, 2]])
    const line = human.split('\n').find((l) => l.includes('clawdbot-gateway.service:6:13'))
    expect(line).toBe(
      `     ↳ len=48  sha256:${sha(TOK_B)}  ~/.config/systemd/user/clawdbot-gateway.service:6:13 (CLAWDBOT_GATEWAY_TOKEN)  ` +
        'reset by the empty Environment= at ~/.config/systemd/user/clawdbot-gateway.service.d/override.conf:2:1',
    )
  })

  it('a shadowed copy (a unit line a drop-in overrides) is in the human report: masked, file:line, "overridden by"', async () => {
    const h = home({
      [CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_A}}}),
      [UNIT]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_C}`),
      [DROP_IN]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}\n`,
    })
    const {report, human} = await doctorIn(h)
    expect(report.copies.find((c) => c.id === 'unit.env')?.shadowed.map((p) => p.line)).toEqual([6])
    const line = human.split('\n').find((l) => l.includes('clawdbot-gateway.service:6:13'))
    expect(line).toBe(
      `     ↳ len=48  sha256:${sha(TOK_C)}  ~/.config/systemd/user/clawdbot-gateway.service:6:13 (CLAWDBOT_GATEWAY_TOKEN)  ` +
        'overridden by ~/.config/systemd/user/clawdbot-gateway.service.d/override.conf:2:13 (CLAWDBOT_GATEWAY_TOKEN)',
    )
    expect(human).not.toContain(TOK_C)
  })

  it('password mode: the server line says password, with the password\'s own letter and fingerprint', async () => {
    const pw = 'correct-horse-battery-staple'
    const h = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {mode: 'password', token: TOK_A, password: pw}}}), [UNIT]: unit()})
    const {report, human} = await doctorIn(h)
    const server = report.parties.find((p) => p.party === 'server')!
    const pwCopy = report.copies.find((c) => c.id === 'config.auth.password')!
    expect(server).toMatchObject({secret: 'password', copy: 'config.auth.password', group: pwCopy.group, sha256: sha(pw), authMode: 'password'})
    expect(server.reason).toMatch(/^gateway\.auth\.mode is password: the server checks the password gateway\.auth\.password/)
    const line = human.split('\n').find((l) => l.startsWith('  server '))!
    expect(line).toMatch(new RegExp(`^  server +${pwCopy.group.toLowerCase()}  gateway\\.auth\\.mode is password: .*\\[auth password\\]$`))
    expect(line).not.toMatch(/gateway\.auth\.token is set/)
    expect(human).toMatch(/^Who uses which token or password$/m)
    expect(human).not.toContain(pw)
  })

  it('--config naming a directory: the fix says so and points --config at the file (no chmod of the directory)', async () => {
    const h = home({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_A}}}), [UNIT]: unit()})
    const dir = path.join(h.home, 'confdir')
    mkdirSync(dir)
    const r = await runCli(['doctor', '--offline', '--config', dir], {env: {HOME: h.home}, cwd: h.home})
    expect(r.stdout).toContain(`fix: ${dir} is a directory, not a config file: point --config at the config file itself, not at its directory.`)
    expect(r.stdout).not.toMatch(/chmod|give the file back/i)
    // No Next: line that would write a token beside a config that cannot be read.
    expect(r.stdout).not.toMatch(/^Next:.*sync-token/m)
    expect(r.code).toBe(1)
  })
})
