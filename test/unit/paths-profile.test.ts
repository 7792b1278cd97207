import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {profilePaths} from '../../src/app/locate.js'
import {OPENCLAW_2026_3_2} from '../../src/model/profiles/data/openclaw-2026.3.2.js'
import {OPENCLAW_2026_9_6} from '../../src/model/profiles/data/openclaw-2026.9.6.js'
import type {ReleaseProfileData} from '../../src/model/profiles/data/types.js'
import {CLAWDBOT, OPENCLAW_CURRENT, OPENCLAW_EARLY, type ReleaseProfile} from '../../src/model/profiles/index.js'
import type {ReadFs} from '../../src/sources/context.js'
import {resolvePaths} from '../../src/sources/paths.js'

const H = '/home/u'
const home = (s: string) => s.replaceAll('$HOME', H)

function fsWith(files: readonly string[]): ReadFs {
  return Volume.fromJSON(Object.fromEntries([...files.map((f) => [`${H}/${f}`, '{}']), ['/tmp/.keep', '']])).promises as unknown as ReadFs
}

/** The cases a release answers only after migrating a legacy dir (2026.3.2 moves ~/.clawdbot on any command): not modelled. */
function migrated(d: ReleaseProfileData, files: readonly string[]): boolean {
  const moved = d.names.legacyStateDirs.filter((l) => l.behaviour === 'migrated-on-any-command').map((l) => `${l.dir}/`)
  return files.length > 0 && files.every((f) => moved.some((m) => f.startsWith(m)))
}

describe.each([
  [OPENCLAW_2026_3_2, OPENCLAW_EARLY],
  [OPENCLAW_2026_9_6, OPENCLAW_CURRENT],
] as [ReleaseProfileData, ReleaseProfile][])('config path of openclaw $names.release: the measured `config file` cases', (data, profile) => {
  const cases = data.names.configFileCases.filter((c) => !migrated(data, c.files))
  it.each(cases.map((c) => [JSON.stringify({files: c.files, env: c.env, args: c.args}), c] as const))('%s', async (_name, c) => {
    const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, home(v)]))
    const flags = c.args?.[0] === '--profile' ? {profile: c.args[1]} : {}
    const paths = await profilePaths({env, home: H, cwd: H, fs: fsWith(c.files)}, flags, profile)
    expect(paths.configPath).toBe(home(c.answer))
  })
})

describe('names by profile', () => {
  it('openclaw: OPENCLAW_* variables, the profile names the unit only, CLAWDBOT_* ignored', () => {
    const ctx = {home: H, cwd: H}
    expect(resolvePaths({...ctx, env: {}}, {}, OPENCLAW_CURRENT)).toMatchObject({
      stateDir: `${H}/.openclaw`, configPath: `${H}/.openclaw/openclaw.json`, unitName: 'openclaw-gateway.service', configPathSource: 'default',
    })
    expect(resolvePaths({...ctx, env: {OPENCLAW_PROFILE: 'qq'}}, {}, OPENCLAW_CURRENT)).toMatchObject({
      configPath: `${H}/.openclaw/openclaw.json`, unitName: 'openclaw-gateway-qq.service', unitNameSource: 'profile',
    })
    expect(resolvePaths({...ctx, env: {OPENCLAW_SYSTEMD_UNIT: 'gw', CLAWDBOT_CONFIG_PATH: '/x.json'}}, {}, OPENCLAW_CURRENT)).toMatchObject({
      configPath: `${H}/.openclaw/openclaw.json`, unitName: 'gw.service', unitNameSource: 'OPENCLAW_SYSTEMD_UNIT',
    })
    expect(resolvePaths({...ctx, env: {OPENCLAW_CONFIG_PATH: '/x.json'}}, {dev: true}, OPENCLAW_CURRENT)).toMatchObject({
      stateDir: `${H}/.openclaw-dev`, configPath: '/x.json', configPathSource: 'OPENCLAW_CONFIG_PATH', unitName: 'openclaw-gateway-dev.service',
    })
  })

  it('clawdbot: a profile that asks about no file (the default), exactly as before', async () => {
    const asked: string[] = []
    const p = resolvePaths({env: {}, home: H, cwd: H}, {}, CLAWDBOT, (f) => {
      asked.push(f)
      return true
    })
    expect(asked).toEqual([])
    expect(p).toEqual(resolvePaths({env: {}, home: H, cwd: H}))
  })
})
