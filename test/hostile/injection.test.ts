// Issue 7.2: a token value must never add a line to a unit, an EnvironmentFile=, a .env, or break
// out of its JSON string. Proven twice: through `sync-token --token-stdin --yes` on real files (the
// value gate refuses them, nothing is written), and against the writers directly with every
// string (the writers quote or refuse on their own, should a value ever get past the gate).
import fc from 'fast-check'
import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {editEnvFileAssignment, editUnitAssignment} from '../../src/formats/unit/edit.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import {tokenProblem} from '../../src/fix/token-value.js'
import {Secret} from '../../src/model/secret.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'
import {parseEnvironmentFile} from '../../src/formats/unit/env-file.js'
import {parseUnitText, splitEnvironmentValue} from '../../src/formats/unit/syntax.js'
import {runCli} from '../helpers/cli.js'
import {CFG, DOTENV, TOK_A, TOK_B, UNIT, productConfig, productUnit} from './corpus.js'
import {hashTree, materialize} from './home-tree.js'
import {requireBuild} from './pool.js'

const V = 'CLAWDBOT_GATEWAY_TOKEN'
const ATTACKS = [
  `${TOK_A}\nExecStart=/bin/sh -c id`,
  `${TOK_A}"\nEnvironment=${V}=${TOK_B}`,
  `${TOK_A}" "LD_PRELOAD=/tmp/x.so`,
  `${TOK_A} LD_PRELOAD=/tmp/x.so`,
  `${TOK_A}\\\nExecStartPre=/bin/true`,
  `${TOK_A}\r[Service]\rExecStart=/bin/sh`,
  `${TOK_A}\0ExecStart=/bin/sh`,
  `${TOK_A}\u2028ExecStart=/bin/sh`,
  `${TOK_A}","auth":{"mode":"none`,
  `${TOK_A}'}, mode: 'none', x: {y: '`,
  `${TOK_A}$(id)`,
  `${TOK_A}\`id\``,
  `${TOK_A}%h`,
  `${TOK_A}\n${V}=${TOK_B}`,
]
const unitText = productUnit(`Environment=${V}=${TOK_B}`, `EnvironmentFile=%h/gw.env`)
const files = {[CFG]: productConfig(TOK_B), [UNIT]: unitText, [DOTENV]: `${V}=${TOK_B}\n`, 'gw.env': `${V}=${TOK_B}\n`}

describe('injection through sync-token --token-stdin --yes (real files, real CLI)', {timeout: 60_000}, () => {
  it.each(ATTACKS.map((a) => [JSON.stringify(a).slice(50, 90), a]))('refuses …%s and writes nothing', async (_n, attack) => {
    requireBuild()
    const t = materialize(files)
    try {
      const before = hashTree(t.root)
      const r = await runCli(['sync-token', '--token-stdin', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home, input: attack})
      expect(r.code).toBe(2)
      expect(JSON.parse(r.stdout).error.code).toBe('TOKEN_INVALID')
      expect(hashTree(t.root)).toBe(before)
    } finally {
      t.cleanup()
    }
  })

  it('a clean value is written and adds no line or key anywhere', async () => {
    const t = materialize(files)
    try {
      const r = await runCli(['sync-token', '--token-stdin', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home, input: `${TOK_A}\n`})
      expect([0, 1]).toContain(r.code)
      const {readFileSync} = await import('node:fs')
      const unit = readFileSync(`${t.home}/${UNIT}`, 'utf8')
      expect(unit.split('\n').length).toBe(unitText.split('\n').length)
      expect(parseUnitText(unit, '').entries.map((e) => e.key)).toEqual(parseUnitText(unitText, '').entries.map((e) => e.key))
      expect(JSON5.parse(readFileSync(`${t.home}/${CFG}`, 'utf8'))).toEqual(JSON.parse(productConfig(TOK_A)))
    } finally {
      t.cleanup()
    }
  })
})

/** Strings dense in the characters that matter to systemd, dotenv and JSON5. */
const nasty = fc.oneof(
  fc.string({
    unit: fc.constantFrom('"', "'", '\\', '\n', '\r', ' ', '\t', '$', '%', '#', '`', ';', '=', 'a', 'E', '\0', '\u2028', '{', '}', ','),
    maxLength: 24,
  }),
  fc.string({unit: 'binary', maxLength: 16}),
  fc.constantFrom(...ATTACKS),
)

/** Every printable ASCII character the value gate lets through (`=`, `;`, `{`, `!`, `&`, ...), 16+ long. */
const gateOk = fc.string({
  unit: fc.constantFrom(...[...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) => !`"'\`\\$%#`.includes(c))),
  minLength: 16,
  maxLength: 40,
})

describe('the writers on every value (fast-check)', () => {
  it('unit Environment=: refused (TOKEN_INVALID) or read back exactly, with the same entries', () => {
    const entries = parseUnitText(unitText, '').entries.map((e) => `${e.section}/${e.key}`)
    fc.assert(
      fc.property(nasty, (v) => {
        let out: string
        try {
          out = editUnitAssignment(unitText, {line: 7, variable: V, value: new Secret(v)})
        } catch (err) {
          expect((err as ClawdocError).code).toBe('TOKEN_INVALID')
          return
        }
        const parsed = parseUnitText(out, '')
        expect(parsed.entries.map((e) => `${e.section}/${e.key}`)).toEqual(entries)
        const env = parsed.entries.find((e) => e.line === 7)!
        expect(splitEnvironmentValue(env.value).assignments.map((a) => [a.name, a.value])).toEqual([[V, v]])
      }),
      {numRuns: 3000},
    )
  })

  it('EnvironmentFile=: refused or read back exactly as one assignment', () => {
    const text = `A=1\n${V}=${TOK_B}\nB=2\n`
    fc.assert(
      fc.property(nasty, (v) => {
        let out: string
        try {
          out = editEnvFileAssignment(text, {line: 2, variable: V, value: new Secret(v)})
        } catch (err) {
          expect((err as ClawdocError).code).toBe('TOKEN_INVALID')
          return
        }
        expect(parseEnvironmentFile(out, '').assignments.map((a) => [a.name, a.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 3000},
    )
  })

  it('.env (dotenv grammar): every value the gate accepts reads back exactly and alone', () => {
    const text = `A=1\n${V}=${TOK_B}\nB=2\n`
    fc.assert(
      fc.property(gateOk, (v) => {
        expect(tokenProblem(v)).toBeUndefined()
        const out = editEnvFileAssignment(text, {line: 2, variable: V, value: new Secret(v)})
        expect(parseDotenv(out).map((e) => [e.name, e.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 500},
    )
    // And the gate is what keeps dotenv-hostile values out: this one would not survive dotenv.
    expect(tokenProblem(`${TOK_A}"#x`)).toMatch(/quote/)
  })

  it('config JSON5: the token path alone changes, to exactly the value', () => {
    fc.assert(
      fc.property(nasty, fc.constantFrom(productConfig(TOK_B), `{gateway: {auth: {token: '${TOK_B}'}}, x: 1}`), (v, text) => {
        const out = setJsonString(text, ['gateway', 'auth', 'token'], new Secret(v))
        const before = JSON5.parse(text)
        before.gateway.auth.token = v
        expect(JSON5.parse(out)).toEqual(before)
      }),
      {numRuns: 3000},
    )
  })
})
