import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A, TOK_B, TOK_C} from '../helpers/facts.js'
import {makeHome, runCli, schemaErrors} from '../helpers/cli.js'

// Real temp HOMEs, real files, the built CLI as a child process (`npm test` builds first).
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const CFG = '.clawdbot/clawdbot.json'
const unit = (token: string, extra = '') =>
  `[Unit]\nDescription=Clawdbot Gateway\n\n[Service]\nExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port ` +
    `18789\nEnvironment=CLAWDBOT_GATEWAY_PORT=18789\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${token}\n${extra}\n[Install]\nWantedBy=default.target\n`
const config = (auth: string, remote?: string) =>
  `// clawdbot config\n{\n  gateway: {\n    mode: 'local',\n    auth: { token: '${auth}' }, // wizard\n` +
  `${remote ? `    remote: { token: "${remote}" },\n` : ''}  },\n}\n`

const OC_UNIT = '.config/systemd/user/openclaw-gateway.service'
const OC_CFG = '.openclaw/openclaw.json'
/** A unit as openclaw writes it: 2026.3.2 embeds the token, 2026.9.6 keeps it out of the unit (the config holds it). */
const ocUnit = (token?: string) =>
  `[Unit]\nDescription=OpenClaw Gateway\n\n[Service]\nExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway --port 18789\n` +
    `Environment=OPENCLAW_GATEWAY_PORT=18789\n${token === undefined ? '' : `Environment=OPENCLAW_GATEWAY_TOKEN=${token}\n`}` +
    '\n[Install]\nWantedBy=default.target\n'

interface Scenario {
  name: string
  files: Record<string, string>
  env?: Record<string, string>
  args?: string[]
  code: number
  checks?: Record<string, string>
}

