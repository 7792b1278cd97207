import {mkdtemp, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {createRequire} from 'node:module'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {generateValidators} from '../../src/build/generate-validators.js'
import {compileConfigValidator, mapAjvErrors, type ValidateFn} from '../../src/sources/config/validate.js'

const T = 'fake0000aaaa'.repeat(4)
const CASES: [string, unknown, string[]][] = [
  ['empty', {}, []],
  ['product-written', {meta: {lastTouchedVersion: 'x'}, gateway: {mode: 'local', port: 18789, bind: 'loopback', auth: {mode: 'token', token: T}}}, []],
  ['legacy token', {gateway: {token: T}}, ['gateway.token']],
  ['custom bind host', {gateway: {bind: 'custom', customBindHost: '10.0.0.1'}}, ['gateway.customBindHost']],
  ['port as string', {gateway: {port: '18789'}}, ['gateway.port']],
  ['port zero / fraction', {gateway: {port: 0, reload: {debounceMs: 1.5}}}, ['gateway.port', 'gateway.reload.debounceMs']],
  ['numeric token', {gateway: {auth: {token: 123}, remote: {password: true}}}, ['gateway.auth.token', 'gateway.remote.password']],
  ['unknown top-level key', {gatway: {}}, ['gatway']],
  ['env block', {env: {CLAWDBOT_GATEWAY_TOKEN: 5, vars: {X: 'y'}, shellEnv: {enabled: 'yes'}}}, ['env.CLAWDBOT_GATEWAY_TOKEN', 'env.shellEnv.enabled']],
  ['passthrough channel', {channels: {dingtalk: {anything: 1}, telegram: {}}}, []],
  ['not an object', [], ['']],
]

let dir: string
let generated: ValidateFn
let runtime: ValidateFn

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clawdoc-validator-'))
  const out = path.join(dir, 'schema', 'config-validator.cjs')
  await generateValidators(out)
  generated = createRequire(import.meta.url)(out) as ValidateFn
  runtime = await compileConfigValidator()
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

describe('config JSON Schema validators', () => {
  it('the generator writes a standalone CommonJS module that requires nothing (no ajv at start-up)', async () => {
    const code = await readFile(path.join(dir, 'schema', 'config-validator.cjs'), 'utf8')
    expect(code).not.toMatch(/\brequire\(|^import /m)
    expect((await stat(path.join(dir, 'schema', 'config-validator.cjs'))).isFile()).toBe(true)
  })

  it.each(CASES)('%s: precompiled and runtime validators agree on the key paths', (_name, config, keys) => {
    for (const v of [generated, runtime]) {
      const ok = v(config)
      const paths = ok ? [] : mapAjvErrors(v.errors ?? []).map((i) => i.keyPath.join('.'))
      expect(paths.sort()).toEqual([...keys].sort())
    }
  })

  it('error messages never echo the offending value', () => {
    expect(runtime({gateway: {mode: T, auth: {token: 1}}})).toBe(false)
    expect(JSON.stringify(mapAjvErrors(runtime.errors ?? []))).not.toContain(T)
  })
})
