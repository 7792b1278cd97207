import JSON5 from 'json5'
import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import {Secret} from '../../src/model/secret.js'

const NEW = new Secret('fake2222cccc'.repeat(4))
const PATH = ['gateway', 'auth', 'token']

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    if (err instanceof ClawdocError) return err.code
    throw err
  }
  return undefined
}

describe('setJsonString', () => {
  it('changes only the token bytes in product-written JSON', () => {
    const text = JSON.stringify({gateway: {mode: 'local', auth: {mode: 'token', token: 'fake-old'}}, meta: {a: 1}}, null, 2) + '\n'
    const out = setJsonString(text, PATH, NEW)
    expect(out).toBe(text.replace('"fake-old"', `"${NEW.reveal()}"`))
  })

  it('keeps comments, single quotes, unquoted keys, trailing commas and CRLF', () => {
    const text = "// top\r\n{\r\n  gateway: { /* x */\r\n    auth: {token: 'fake-old', mode: 'token',},\r\n  },\r\n}\r\n"
    const out = setJsonString(text, PATH, new Secret("it's \"q\" \\ \n"))
    expect(out).toBe(text.replace("'fake-old'", "'it\\'s \"q\" \\\\ \\n'"))
    expect(JSON5.parse(out).gateway.auth.token).toBe("it's \"q\" \\ \n")
  })

  it('edits the last of duplicate keys, the one the parsers use', () => {
    const text = '{"gateway": {"auth": {"token": "one"}, "auth": {"token": "two"}}}'
    expect(setJsonString(text, PATH, NEW)).toBe(text.replace('"two"', `"${NEW.reveal()}"`))
  })

  it('edits and adds in a big hand-edited config whose clean parts the scan does not copy', () => {
    // Past LIFT_AT (scan.ts): the big objects are parsed from the text itself; both edits are checked on that.
    const pad = (n: number): string => JSON.stringify(Object.fromEntries(Array.from({length: n}, (_, i) => [`K${i}`, 'v'.repeat(60)])), null, 2)
    const auth = `{"mode": "token", "token": "fake-old", "pad": ${pad(400)}}`
    const text = `// top\n{gateway: {mode: 'local', "auth": ${auth}}, "env": {"vars": ${pad(400)}}, other: 1,}\n`
    const replaced = setJsonString(text, PATH, NEW)
    expect(replaced).toBe(text.replace('"fake-old"', `"${NEW.reveal()}"`))
    const added = setJsonString(text, ['env', 'vars', 'CLAWDBOT_GATEWAY_TOKEN'], NEW, {create: true})
    expect(JSON5.parse(added)).toEqual({...JSON5.parse(text), env: {vars: {...JSON5.parse(text).env.vars, CLAWDBOT_GATEWAY_TOKEN: NEW.reveal()}}})
    expect(added.startsWith(text.slice(0, text.indexOf('"env"')))).toBe(true)
  })

  it('is a no-op when the value is already set', () => {
    const text = `{"gateway": {"auth": {"token": "${NEW.reveal()}"}}}`
    expect(setJsonString(text, PATH, NEW)).toBe(text)
  })

  it('refuses a ${VAR} template, a number, an object and a missing key (CONFIG_PARSE)', () => {
    expect(codeOf(() => setJsonString('{"gateway": {"auth": {"token": "${GW}"}}}', PATH, NEW))).toBe('CONFIG_PARSE')
    expect(codeOf(() => setJsonString('{"gateway": {"auth": {"token": 1234}}}', PATH, NEW))).toBe('CONFIG_PARSE')
    expect(codeOf(() => setJsonString('{"gateway": {"auth": {"token": {}}}}', PATH, NEW))).toBe('CONFIG_PARSE')
    expect(codeOf(() => setJsonString('{"gateway": {}}', PATH, NEW))).toBe('CONFIG_PARSE')
    expect(codeOf(() => setJsonString('{"gateway": ', PATH, NEW))).toBe('CONFIG_PARSE')
    // An escaped $${GW} is a literal, not a template: editable.
    expect(JSON5.parse(setJsonString('{"gateway": {"auth": {"token": "$${GW}"}}}', PATH, NEW)).gateway.auth.token).toBe(NEW.reveal())
  })

  it('replaces a numeric token with a string when asked', () => {
    const text = '{\n  "gateway": {"auth": {"token": 123456, "mode": "token"}}\n}\n'
    expect(setJsonString(text, PATH, NEW, {replaceNonString: true})).toBe(text.replace('123456', `"${NEW.reveal()}"`))
  })

  it('creates missing keys in the document style', () => {
    const json = JSON.stringify({gateway: {mode: 'local'}}, null, 2) + '\n'
    expect(setJsonString(json, PATH, NEW, {create: true})).toBe(
      JSON.stringify({gateway: {mode: 'local', auth: {token: NEW.reveal()}}}, null, 2) + '\n',
    )
    const json5 = "// c\r\n{\r\n  gateway: {\r\n    mode: 'local',\r\n    auth: {mode: 'token'},\r\n  },\r\n}\r\n"
    const out = setJsonString(json5, PATH, NEW, {create: true})
    expect(out.startsWith("// c\r\n{\r\n  gateway: {\r\n    mode: 'local',\r\n")).toBe(true)
    expect(out).not.toMatch(/[^\r]\n/)
    expect(JSON5.parse(out)).toEqual({gateway: {mode: 'local', auth: {mode: 'token', token: NEW.reveal()}}})
  })

  it('keeps a BOM, both when replacing and when inserting', () => {
    const bom = '\uFEFF{\n  "gateway": {"mode": "local", "auth": {"token": "old"}}\n}\n'
    expect(setJsonString(bom, PATH, NEW)).toBe(bom.replace('"old"', `"${NEW.reveal()}"`))
    const out = setJsonString('\uFEFF{"gateway": {}}', PATH, NEW, {create: true})
    expect(out.charCodeAt(0)).toBe(0xfeff)
    expect(JSON5.parse(out).gateway.auth.token).toBe(NEW.reveal())
  })

  it('refuses to create below a non-object', () => {
    expect(codeOf(() => setJsonString('{"gateway": {"auth": "x"}}', PATH, NEW, {create: true}))).toBe('CONFIG_PARSE')
  })

  it('never puts the token in an error', () => {
    const secret = new Secret('fake-sentinel-9999')
    try {
      setJsonString('{"gateway": {"auth": {"token": 5}}}', PATH, secret)
      expect.unreachable()
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('sentinel')
    }
  })
})