const X = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfee1'
const scenarios: Scenario[] = [
  {name: 'consistent setup', files: {[CFG]: config(TOK_A, TOK_A), [UNIT]: unit(TOK_A)}, code: 0},
  {
    name: 'unit and .env drift',
    files: {[CFG]: config(TOK_A, TOK_B), [UNIT]: unit(TOK_C), '.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN=${TOK_B}\n`},
    code: 1,
    // The CLI takes <stateDir>/.env (B), the tools the unit (C), the server the config (A): each party once.
    checks: {'token.local-cli': 'error', 'token.gateway-tools': 'error', 'token.dotenv-vs-config': 'pass', 'token.auth-vs-remote': 'info'},
  },
  {
    name: 'shell env drift',
    files: {[CFG]: config(TOK_A), [UNIT]: unit(TOK_A)},
    env: {CLAWDBOT_GATEWAY_TOKEN: TOK_B},
    code: 1,
    checks: {'token.local-cli': 'error'},
  },
  {
    name: 'shell drift, --fail-on error ignores warnings but not errors',
    files: {[CFG]: config(TOK_A), [UNIT]: unit(TOK_A)},
    env: {CLAWDBOT_GATEWAY_TOKEN: TOK_B},
    args: ['--fail-on', 'error'],
    code: 1,
  },
  {
    name: 'only a warning with --fail-on error',
    files: {[CFG]: config('short-token')},
    args: ['--fail-on', 'error'],
    code: 0,
    checks: {'token.weak': 'warning', 'unit.missing': 'warning'},
  },
  {
    name: 'broken JSON5',
    files: {[CFG]: `{\n  gateway: {\n    auth: { token: '${TOK_A}' }\n  ]\n}\n`, [UNIT]: unit(TOK_A)},
    code: 1,
    checks: {'config.unparsable': 'error'},
  },
  {
    name: 'unset ${VAR}',
    files: {[CFG]: `{ gateway: { mode: "local", auth: { token: "\${GW_TOKEN}" } } }`, [UNIT]: unit(TOK_A)},
    code: 1,
    checks: {'config.var-unset': 'error'},
  },
  {
    name: '${VAR} resolved from the env',
    // The gateway resolves ${VAR} from its own service environment, the CLI from the shell: both set it here.
    files: {[CFG]: `{ gateway: { mode: "local", auth: { token: "\${GW_TOKEN}" } } }`, [UNIT]: unit(X, `Environment=GW_TOKEN=${X}\n`)},
    env: {GW_TOKEN: X},
    code: 0,
  },
  {
    name: '${VAR} set in the shell only: the gateway service cannot resolve it',
    files: {[CFG]: `{ gateway: { mode: "local", auth: { token: "\${GW_TOKEN}" } } }`, [UNIT]: unit(X)},
    env: {GW_TOKEN: X},
    code: 1,
    checks: {'config.var-unset': 'error'},
  },
  {
    name: '$include cycle',
    files: {[CFG]: `{ "$include": "./a.json5", gateway: { mode: "local" } }`, '.clawdbot/a.json5': `{ "$include": "./clawdbot.json" }`, [UNIT]: unit(TOK_A)},
    code: 1,
    checks: {'config.include': 'error'},
  },
  {name: 'whitespace trap', files: {[CFG]: config(TOK_A + ' '), [UNIT]: unit(TOK_A)}, code: 1, checks: {'token.whitespace': 'error'}},
  {
    name: 'legacy gateway.token',
    files: {[CFG]: `{ "gateway": { "mode": "local", "token": "${TOK_A}", "auth": { "token": "${TOK_A}" } } }`, [UNIT]: unit(TOK_A)},
    code: 1,
    checks: {'config.legacy-token': 'warning'},
  },
  {
    name: 'drop-in overrides the unit token',
    files: {
      [CFG]: config(TOK_A),
      [UNIT]: unit(TOK_A),
      '.config/systemd/user/clawdbot-gateway.service.d/override.conf': `[Service]\nEnvironment="CLAWDBOT_GATEWAY_TOKEN=${TOK_C}"\n`,
    },
    code: 1,
    checks: {'token.gateway-tools': 'error'},
  },
  {name: 'no config at all', files: {}, code: 1, checks: {'config.missing': 'warning'}},
  {
    name: 'openclaw 2026.9.6: a stale shell OPENCLAW_GATEWAY_TOKEN is no error for the config-first CLI',
    files: {[OC_CFG]: config(TOK_A), [OC_UNIT]: ocUnit()},
    env: {OPENCLAW_GATEWAY_TOKEN: TOK_B},
    args: ['--product', 'openclaw', '--release', '2026.9.6'],
    code: 0,
    checks: {'token.local-cli': 'info', 'token.gateway-tools': 'pass', 'env.newer-names': 'pass', 'env.legacy-names': 'pass'},
  },
  {
    // `openclaw doctor --fix` writes meta.migrations (live drift c): valid for openclaw's schema, unknown to clawdbot's.
    name: 'openclaw 2026.9.6: the config is checked against the release\'s own schema (meta.migrations is valid there)',
    files: {[OC_CFG]: `{ meta: { migrations: { modelPolicyAllowlist: true } }, gateway: { mode: "local", auth: { token: "${TOK_A}" } } }`, [OC_UNIT]: ocUnit()},
    args: ['--product', 'openclaw', '--release', '2026.9.6'],
    code: 0,
    checks: {'config.invalid': 'pass', 'token.auth-missing': 'pass'},
  },
  {
    name: 'openclaw 2026.9.6: a key its schema does not know is config.invalid',
    files: {[OC_CFG]: `{ meta: { migrations: { noSuchMigration: true } }, gateway: { mode: "local", auth: { token: "${TOK_A}" } } }`, [OC_UNIT]: ocUnit()},
    args: ['--product', 'openclaw', '--release', '2026.9.6'],
    code: 1,
    checks: {'config.invalid': 'error'},
  },
  {
    name: 'openclaw 2026.9.6: a CLAWDBOT_GATEWAY_TOKEN in the shell is ignored by the release (a warning, nobody uses it)',
    files: {[OC_CFG]: config(TOK_A), [OC_UNIT]: ocUnit()},
    env: {CLAWDBOT_GATEWAY_TOKEN: TOK_C},
    args: ['--product', 'openclaw', '--release', '2026.9.6'],
    code: 1,
    checks: {'env.legacy-names': 'warning', 'token.local-cli': 'pass', 'env.newer-names': 'pass'},
  },
  {
    name: 'openclaw 2026.9.6: a token inline in the unit, where the release keeps none (stale after the next rotation)',
    files: {[OC_CFG]: config(TOK_A), [OC_UNIT]: ocUnit(TOK_A)},
    args: ['--product', 'openclaw', '--release', '2026.9.6'],
    code: 1,
    checks: {'unit.inline-token': 'warning', 'token.gateway-tools': 'pass'},
  },
  {
    name: 'openclaw 2026.3.2: the same stale shell token is the 1008 (env-first CLI)',
    files: {[OC_CFG]: config(TOK_A), [OC_UNIT]: ocUnit(TOK_A)},
    env: {OPENCLAW_GATEWAY_TOKEN: TOK_B},
    args: ['--product', 'openclaw', '--release', '2026.3.2'],
    code: 1,
    checks: {'token.local-cli': 'error'},
  },
]

const cleanups: (() => void)[] = []
afterAll(() => cleanups.forEach((c) => c()))

const SECRETS = [TOK_A, TOK_B, TOK_C, X, 'short-token']

describe('clawdoc doctor (real files, real process)', () => {
  for (const s of scenarios) {
    it(s.name, async () => {
      const {home, cleanup} = makeHome(s.files)
      cleanups.push(cleanup)
      const env = {HOME: home, ...s.env}
      const json = await runCli(['doctor', '--offline', '--json', ...(s.args ?? [])], {env, cwd: home})
      const human = await runCli(['doctor', '--offline', ...(s.args ?? [])], {env, cwd: home})
      expect(json.stderr).toBe('')
      const doc = JSON.parse(json.stdout)
      expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
      expect({code: json.code, human: human.code}).toEqual({code: s.code, human: s.code})
      for (const [id, status] of Object.entries(s.checks ?? {})) {
        expect(doc.checks.find((c: {id: string}) => c.id === id)?.status, id).toBe(status)
      }
      // Never a token value, in any output.
      for (const out of [json.stdout, json.stderr, human.stdout, human.stderr]) for (const t of SECRETS) expect(out).not.toContain(t)
      expect(human.stdout).toMatch(/Token copies/)
      expect(human.stderr).not.toMatch(/\n\s+at .*\.js:\d+/)
    })
  }

  it('openclaw 2026.9.6: the report says why the stale shell token is harmless, citing the release\'s rule', async () => {
    const {home, cleanup} = makeHome({[OC_CFG]: config(TOK_A), [OC_UNIT]: ocUnit()})
    cleanups.push(cleanup)
    const r = await runCli(['doctor', '--offline', '--no-color', '--product', 'openclaw', '--release', '2026.9.6'], {
      env: {HOME: home, OPENCLAW_GATEWAY_TOKEN: TOK_B},
      cwd: home,
    })
    expect(r.stdout).toMatch(/local CLI\s+A\s+gateway\.auth\.token wins over \$OPENCLAW_GATEWAY_TOKEN in your shell for this CLI on openclaw 2026\.3\.22\+/)
    expect(r.stdout).toMatch(/\$OPENCLAW_GATEWAY_TOKEN in your shell differs from the server's token, but this CLI does not send it/)
    expect(r.code).toBe(0)
  })

  it('reports which party uses which copy', async () => {
    const {home, cleanup} = makeHome({[CFG]: config(TOK_A), [UNIT]: unit(TOK_A)})
    cleanups.push(cleanup)
    const r = await runCli(['doctor', '--offline', '--json'], {env: {HOME: home, CLAWDBOT_GATEWAY_TOKEN: TOK_B}, cwd: home})
    const doc = JSON.parse(r.stdout)
    const parties = Object.fromEntries(doc.parties.map((p: {party: string; copy?: string}) => [p.party, p.copy]))
    expect(parties).toMatchObject({server: 'config.auth.token', 'local-cli': 'shell.env', 'gateway-tools': 'unit.env'})
    const finding = doc.checks.find((c: {id: string}) => c.id === 'token.local-cli').findings[0]
    expect(finding.places.map((p: {text: string}) => p.text).join(' ')).toMatch(/clawdbot\.json:5:\d+ \(gateway\.auth\.token\)/)
    expect(doc.nextStep).toMatch(/^unset CLAWDBOT_GATEWAY_TOKEN|clawdoc sync-token/)
  })

  it('rejects unknown check ids with exit 2 and a JSON error', async () => {
    const r = await runCli(['doctor', '--offline', '--json', '--only', 'token.nope'], {env: {HOME: '/nonexistent'}})
    expect(r.code).toBe(2)
    const doc = JSON.parse(r.stdout)
    expect(doc).toMatchObject({ok: false, error: {code: 'USAGE'}})
    expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
    expect(await schemaErrors('explain-result.schema.json', doc), 'an error document is not an explain result').toEqual([])
    const human = await runCli(['doctor', '--only', 'token.nope'], {env: {HOME: '/nonexistent'}})
    expect(human.code).toBe(2)
    expect(human.stderr).toMatch(/^clawdoc: Unknown check id: token\.nope\./)
    expect(human.stderr).not.toMatch(/at .*\.js:\d+/)
  })

  it('lists checks and explains pasted errors', async () => {
    const list = await runCli(['doctor', '--list-checks', '--json'], {env: {HOME: '/nonexistent'}})
    const listDoc = JSON.parse(list.stdout)
    expect(listDoc.checks.length).toBeGreaterThan(25)
    expect(await schemaErrors('list-checks-result.schema.json', listDoc)).toEqual([])
    const ex = await runCli(
      ['doctor', '--json', '--explain', '-'],
      {
        env: {HOME: '/nonexistent'},
        input: 'gateway connect failed: Error: unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)\n',
      },
    )
    const doc = JSON.parse(ex.stdout)
    expect(await schemaErrors('explain-result.schema.json', doc)).toEqual([])
    expect(doc.explain[0].checks).toContain('token.local-cli')
  })

  it('explains for the release in play: --product/--release, else detected (both error-text generations)', async () => {
    const NEW = "gateway closed (1008): unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)"
    const OLD = 'gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)'
    const flagged = await runCli(['explain', '--json', '--product', 'openclaw', '--release', '2026.9.6', NEW], {env: {HOME: '/nonexistent'}})
    const doc = JSON.parse(flagged.stdout)
    expect(await schemaErrors('explain-result.schema.json', doc)).toEqual([])
    expect(doc.product).toEqual({name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag'})
    expect(doc.explain[0]).toMatchObject({pattern: 'token-mismatch/local-cli-hint', answeredFor: 'openclaw-current', printedBy: 'openclaw 2026.3.22+'})
    expect(doc.explain[0].meaning).toContain('OPENCLAW_GATEWAY_TOKEN')
    // Only ~/.openclaw here: openclaw is detected, and the old hint is what its remote CLI gets.
    const {home, cleanup} = makeHome({'.openclaw/openclaw.json': '{}'})
    cleanups.push(cleanup)
    const detected = JSON.parse((await runCli(['doctor', '--explain', OLD, '--json'], {env: {HOME: home}})).stdout)
    expect(await schemaErrors('explain-result.schema.json', detected)).toEqual([])
    expect(detected.product).toMatchObject({name: 'openclaw', profile: 'openclaw-current', detectedFrom: 'state-dir'})
    expect(detected.explain[0]).toMatchObject({pattern: 'token-mismatch/remote-cli-hint', answeredFor: 'openclaw-current'})
    // A clawdbot machine pasting the new text: answered for openclaw, with a note.
    const human = await runCli(['explain', '--product', 'clawdbot', NEW], {env: {HOME: '/nonexistent'}})
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^clawdoc explain — answers for clawdbot · from --product\/--release\n/)
    expect(human.stdout).toMatch(/note: This text is printed by openclaw 2026\.3\.22\+; you asked about clawdbot/)
  })

  it('accepts a deprecated check id in --only/--skip, with a note, and runs what replaced it', async () => {
    const {home, cleanup} = makeHome({[CFG]: config(TOK_A), [UNIT]: unit(TOK_A)})
    cleanups.push(cleanup)
    const env = {HOME: home, CLAWDBOT_GATEWAY_TOKEN: TOK_B}
    const r = await runCli(['doctor', '--offline', '--json', '--only', 'token.shell-env-vs-config'], {env, cwd: home})
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/note: token\.shell-env-vs-config is deprecated \(merged into token\.local-cli\)/)
    const doc = JSON.parse(r.stdout)
    expect(doc.checks.filter((c: {status: string}) => c.status !== 'skipped').map((c: {id: string}) => c.id)).toEqual(['token.local-cli'])
    expect(doc.checks.map((c: {id: string}) => c.id)).not.toContain('token.shell-env-vs-config')
  })

  // `explain` and `list-checks` are commands; `doctor --explain` and `doctor --list-checks` stay as aliases with the same output.
  const MISMATCH = 'gateway closed (1008): unauthorized: gateway token mismatch'
  it.each([
    ['list-checks', ['list-checks'], ['doctor', '--list-checks'], undefined],
    ['explain', ['explain', MISMATCH], ['doctor', '--explain', MISMATCH], undefined],
    ['explain', ['explain', 'nothing known here'], ['doctor', '--explain', 'nothing known here'], undefined],
    ['explain', ['explain', '-'], ['doctor', '--explain', '-'], `Error: ${MISMATCH}\n`],
    ['explain', ['explain', ''], ['doctor', '--explain', ''], undefined],
  ])('%s: the command and its doctor alias print the same (%j)', async (name, cmd, alias, input) => {
    for (const json of [[], ['--json']]) {
      const env = {HOME: '/nonexistent'}
      const a = await runCli([...cmd, ...json], {env, input})
      const b = await runCli([...alias, ...json], {env, input})
      expect({code: a.code, stderr: a.stderr}).toEqual({code: b.code, stderr: b.stderr})
      if (json.length === 0) expect(a.stdout).toBe(b.stdout)
      else {
        const [da, db] = [JSON.parse(a.stdout), JSON.parse(b.stdout)]
        expect(await schemaErrors(`${name}-result.schema.json`, da)).toEqual([])
        expect(await schemaErrors(`${name}-result.schema.json`, db)).toEqual([])
        // An error names the command that was run; a result names the document.
        expect(da.ok === false && da.error ? {...da, command: 'doctor'} : da).toEqual(db)
      }
    }
  })

  it('honours --profile and CLAWDBOT_CONFIG_PATH', async () => {
    const {
      home,
      cleanup,
    } = makeHome({
      '.clawdbot-work/clawdbot.json': config(TOK_A),
      '.config/systemd/user/clawdbot-gateway-work.service': unit(TOK_A, 'Environment=CLAWDBOT_PROFILE=work\nEnvironment=CLAWDBOT_STATE_DIR=~/.clawdbot-work\n'),
      'elsewhere/c.json': config(TOK_B),
    })
    cleanups.push(cleanup)
    const r = await runCli(['doctor', '--offline', '--json', '--profile', 'work'], {env: {HOME: home}})
    const doc = JSON.parse(r.stdout)
    expect(doc.paths).toMatchObject({profile: 'work', unit: 'clawdbot-gateway-work.service'})
    expect(r.code).toBe(0)
    const r2 = await runCli(['doctor', '--offline', '--json'], {env: {HOME: home, CLAWDBOT_CONFIG_PATH: `${home}/elsewhere/c.json`}})
    expect(JSON.parse(r2.stdout).paths.configSource).toBe('CLAWDBOT_CONFIG_PATH')
  })

  it('openclaw: OPENCLAW_CONFIG_PATH moves the config, the report names it and stays within its schema', async () => {
    const {home, cleanup} = makeHome({[OC_CFG]: config(TOK_B), 'elsewhere/c.json': config(TOK_A), [OC_UNIT]: ocUnit(TOK_A)})
    cleanups.push(cleanup)
    const r = await runCli(['doctor', '--offline', '--json', '--product', 'openclaw', '--release', '2026.9.6'], {
      env: {HOME: home, OPENCLAW_CONFIG_PATH: `${home}/elsewhere/c.json`},
    })
    const doc = JSON.parse(r.stdout)
    expect(await schemaErrors('doctor-report.schema.json', doc)).toEqual([])
    expect(doc.paths.configSource).toBe('OPENCLAW_CONFIG_PATH')
  })
})
