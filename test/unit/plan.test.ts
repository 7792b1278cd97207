import * as fsp from 'node:fs/promises'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import {filesToRead, planTokenSync, type Editors} from '../../src/fix/plan.js'
import {Secret} from '../../src/model/secret.js'
import {readConfig} from '../../src/sources/config/read.js'
import type {Facts} from '../../src/model/facts.js'
import {copy, makeFacts} from '../helpers/facts.js'

const OLD = 'fake0ld0000000000000000000000000000000000000000a'
const NEW = 'fake9ew9999999999999999999999999999999999999999b'
const NEW_S = new Secret(NEW)

/** Replace the value of `VAR=` on one line (stand-in for the unit engineer's editor in this pure test). */
const editors: Editors = {
  json: (t, k, v, o) => setJsonString(t, k, v, o),
  assignment: (t, at) =>
    t
      .split('\n')
      .map((l, i) => (i + 1 === at.line ? l.replace(new RegExp(`(${at.variable}=)[^"\\s]*`), `$1${at.value.reveal()}`) : l))
      .join('\n'),
}

const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-plan-'))
afterAll(() => rmSync(root, {recursive: true, force: true}))
let n = 0

async function configFacts(files: Record<string, string>, env: Record<string, string> = {}): Promise<{facts: Facts; texts: Map<string, Buffer>}> {
  const dir = path.join(root, `c${n++}`)
  await fsp.mkdir(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const configPath = path.join(dir, 'clawdbot.json')
  const config = await readConfig({fs: fsp, env}, {configPath, home: dir, cwd: dir, stateDir: dir})
  const facts = makeFacts((f) => {
    f.config = config
    f.unit.token = undefined
  })
  const texts = new Map<string, Buffer>()
  for (const p of filesToRead(facts)) {
    // A file that does not exist (ENOENT) is read as empty; any other failure fails the test.
    texts.set(p, await fsp.readFile(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return Buffer.alloc(0)
      throw e
    }))
  }
  return {facts, texts}
}

// Configs in every style a user (or the product) writes; only the token bytes may change.
const CORPUS: Record<string, Record<string, string>> = {
  'product 2-space JSON': {'clawdbot.json': JSON.stringify({gateway: {mode: 'local', auth: {mode: 'token', token: OLD}}}, null, 2) + '\n'},
  'comments, trailing commas, unquoted keys, single quotes': {
    'clawdbot.json': `// my gateway\n{\n  gateway: {\n    /* auth */ auth: {token: '${OLD}',}, // keep\n    mode: 'local',\n  },\n}\n`,
  },
  CRLF: {'clawdbot.json': `{\r\n  "gateway": {\r\n    "auth": { "token": "${OLD}" },\r\n  },\r\n}\r\n`},
  'remote token too (mode remote)': {
    'clawdbot.json': `{\n  "gateway": {"mode": "remote", "auth": {"token": "${OLD}"}, "remote": {"url": "ws://h:1", "token": "${OLD}"}}\n}\n`,
  },
  'env block copy': {'clawdbot.json': `{\n  env: {CLAWDBOT_GATEWAY_TOKEN: "${OLD}"},\n  gateway: {auth: {token: "${OLD}"}},\n}\n`},
  'a DingTalk bridge copy under channels': {
    'clawdbot.json': `{\n  gateway: {auth: {token: '${OLD}'}},\n` +
      `  channels: {dingtalk: {clientId: 'x', clientSecret: 'y', gatewayToken: '${OLD}'}}, // bridge\n}\n`,
  },
}

describe('planTokenSync: config round-trip corpus', () => {
  for (const [name, files] of Object.entries(CORPUS)) {
    it(`${name}: only the token bytes change`, async () => {
      const {facts, texts} = await configFacts(files)
      expect(facts.config.status).toBe('ok')
      const plan = planTokenSync(facts, NEW_S, texts, editors)
      expect(plan.blockers).toEqual([])
      expect(plan.files).toHaveLength(1)
      const f = plan.files[0]
      expect(f.after.toString()).toBe(f.before.toString().replaceAll(OLD, NEW))
      expect(f.changes.length).toBe(f.before.toString().split(OLD).length - 1)
      expect(JSON.stringify(plan)).not.toContain(OLD)
      expect(JSON.stringify(plan)).not.toContain(NEW)
    })
  }

  it('$include: edits the included file, leaves the main one and the include alone', async () => {
    const main = `{\n  // main\n  gateway: {$include: './gw.json5', mode: 'local'},\n}\n`
    const gw = `{\n  auth: {token: '${OLD}'}, // included\n}\n`
    const {facts, texts} = await configFacts({'clawdbot.json': main, 'gw.json5': gw})
    const plan = planTokenSync(facts, NEW_S, texts, editors)
    expect(plan.files.map((f) => path.basename(f.path))).toEqual(['gw.json5'])
    expect(plan.files[0].after.toString()).toBe(gw.replace(OLD, NEW))
  })

  it('${CLAWDBOT_GATEWAY_TOKEN} is never replaced by a literal; another ${VAR} blocks with a sentence', async () => {
    const a = await configFacts({'clawdbot.json': `{gateway: {auth: {token: "\${CLAWDBOT_GATEWAY_TOKEN}"}}}\n`}, {CLAWDBOT_GATEWAY_TOKEN: OLD})
    const pa = planTokenSync(a.facts, NEW_S, a.texts, editors)
    expect(pa.files).toEqual([])
    expect(pa.skipped[0].reason).toMatch(/follows the environment copies/)
    const b = await configFacts({'clawdbot.json': `{gateway: {auth: {token: "\${MY_TOK}"}}}\n`}, {MY_TOK: OLD})
    const pb = planTokenSync(b.facts, NEW_S, b.texts, editors)
    expect(pb.files).toEqual([])
    expect(pb.blockers[0].reason).toMatch(/does not know where MY_TOK is set and will not replace a \$\{VAR\} with a literal/)
  })

  it('creates gateway.auth.token when the config has none', async () => {
    const {facts, texts} = await configFacts({'clawdbot.json': `{\n  "gateway": {\n    "mode": "local"\n  }\n}\n`})
    const plan = planTokenSync(facts, NEW_S, texts, editors)
    expect(plan.files[0].changes[0].id).toBe('config.auth.token')
    expect(plan.files[0].changes[0].from).toBeUndefined()
    expect(JSON.parse(plan.files[0].after.toString()).gateway.auth.token).toBe(NEW)
  })
})

