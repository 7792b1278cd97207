import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {editDotenvAssignment} from '../../src/formats/dotenv/edit.js'
import {Secret} from '../../src/model/secret.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'

const T = 'CLAWDBOT_GATEWAY_TOKEN'
const OLD = 'f00f00f00f00f00f00f00f00f00f00f00f00f00f00f00f01'
const NEW = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const edit = (text: string, line: number, value = NEW) => editDotenvAssignment(text, {line, variable: T, value: new Secret(value)})

describe('editDotenvAssignment (dotenv grammar, as the product reads .env)', () => {
  it.each([
    ['a b', `${T}='a b'\n`],
    ['a#b', `${T}='a#b'\n`],
    ["it's", `${T}=\`it's\`\n`],
    ["'`", `${T}="'\`"\n`],
    ['$HOME\\n%h', `${T}='$HOME\\n%h'\n`],
  ])('quotes %j so dotenv reads it back', (value, want) => {
    expect(edit(`${T}=x\n`, 1, value)).toBe(want)
    expect(parseDotenv(want).find((e) => e.name === T)?.value).toBe(value)
  })

  it.each([
    [`${T}=${OLD}\n`, 1],
    [`# c\nA=1\n${T}=${OLD} # old one\r\nB=2`, 3],
    [`export ${T} = "${OLD}"  # quoted\n`, 1],
    [`${T}='${OLD}'\n`, 1],
    [`  ${T}=\`${OLD}\`\n`, 1],
    [`${T}=\n`, 1],
  ])('only the value changes: %j', (text, line) => {
    const out = edit(text, line)
    expect(out).toBe(text.includes(OLD) ? text.replace(OLD, NEW) : text.replace(`${T}=`, `${T}=${NEW}`))
    expect(parseDotenv(out).find((e) => e.name === T)?.value).toBe(NEW)
  })
  it('refuses values a .env cannot hold and lines that changed', () => {
    const code = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return (error as ClawdocError).code
      }
    }
    expect(code(() => edit(`${T}=x\n`, 1, 'a\nb'))).toBe('TOKEN_INVALID')
    expect(code(() => edit(`${T}=x\n`, 1, 'a\rb'))).toBe('TOKEN_INVALID')
    expect(code(() => edit(`${T}=x\n`, 1, `a'b"c\`d`))).toBe('TOKEN_INVALID')
    expect(code(() => edit(`A=1\n${T}=x\n`, 1))).toBe('UNIT_PARSE')
    expect(code(() => edit(`${T}="multi\nline"\n`, 1))).toBe('UNIT_PARSE')
  })
})
