import {describe, expect, it} from 'vitest'

import {chooseToken} from '../../src/fix/token-value.js'
import {diagnose} from '../../src/model/views.js'
import {confirmToken} from '../../src/restart/token.js'
import {TOK_A, TOK_B, TOK_C, copy, makeFacts} from '../helpers/facts.js'

// One server-token rule (model/parties.ts), seen by doctor (views.parties), sync-token
// (views.serverNextStart) and restart (confirmToken) alike.
describe('the views of one run', () => {
  const rotated = makeFacts((f) => {
    // Written: unit B (no config token). Running: the process still holds A.
    f.config.gateway.authToken = undefined
    f.unit.token = copy('unit.env', TOK_B)
    f.service.managerToken = copy('service.manager-env', TOK_B)
    f.service.processToken = copy('service.process-env', TOK_A)
  })

  it('tell the running server from the one of the next start', () => {
    const {views} = diagnose(rotated)
    expect(views.parties.server.value?.reveal()).toBe(TOK_A)
    expect(views.parties.server.source).toBe('service-env')
    expect(views.serverNextStart.value?.reveal()).toBe(TOK_B)
    expect(chooseToken(diagnose(rotated), {kind: 'server'}).value.reveal()).toBe(TOK_B)
  })

  it('give restart the server token doctor reports', () => {
    const d = diagnose(makeFacts((f) => { f.service.processToken = copy('service.process-env', TOK_C) }))
    const t = confirmToken(d)
    expect(t.check).toBe('mismatch')
    expect(t.server).toEqual({length: TOK_A.length, sha256: d.views.parties.server.value!.fingerprint})
    // A server that takes its token from its own environment has nothing to compare it with.
    expect(confirmToken(diagnose(rotated)).check).toBe('no-config-token')
  })

  it('read the config as the product sees it: nothing of a discarded one', () => {
    const d = diagnose(makeFacts((f) => { f.config.discardedByProduct = true }))
    expect(d.views.productConfig).toBeUndefined()
    expect(d.views.parties.server.source).toBe('service-env')
    expect(d.views.parties.server.reason).toMatch(/discarded by the product/)
    expect(diagnose(makeFacts()).views.productConfig?.authToken?.value.reveal()).toBe(TOK_A)
  })
})
