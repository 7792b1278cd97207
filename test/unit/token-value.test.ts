import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {chooseToken, generateToken, MAX_TOKEN_BYTES, tokenProblem} from '../../src/fix/token-value.js'
import {diagnose} from '../../src/model/views.js'
import {copy, makeFacts, TOK_A, TOK_B, TOK_C} from '../helpers/facts.js'

const GOOD = 'fake-token-0123456789abcdef'

describe('tokenProblem', () => {
  it.each([
    ['', /empty/],
    [`${GOOD} `, /starts or ends with whitespace/],
    [`${GOOD}\n`, /starts or ends with whitespace/],
    [`\t${GOOD}`, /starts or ends with whitespace/],
    [`${GOOD}\0x`, /NUL character at position 28/],
    [`${GOOD}\ud800x`, /lone surrogate/],
    ['x'.repeat(MAX_TOKEN_BYTES + 1), /131049 bytes long; the longest .* is 131048 bytes/],
    // UTF-8 bytes count, not characters: 65525 two-byte characters are 131050 bytes.
    ['é'.repeat(65_525), /131050 bytes long/],
    ['x'.repeat(2_000_000), /2000000 bytes long/],
  ])('refuses %j for any file', (value, re) => {
    const p = tokenProblem(value)
    expect(p).toMatch(re)
    expect(p).not.toContain(GOOD)
  })

  // Which characters a file can hold is the editors' business: none of these is refused here.
  it.each([
    GOOD, TOK_A, 'A-b_c.d~e+f/g=h:i@j!k', `${GOOD} x`, `${GOOD}"'\``, `${GOOD}\\`, `${GOOD}\${X}`, `${GOOD}%h`, `${GOOD}#x`, `${GOOD}é😀`, `${GOOD}\x01`,
    'x'.repeat(MAX_TOKEN_BYTES),
  ])(
    'accepts %j',
    (v) => expect(tokenProblem(v)).toBeUndefined(),
  )

  it('a short value is refused only when it is new and --allow-weak is absent', () => {
    expect(tokenProblem('short-token')).toBeUndefined()
    expect(tokenProblem('short-token', {isNew: true})).toMatch(/short \(11 characters; at least 16\)\. Pass --allow-weak/)
    expect(tokenProblem('short-token', {isNew: true, allowWeak: true})).toBeUndefined()
  })

  it('MAX_TOKEN_BYTES is the kernel limit on one env string minus NAME= and the NUL', () => {
    expect(MAX_TOKEN_BYTES).toBe(131_072 - 'CLAWDBOT_GATEWAY_TOKEN='.length - 1)
  })
})

describe('generateToken', () => {
  it('is 48 lowercase hex from 24 random bytes', () => {
    const t = generateToken()
    expect(t.reveal()).toMatch(/^[0-9a-f]{48}$/)
    expect(generateToken(() => Buffer.alloc(24, 0xab)).reveal()).toBe('ab'.repeat(24))
    expect(generateToken().equals(t)).toBe(false)
  })
})

describe('chooseToken', () => {
  it('defaults to the server token (auth.token wins over the unit env)', () => {
    const f = makeFacts((f) => {
      f.unit.token = copy('unit.env', TOK_B)
    })
    const c = chooseToken(diagnose(f), {kind: 'server'})
    expect(c.value.reveal()).toBe(TOK_A)
    expect(c.origin).toMatch(/the token the gateway server will use/)
  })

  it('--from picks the named copy', () => {
    const f = makeFacts((f) => {
      f.unit.token = copy('unit.env', TOK_B)
      f.config.gateway.remoteToken = copy('config.remote.token', TOK_C)
      f.env.shell = [copy('shell.env', GOOD)]
    })
    expect(chooseToken(diagnose(f), {kind: 'from', source: 'unit'}).value.reveal()).toBe(TOK_B)
    expect(chooseToken(diagnose(f), {kind: 'from', source: 'remote'}).value.reveal()).toBe(TOK_C)
    expect(chooseToken(diagnose(f), {kind: 'from', source: 'env'}).value.reveal()).toBe(GOOD)
    expect(chooseToken(diagnose(f), {kind: 'from', source: 'auth'}).value.reveal()).toBe(TOK_A)
  })

  it('trims a whitespace-trapped source and says so', () => {
    const f = makeFacts((f) => {
      f.config.gateway.authToken = copy('config.auth.token', `${TOK_A} `)
    })
    const c = chooseToken(diagnose(f), {kind: 'server'})
    expect(c.value.reveal()).toBe(TOK_A)
    expect(c.notes[0]).toMatch(/Removed the whitespace around config.auth.token/)
  })

  it('refuses a missing source with USAGE and a hint', () => {
    const f = makeFacts((f) => {
      f.config.gateway.remoteToken = undefined
    })
    const err = (() => {
      try {
        chooseToken(diagnose(f), {kind: 'from', source: 'remote'})
      } catch (e) {
        return e
      }
    })() as ClawdocError
    expect(err.code).toBe('USAGE')
    expect(err.exitCode).toBe(2)
    expect(err.message).toBe('There is no gateway.remote.token to copy from.')
  })

  it('strips one trailing newline from stdin, warns about --token, refuses bad values with exit 2', () => {
    const f = makeFacts()
    expect(chooseToken(diagnose(f), {kind: 'value', value: `${GOOD}\n`, via: 'stdin'}).value.reveal()).toBe(GOOD)
    expect(chooseToken(diagnose(f), {kind: 'value', value: GOOD, via: 'flag'}).notes[0]).toMatch(/shell history/)
    expect(() => chooseToken(diagnose(f), {kind: 'value', value: `${GOOD}\n`, via: 'flag'})).toThrow(/whitespace/)
    expect(() => chooseToken(diagnose(f), {kind: 'value', value: 'abc', via: 'stdin'})).toThrow(expect.objectContaining({code: 'TOKEN_INVALID', exitCode: 2}))
    expect(chooseToken(diagnose(f), {kind: 'value', value: 'abc', via: 'stdin'}, undefined, {allowWeak: true}).value.reveal()).toBe('abc')
  })

  it('adopts the short token the server already uses (issue 11: strength is a warning, never a refusal)', () => {
    const f = makeFacts((x) => {
      x.config.gateway.authToken = copy('config.auth.token', 'hand-picked')
    })
    const c = chooseToken(diagnose(f), {kind: 'server'})
    expect(c.value.reveal()).toBe('hand-picked')
    expect(chooseToken(diagnose(f), {kind: 'from', source: 'auth'}).value.reveal()).toBe('hand-picked')
  })
})

describe('the default value after a rotation that is not restarted yet', async () => {
  const {chooseToken} = await import('../../src/fix/token-value.js')
  const {makeFacts, copy} = await import('../helpers/facts.js')
  it('is the unit file\'s new token, not the running process\' old one', () => {
    const NEWV = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
    const OLDV = 'f00f00f00f00f00f00f00f00f00f00f00f00f00f00f00f01'
    const facts = makeFacts((f) => {
      f.config.gateway.authToken = undefined
      f.unit.token = copy('unit.env', NEWV)
      f.service.managerToken = copy('service.manager-env', OLDV)
      f.service.processToken = copy('service.process-env', OLDV)
    })
    expect(chooseToken(diagnose(facts), {kind: 'server'}).value.reveal()).toBe(NEWV)
  })
})
