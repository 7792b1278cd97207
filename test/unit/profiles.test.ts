import {describe, expect, it} from 'vitest'

import {PARTY_RULES, partySteps} from '../../src/model/parties.js'
import {CLAWDBOT, OPENCLAW_CURRENT, OPENCLAW_EARLY, chooseProfile, PROFILES} from '../../src/model/profiles/index.js'
import {OPENCLAW_2026_3_2} from '../../src/model/profiles/data/openclaw-2026.3.2.js'
import {OPENCLAW_2026_9_6} from '../../src/model/profiles/data/openclaw-2026.9.6.js'

describe('chooseProfile: the release boundaries of src/docs/OPENCLAW.md §1', () => {
  it.each([
    ['clawdbot', '2026.1.24-3', 'clawdbot'],
    ['clawdbot', '2026.1.24', 'clawdbot'],
    ['openclaw', '2026.1.29', 'openclaw-early'],
    ['openclaw', '2026.1.30', 'openclaw-early'],
    ['openclaw', '2026.3.2', 'openclaw-early'],
    ['openclaw', '2026.3.21', 'openclaw-early'],
    ['openclaw', '2026.3.22', 'openclaw-current'],
    ['openclaw', '2026.4.25', 'openclaw-current'],
    ['openclaw', '2026.9.6', 'openclaw-current'],
  ] as const)('%s %s → %s, without a note', (product, release, id) => {
    const c = chooseProfile(product, release)
    expect(c.profile.id).toBe(id)
    expect(c.note).toBeUndefined()
  })

  it('an unknown newer release gets the newest profile and says so', () => {
    const c = chooseProfile('openclaw', '2026.10.1')
    expect(c.profile).toBe(OPENCLAW_CURRENT)
    expect(c.note).toMatch(/newer than the newest measured release: using the profile of 2026\.9\.6/)
  })

  it('an unknown release of openclaw gets the newest profile and says so; clawdbot has one profile', () => {
    expect(chooseProfile('openclaw')).toMatchObject({profile: OPENCLAW_CURRENT, note: expect.stringMatching(/release unknown/)})
    expect(chooseProfile('clawdbot')).toEqual({profile: CLAWDBOT})
  })

  it('an openclaw older than the first one gets the oldest profile and says so', () => {
    expect(chooseProfile('openclaw', '2026.1.28')).toMatchObject({profile: OPENCLAW_EARLY, note: expect.stringMatching(/older/)})
    expect(chooseProfile('openclaw', 'nightly')).toMatchObject({profile: OPENCLAW_CURRENT, note: expect.stringMatching(/not a release number/)})
  })

  it('each representative lies inside its own range', () => {
    for (const p of PROFILES) expect(chooseProfile(p.product, p.representative)).toEqual({profile: p})
  })
})

describe('profiles are built from the measured data', () => {
  it('clawdbot: the source order per party is src/docs/CLAWDBOT.md §4', () => {
    expect(CLAWDBOT.parties).toEqual({
      server: ['exec-start', 'auth-token', 'service-env', 'statedir-dotenv', 'config-env-block'],
      'local-cli': ['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block', 'auth-token'],
      'remote-cli': ['remote-token'],
      'gateway-tools': ['service-env', 'statedir-dotenv', 'config-env-block', 'auth-token'],
    })
    expect(Object.values(CLAWDBOT.legacyReads).flat()).toEqual([])
  })

  it('every source a profile orders has a rule in PARTY_RULES (one precedence model)', () => {
    for (const p of PROFILES) for (const rule of PARTY_RULES) expect(() => partySteps(rule, p), `${p.id} ${rule.party}`).not.toThrow()
  })

  it('legacy names are read only where the measured order has a legacy step', () => {
    expect(OPENCLAW_EARLY.legacyReads).toEqual({server: [], 'local-cli': ['shell-env'], 'remote-cli': [], 'gateway-tools': ['service-env']})
    expect(Object.values(OPENCLAW_CURRENT.legacyReads).flat()).toEqual([])
  })

  it('openclaw 2026.9.6: the local CLI is config-first and reads no legacy name', () => {
    expect(OPENCLAW_CURRENT.parties['local-cli']).toEqual(['auth-token', 'shell-env', 'statedir-dotenv', 'remote-token'])
    expect(OPENCLAW_CURRENT.names).toMatchObject({
      tokenVar: 'OPENCLAW_GATEWAY_TOKEN', configFileName: 'openclaw.json', unitName: 'openclaw-gateway.service',
      legacyPrefixes: [{prefix: 'CLAWDBOT_', read: false}, {prefix: 'MOLTBOT_', read: false}], legacyConfigFileNames: ['clawdbot.json'],
    })
    expect(OPENCLAW_CURRENT.names.envFiles).not.toContain('./.env')
    expect(OPENCLAW_CURRENT.unitLayout.environmentFile).toBe(OPENCLAW_2026_9_6.unit.environmentFile)
    expect(OPENCLAW_CURRENT.probe).toBe(OPENCLAW_2026_9_6.probe)
    expect(OPENCLAW_CURRENT.errors).toBe(OPENCLAW_2026_9_6.errors)
  })

  it('openclaw 2026.3.2: env-first CLI, CLAWDBOT_ still read, token inline in the unit', () => {
    expect(OPENCLAW_EARLY.parties['local-cli']).toEqual(['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'auth-token', 'remote-token'])
    // The in-gateway tools are env-first from the gateway's environment, while the server is config-first (live-drift-openclaw-early).
    expect(OPENCLAW_EARLY.parties['gateway-tools']).toEqual(['service-env', 'statedir-dotenv', 'auth-token'])
    expect(OPENCLAW_EARLY.parties.server).toEqual(['exec-start', 'auth-token', 'service-env', 'statedir-dotenv'])
    expect(OPENCLAW_EARLY.names.legacyPrefixes).toContainEqual({prefix: 'CLAWDBOT_', read: true})
    expect(OPENCLAW_EARLY.names.legacyConfigFileNames).toEqual(['clawdbot.json', 'moltbot.json'])
    expect(OPENCLAW_EARLY.unitLayout).toEqual({tokenFromConfig: 'inline', tokenFromEnv: 'inline'})
    expect(OPENCLAW_EARLY.errors).toBe(OPENCLAW_2026_3_2.errors)
  })

  it('the reinstall command is the product\'s own', () => {
    expect(CLAWDBOT.reinstallCommand).toBe('clawdbot daemon install --force')
    expect(OPENCLAW_CURRENT.reinstallCommand).toBe('openclaw gateway install --force')
  })
})

describe('one name for the product\'s install command (issue 11)', () => {
  it('is the installed release\'s, with the profile passed on', async () => {
    const {installCommand} = await import('../../src/model/profiles/index.js')
    const paths = {profileSource: 'flag', profile: 'work'} as never
    expect(installCommand({paths: {} as never})).toBe('clawdbot daemon install')
    expect(installCommand({paths}, {force: true})).toBe('clawdbot --profile work daemon install --force')
    const product = {name: 'openclaw' as const, profile: 'openclaw-current' as const, detectedFrom: 'unit' as const, clues: []}
    expect(installCommand({paths: {} as never, product}, {force: true})).toBe('openclaw gateway install --force')
  })
})
