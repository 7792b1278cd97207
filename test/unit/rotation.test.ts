import {describe, expect, it} from 'vitest'

import {assertRotationAllowed, rotationChecklist, rotationReason} from '../../src/fix/rotation.js'
import {Secret} from '../../src/model/secret.js'
import {diagnose} from '../../src/model/views.js'
import {TOK_A, TOK_B, copy, makeFacts} from '../helpers/facts.js'

const remoteMachine = () =>
  makeFacts((f) => {
    f.unit.status = 'missing'
    f.unit.token = undefined
    f.config.gateway = {mode: 'remote', remoteUrl: 'wss://gw.example.net', remoteToken: copy('config.remote.token', TOK_B), places: {}}
  })
const probed = (outcome: 'accepted' | 'token-mismatch', authOff = false) =>
  makeFacts((f) => {
    const results = [{copies: ['config.auth.token' as const], length: 48, sha256: new Secret(TOK_A).fingerprint, outcome, ms: 2}]
    f.probe = {status: 'ok', target: 'ws://127.0.0.1:18789', authOff, results}
  })

describe('--generate over a token in use needs --rotate', () => {
  it('on a remote-mode machine', () => {
    const d = diagnose(remoteMachine())
    expect(rotationReason(d)).toMatch(/remote.*wss:\/\/gw\.example\.net/)
    expect(() => assertRotationAllowed(d, false)).toThrow(/would replace a token that is in use/)
    expect(() => assertRotationAllowed(d, true)).not.toThrow()
  })

  it('when a live probe accepts the current server token, not when it refuses it or auth is off', () => {
    expect(rotationReason(diagnose(probed('accepted')))).toMatch(/live probe/)
    expect(rotationReason(diagnose(probed('token-mismatch')))).toBeUndefined()
    expect(rotationReason(diagnose(probed('accepted', true)))).toBeUndefined()
    // Not probed: nothing says the token is in use.
    expect(rotationReason(diagnose(makeFacts()))).toBeUndefined()
  })

  it('lists, on one screen, what clawdoc cannot reach', () => {
    const remote = rotationChecklist(diagnose(remoteMachine()))
    expect(remote[0]).toMatch(/gateway at wss:\/\/gw\.example\.net/)
    const local = rotationChecklist(diagnose(makeFacts((f) => {
      f.config.channels = [{id: 'dingtalk', place: {kind: 'config'}, keys: ['clientId', 'clientSecret'], tokens: []}]
      f.devices = {path: '/h/.clawdbot/identity/device-auth.json', present: true, tokenCount: 1}
    })))
    const text = local.join('\n')
    expect(text).toMatch(/gateway\.remote\.token/)
    expect(text).toMatch(/Channel dingtalk/)
    expect(text).toMatch(/clawdbot dashboard/)
    expect(local.length).toBeLessThanOrEqual(12)
    for (const t of [TOK_A, TOK_B]) expect(text).not.toContain(t)
  })
})
