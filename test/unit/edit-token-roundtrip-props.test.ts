// Issue 11: a token is escaped for each file's own grammar. For random printable and non-ASCII
// values, write -> read back with clawdoc's own readers gives the same value, in every grammar.
import fc from 'fast-check'
import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {setJsonString} from '../../src/formats/json5/edit.js'
import {editDotenvAssignment} from '../../src/formats/dotenv/edit.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'
import {editEnvFileAssignment, editUnitAssignment} from '../../src/formats/unit/edit.js'
import {parseEnvironmentFile} from '../../src/formats/unit/env-file.js'
import {parseUnitText, splitEnvironmentValue} from '../../src/formats/unit/syntax.js'
import {parseConfigText} from '../../src/formats/json5/parse.js'
import {tokenProblem} from '../../src/fix/token-value.js'
import {Secret} from '../../src/model/secret.js'

const V = 'CLAWDBOT_GATEWAY_TOKEN'
const OLD = 'f00f00f00f00f00f00f00f00f00f00f00f00f00f00f00f01'

/** Printable ASCII (every special character of every grammar) and printable non-ASCII, no outer whitespace. */
const printable = fc
  .oneof(
    fc.string({unit: fc.integer({min: 0x20, max: 0x7e}).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40}),
    fc.string({unit: 'grapheme', minLength: 1, maxLength: 20}),
    fc.string({unit: fc.constantFrom('"', "'", '`', '\\', '$', '%', '#', ';', '=', ' ', '{', '}', 'é', '🔑', '\u00a0', 'a'), minLength: 1, maxLength: 24}),
  )
  .filter((v) => tokenProblem(v) === undefined && !/[\p{Cc}\u2028\u2029]/u.test(v))

const UNIT = `[Service]\nExecStart=/usr/bin/node gw\nEnvironment=A=1 ${V}=${OLD} B=2\n`
const ENVFILE = `A=1\n${V}=${OLD}\nB=2\n`
const DOTENV = `A=1\n${V}=${OLD} # note\nB=2\n`
const CONFIG = `// c\n{gateway: {auth: {token: '${OLD}'}, mode: 'local'}}\n`

describe('round trip of a token through every grammar (fast-check)', () => {
  it('JSON5 config: written then read by parseConfigText gives the value', () => {
    fc.assert(
      fc.property(printable, (v) => {
        const out = setJsonString(CONFIG, ['gateway', 'auth', 'token'], new Secret(v))
        const parsed = parseConfigText(out)
        expect(parsed.ok && (parsed.value as {gateway: {auth: {token: string}}}).gateway.auth.token).toBe(v)
        expect(JSON5.parse(out).gateway.mode).toBe('local')
      }),
      {numRuns: 2000},
    )
  })

  it('unit Environment=: written then split as systemd does gives the value (with %% and \\ escaping)', () => {
    fc.assert(
      fc.property(printable, (v) => {
        const out = editUnitAssignment(UNIT, {line: 3, variable: V, value: new Secret(v)})
        const e = parseUnitText(out, '').entries.find((x) => x.key === 'Environment')!
        expect(splitEnvironmentValue(e.value).assignments.map((a) => [a.name, a.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 2000},
    )
  })

  it('EnvironmentFile=: written then read as systemd does gives the value', () => {
    fc.assert(
      fc.property(printable, (v) => {
        const out = editEnvFileAssignment(ENVFILE, {line: 2, variable: V, value: new Secret(v)})
        expect(parseEnvironmentFile(out, '').assignments.map((a) => [a.name, a.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 2000},
    )
  })

  it('.env (dotenv 16): written then read gives the value, unless it holds all three quote characters', () => {
    fc.assert(
      fc.property(printable, (v) => {
        const allQuotes = ['"', "'", '`'].every((q) => v.includes(q))
        if (allQuotes) {
          expect(() => editDotenvAssignment(DOTENV, {line: 2, variable: V, value: new Secret(v)})).toThrow(/\.env file cannot hold/)
          return
        }
        const out = editDotenvAssignment(DOTENV, {line: 2, variable: V, value: new Secret(v)})
        expect(parseDotenv(out).map((e) => [e.name, e.value])).toEqual([['A', '1'], [V, v], ['B', '2']])
      }),
      {numRuns: 2000},
    )
  })
})
