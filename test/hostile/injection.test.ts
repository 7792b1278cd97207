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
import {editDotenvAssignment} from '../../src/formats/dotenv/edit.js'
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
  // Issue 11: characters are escaped for each file's grammar and refused only where a file cannot
  // hold them. So each attack is either refused (exit 2, the reason names the file, nothing
  // written) or written so that every file reads back exactly the value, with no line or key added.
  it.each(ATTACKS.map((a) => [JSON.stringify(a).slice(50, 90), a]))('…%s is refused or written faithfully, never injected', async (_n, attack) => {
    requireBuild()
    const t = materialize(files)
    try {
      const before = hashTree(t.root)
      const r = await runCli(['sync-token', '--token-stdin', '--yes', '--offline', '--json'], {env: {HOME: t.home}, cwd: t.home, input: attack})
      const out = JSON.parse(r.stdout)
      if (r.code === 2) {
        expect(hashTree(t.root)).toBe(before)
        const reasons: string[] = out.error ? [out.error.message] : out.blockers.map((b: {reason: string}) => b.reason)
        expect(reasons.length).toBeGreaterThan(0)
        if (!out.error) for (const why of reasons) expect(why).toMatch(new RegExp(`^${t.home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+: .*cannot hold`))
        return
      }
      expect([0, 1]).toContain(r.code)
      const {readFileSync} = await import('node:fs')
      const unit = readFileSync(`${t.home}/${UNIT}`, 'utf8')
      expect(unit.split('\n').length).toBe(unitText.split('\n').length)
      const parsed = parseUnitText(unit, '')
      expect(parsed.entries.map((e) => e.key)).toEqual(parseUnitText(unitText, '').entries.map((e) => e.key))
      const env = parsed.entries.find((e) => e.key === 'Environment' && e.value.includes(V))!
      expect(splitEnvironmentValue(env.value).assignments.map((x) => [x.name, x.value])).toEqual([[V, attack.replace(/\n$/, '')]])
      expect(JSON5.parse(readFileSync(`${t.home}/${CFG}`, 'utf8')).gateway.auth.token).toBe(attack)
      expect(parseDotenv(readFileSync(`${t.home}/${DOTENV}`, 'utf8')).map((e) => [e.name, e.value])).toEqual([[V, attack]])
      expect(parseEnvironmentFile(readFileSync(`${t.home}/gw.env`, 'utf8'), '').assignments.map((x) => [x.name, x.value])).toEqual([[V, attack]])
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

  it('.env (dotenv grammar): refused (TOKEN_INVALID) or read back exactly and alone', () => {
    const text = `A=1\n${V}=${TOK_B}\nB=2\n`
    fc.assert(
      fc.property(fc.oneof(nasty, gateOk), (v) => {
        let out: string
        try {
          out = editDotenvAssignment(text, {line: 2, variable: V, value: new Secret(v)})
        } catch (err) {
          expect((err as ClawdocError).code).toBe('TOKEN_INVALID')
          // Only a line break, a NUL or all three quote characters are beyond dotenv.
          expect(/[\r\n\0]/.test(v) || ['"', "'", '`'].every((q) => v.includes(q))).toBe(true)
          return
        }
        expect(parseDotenv(out).map((e) => [e.name, e.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 3000},
    )
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