describe('planTokenSync: unit, dotenv, shell', () => {
  const unitText = `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${OLD}\nEnvironment="CLAWDBOT_GATEWAY_TOKEN=${OLD}"\n`
  const facts = () =>
    makeFacts((f) => {
      f.config.gateway.authToken = copy('config.auth.token', NEW)
      f.unit.token = copy('unit.env', OLD, {
        place: {kind: 'unit', file: f.unit.path, line: 3, variable: 'CLAWDBOT_GATEWAY_TOKEN'},
        shadowed: [{kind: 'unit', file: f.unit.path, line: 2, variable: 'CLAWDBOT_GATEWAY_TOKEN'}],
      })
      f.env.stateDirDotenv = {
        path: '/h/.clawdbot/.env',
        status: 'ok',
        copies: [copy('statedir.dotenv', OLD, {place: {kind: 'dotenv', file: '/h/.clawdbot/.env', line: 2, variable: 'CLAWDBOT_GATEWAY_TOKEN'}})],
      }
      f.env.shell = [copy('shell.env', OLD)]
    })
  const texts = () =>
    new Map([
      ['/h/.config/systemd/user/clawdbot-gateway.service', Buffer.from(unitText)],
      ['/h/.clawdbot/.env', Buffer.from(`# mine\nCLAWDBOT_GATEWAY_TOKEN=${OLD}\n`)],
      ['/h/.clawdbot/clawdbot.json', Buffer.from(`{gateway: {auth: {token: "${NEW}"}}}`)],
    ])

  it('edits the winning and the shadowed assignment, the dotenv, and asks for daemon-reload', () => {
    const plan = planTokenSync(facts(), NEW_S, texts(), editors)
    expect(plan.blockers).toEqual([])
    expect(plan.files.map((f) => [f.kind, f.changes.length])).toEqual([
      ['unit', 2],
      ['dotenv', 1],
    ])
    expect(plan.files[0].after.toString()).toBe(unitText.replaceAll(OLD, NEW))
    expect(plan.needsDaemonReload).toBe(true)
  })

  it('tells how to fix the shell env without the value', () => {
    const plan = planTokenSync(facts(), NEW_S, texts(), editors)
    expect(plan.instructions[0]).toMatch(/~\/\.bashrc, ~\/\.profile or ~\/\.zshrc.*`unset CLAWDBOT_GATEWAY_TOKEN`/)
    expect(plan.instructions.join()).not.toContain(OLD)
    expect(plan.instructions.join()).not.toContain(NEW)
  })

  it('on openclaw: writes the name the release reads (its tokenVar) and leaves a legacy name it ignores alone, saying how to rename it', () => {
    const f = facts()
    f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'flag', clues: []}
    f.unit.token = copy('unit.env', OLD, {place: {kind: 'unit', file: f.unit.path, line: 2}})
    f.env.stateDirDotenv.copies[0].legacyName = {prefix: 'CLAWDBOT_', read: false}
    const unit = `[Service]\nEnvironment=OPENCLAW_GATEWAY_TOKEN=${OLD}\n`
    const t = texts()
    t.set('/h/.config/systemd/user/clawdbot-gateway.service', Buffer.from(unit))
    const plan = planTokenSync(f, NEW_S, t, editors)
    // No variable on the place: the release's own name is the one written.
    expect(plan.files.map((x) => [x.kind, x.after.toString()])).toEqual([['unit', unit.replace(OLD, NEW)]])
    const skipped = plan.skipped.find((s) => s.id === 'statedir.dotenv')!
    expect(skipped.reason).toMatch(/ignores CLAWDBOT_GATEWAY_TOKEN .*--migrate-legacy-names/)
    expect(plan.instructions[0]).toContain('CLAWDBOT_GATEWAY_TOKEN')
  })

  it('refuses --token in ExecStart as a blocker', () => {
    const f = facts()
    f.unit.execToken = copy('unit.exec-start', OLD)
    const plan = planTokenSync(f, NEW_S, texts(), editors)
    expect(plan.blockers.map((b) => b.id)).toEqual(['unit.exec-start'])
    expect(plan.blockers[0].reason).toMatch(/does not rewrite command lines/)
  })

  it('a file the editor cannot handle becomes a blocker with its message', () => {
    const bad: Editors = {
      ...editors,
      assignment: () => {
        throw new ClawdocError('UNIT_PARSE', 'Line 3 continues onto the next line; edit it by hand.')
      },
    }
    const plan = planTokenSync(facts(), NEW_S, texts(), bad)
    expect(plan.files).toEqual([])
    // The reason names the file that cannot be edited: another file may hold the value fine.
    expect(plan.blockers.map((b) => b.reason)).toContainEqual(expect.stringMatching(/^\/.+: Line 3 continues onto the next line; edit it by hand\.$/))
  })
})
