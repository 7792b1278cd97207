import {inspect} from 'node:util'

import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {ClawdocError} from '../../src/model/errors.js'
import {setJsonString} from '../../src/formats/json5/edit.js'
import {Secret} from '../../src/model/secret.js'
import {readConfig} from '../../src/sources/config/read.js'

const SENTINEL = 'fakeSENTINEL0123456789sentinel'
const CFG = '/h/.clawdbot/clawdbot.json'
const paths = {configPath: CFG, home: '/h', cwd: '/w', stateDir: '/h/.clawdbot'}

/** Configs that put the sentinel in every token slot and break in every way the reader reports. */
const BROKEN: Record<string, string> = {
  'parse error inside the token': `{"gateway": {"auth": {"token": "${SENTINEL}\n"}}}`,
  'parse error after the token': `{gateway: {auth: {token: '${SENTINEL}'}} ${SENTINEL}}`,
  'schema errors on token-bearing keys': JSON.stringify({gateway: {
    token: SENTINEL,
    mode: SENTINEL,
    bind: SENTINEL,
    auth: {mode: SENTINEL, token: SENTINEL},
    remote: {token: SENTINEL, password: SENTINEL},
  }}),
  'unknown channel holding a token': JSON.stringify({
    channels: {[`x${SENTINEL.slice(0, 4)}`]: {gatewayToken: SENTINEL}},
    env: {CLAWDBOT_GATEWAY_TOKEN: SENTINEL},
  }),
  'include and var errors': JSON.stringify({$include: './missing.json', gateway: {auth: {token: `${SENTINEL}\${UNSET_VAR}`}}}),
}

describe('config reader and editor never reveal a token', () => {
  it.each(Object.entries(BROKEN))('%s', async (_name, text) => {
    const facts = await readConfig({fs: Volume.fromJSON({[CFG]: text}).promises as unknown as ReadFs, env: {}}, paths)
    expect(facts.status === 'ok' ? facts.schemaErrors.length + facts.includeErrors.length + facts.varErrors.length : 1).toBeGreaterThan(0)
    expect(JSON.stringify(facts)).not.toContain(SENTINEL)
    expect(inspect(facts, {depth: 20})).not.toContain(SENTINEL)
  })

  it('editor errors do not contain the old or the new value', () => {
    const texts = [
      `{"gateway": {"auth": {"token": 12345}}}`,
      `{"gateway": {"auth": {"token": "\${${SENTINEL.toUpperCase()}}"}}}`,
      `{"gateway": {"auth": {"token": "${SENTINEL}"`,
    ]
    for (const t of texts) {
      try {
        setJsonString(t, ['gateway', 'auth', 'token'], new Secret(SENTINEL))
        expect.unreachable()
      } catch (err) {
        expect(err).toBeInstanceOf(ClawdocError)
        const e = err as ClawdocError
        expect(`${e.message} ${e.hint ?? ''}`.toLowerCase()).not.toContain(SENTINEL.toLowerCase())
      }
    }
  })
})
