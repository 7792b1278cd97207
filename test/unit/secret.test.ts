import {inspect} from 'node:util'
import {describe, expect, it} from 'vitest'

import {Secret} from '../../src/model/secret.js'
import {TOK_A, TOK_B} from '../helpers/facts.js'

describe('Secret', () => {
  it('never turns into its value except through reveal()', () => {
    const s = new Secret(TOK_A)
    for (const text of [String(s), `${s}`, JSON.stringify({s}), inspect(s), inspect({deep: {s}}), s.mask()]) {
      expect(text).not.toContain(TOK_A)
      expect(text).toMatch(/48/)
    }
    expect(s.reveal()).toBe(TOK_A)
    expect(s.mask()).toMatch(/^len=48 sha256:[0-9a-f]{8}$/)
  })
  it('compares by value, also across lengths, and trims like the clients', () => {
    expect(new Secret(TOK_A).equals(new Secret(TOK_A))).toBe(true)
    expect(new Secret(TOK_A).equals(new Secret(TOK_B))).toBe(false)
    expect(new Secret(TOK_A).equals(new Secret(TOK_A + ' '))).toBe(false)
    expect(new Secret(` ${TOK_A}\n`).trimmed().equals(new Secret(TOK_A))).toBe(true)
    expect(new Secret(` ${TOK_A}`).hasOuterWhitespace).toBe(true)
    expect(new Secret('').isEmpty).toBe(true)
    expect(new Secret(TOK_A).equals(undefined)).toBe(false)
  })
})
