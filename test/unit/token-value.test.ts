import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {chooseToken, generateToken, tokenProblem} from '../../src/fix/token-value.js'
import {diagnose} from '../../src/model/views.js'
import {copy, makeFacts, TOK_A, TOK_B, TOK_C} from '../helpers/facts.js'

const GOOD = 'fake-token-0123456789abcdef'

describe('tokenProblem', () => {
  it.each([
    [`${GOOD} x`, /whitespace at position 28/],
    [`${GOOD}\n`, /a line break/],
    [`\t${GOOD}`, /whitespace at position 1/],
    [`${GOOD}\x01`, /a control character/],
    [`${GOOD}"`, /a quote/],
    [`${GOOD}'`, /a quote/],
    [`${GOOD}\``, /a quote/],
    [`${GOOD}\\`, /a backslash/],
    [`${GOOD}\${X}`, /"\$"/],
    [`${GOOD}%h`, /systemd specifier/],
    [`${GOOD}#x`, /comment in \.env/],
    [`${GOOD}é`, /non-ASCII/],
    ['short-token', /too short \(11 characters; at least 16\)/],
  ])('refuses %j', (value, re) => {
    const p = tokenProblem(value)
    expect(p).toMatch(re)
    expect(p).not.toContain(GOOD)
  })

  it.each([GOOD, TOK_A, 'A-b_c.d~e+f/g=h:i@j!k'])('accepts %s', (v) => expect(tokenProblem(v)).toBeUndefined())
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
    expect(() => chooseToken(diagnose(f), {kind: 'value', value: `${GOOD}\n`, via: 'flag'})).toThrow(/line break/)
    expect(() => chooseToken(diagnose(f), {kind: 'value', value: 'abc', via: 'stdin'})).toThrow(expect.objectContaining({code: 'TOKEN_INVALID', exitCode: 2}))
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
