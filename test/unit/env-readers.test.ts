import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {readAlternates, readDevices} from '../../src/sources/devices.js'
import {parseDotenv} from '../../src/formats/dotenv/parse.js'
import {readEnv} from '../../src/sources/env.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {TOK_A, TOK_B, TOK_C, copy, makeFacts} from '../helpers/facts.js'
import {allCopies} from '../../src/model/copies.js'
import {readUnit} from '../../src/sources/unit/read.js'
import {CLAWDBOT, OPENCLAW_CURRENT, OPENCLAW_EARLY} from '../../src/model/profiles/index.js'
import {secretNames} from '../../src/model/profiles/names.js'

function memfs(files: Record<string, string>): ReadFs {
  return Volume.fromJSON(files).promises as unknown as ReadFs
}

describe('parseDotenv (dotenv 16 grammar, as the product loads it)', () => {
  it('reads plain, quoted, exported and commented lines with positions', () => {
    const entries = parseDotenv([
      '# comment',
      'A=1',
      'export B = two # trailing',
      "C='three # kept'",
      'D="x\\ny"',
      '  E=   padded   ',
      'bad line',
      'A=last',
    ].join('\r\n'))
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]))
    expect(byName.B.value).toBe('two')
    expect(byName.C.value).toBe('three # kept')
    expect(byName.D.value).toBe('x\ny')
    expect(byName.E.value).toBe('padded')
    expect(entries.filter((e) => e.name === 'A').map((e) => [e.value, e.line])).toEqual([['1', 2], ['last', 8]])
    expect(byName.E.column).toBe(3)
  })
})

describe('readEnv', () => {
  const paths = resolvePaths({env: {}, home: '/h', cwd: '/w'})
  it('finds the shell, ./.env and <stateDir>/.env tokens with their places', async () => {
    const fs = memfs({
      '/w/.env': `CLAWDBOT_GATEWAY_TOKEN=${TOK_B}\n`,
      '/h/.clawdbot/.env': `X=1\nCLAWDBOT_GATEWAY_TOKEN=${TOK_A}\nCLAWDBOT_GATEWAY_TOKEN=${TOK_C}\n`,
    })
    const env = await readEnv({env: {CLAWDBOT_GATEWAY_TOKEN: TOK_A, OPENCLAW_GATEWAY_TOKEN: 'x', CLAWDBOT_GATEWAY_PASSWORD: 'pw'}, fs}, paths)
    expect(env.shell.map((c) => c.id)).toEqual(['shell.env', 'shell.env.password'])
    expect(env.cwdDotenv.copies[0].value.reveal()).toBe(TOK_B)
    const st = env.stateDirDotenv.copies[0]
    expect(st.value.reveal()).toBe(TOK_C)
    expect(st.place).toMatchObject({file: '/h/.clawdbot/.env', line: 3, column: 1})
    expect(st.shadowed).toHaveLength(1)
    expect(env.newerNames).toEqual(['OPENCLAW_GATEWAY_TOKEN'])
  })
  it('treats missing files as missing and unreadable ones as unreadable, without throwing', async () => {
    const fs = memfs({}) as ReadFs
    const failing: ReadFs = {...fs, readFile: (async (p: string) => {
      if (String(p).endsWith('/h/.clawdbot/.env')) throw Object.assign(new Error('no'), {code: 'EACCES'})
      return fs.readFile(p as never)
    }) as ReadFs['readFile']}
    const env = await readEnv({env: {}, fs: failing}, paths)
    expect(env.cwdDotenv.status).toBe('missing')
    expect(env.stateDirDotenv.status).toBe('unreadable')
    expect(env.stateDirDotenv.error!.message).toMatch(/EACCES/)
  })
  it('counts a .env in the state dir once when clawdoc runs from there', async () => {
    const fs = memfs({'/h/.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN=${TOK_A}\n`})
    const env = await readEnv({env: {}, fs}, resolvePaths({env: {}, home: '/h', cwd: '/h/.clawdbot'}))
    expect(env.cwdDotenv.copies).toHaveLength(0)
    expect(env.stateDirDotenv.copies).toHaveLength(1)
  })
})

describe('readDevices / readAlternates', () => {
  const paths = resolvePaths({env: {}, home: '/h', cwd: '/h'})
  it('counts stored device tokens without exposing them', async () => {
    const fs = memfs({'/h/.clawdbot/identity/device-auth.json': JSON.stringify({devices: {a: {token: 'x'.repeat(32)}, b: {token: 'y'.repeat(32)}}})})
    expect(await readDevices(fs, paths)).toEqual({path: '/h/.clawdbot/identity/device-auth.json', present: true, tokenCount: 2})
    expect((await readDevices(memfs({}), paths)).present).toBe(false)
  })
  it('notices newer openclaw configs', async () => {
    const vol = Volume.fromJSON({'/h/.clawdbot/clawdbot.json': '{}', '/h/.openclaw/openclaw.json': '{}'})
    const old = new Date(Date.now() - 3600_000)
    vol.utimesSync('/h/.clawdbot/clawdbot.json', old, old)
    const alts = await readAlternates(vol.promises as unknown as ReadFs, paths)
    expect(alts).toEqual([{path: '/h/.openclaw/openclaw.json', product: 'openclaw', newer: true}])
  })
})

describe('resolvePaths', () => {
  it('follows the product: env vars, --profile, CLAWDBOT_PROFILE only renames the unit', () => {
    expect(resolvePaths({env: {}, home: '/h', cwd: '/'})).toMatchObject({
      configPath: '/h/.clawdbot/clawdbot.json',
      unitName: 'clawdbot-gateway.service',
      configPathSource: 'default',
    })
    expect(resolvePaths({env: {}, home: '/h', cwd: '/'}, {profile: 'work'})).toMatchObject({
      stateDir: '/h/.clawdbot-work',
      configPath: '/h/.clawdbot-work/clawdbot.json',
      unitName: 'clawdbot-gateway-work.service',
    })
    expect(resolvePaths({env: {CLAWDBOT_PROFILE: 'work'}, home: '/h', cwd: '/'})).toMatchObject({
      configPath: '/h/.clawdbot/clawdbot.json',
      unitName: 'clawdbot-gateway-work.service',
    })
    expect(resolvePaths(
      {env: {CLAWDBOT_STATE_DIR: '~/state '}, home: '/h', cwd: '/'},
      {profile: 'work'},
    )).toMatchObject({stateDir: '/h/state', configPath: '/h/state/clawdbot.json'})
    expect(resolvePaths({env: {CLAWDBOT_CONFIG_PATH: '/etc/c.json', CLAWDBOT_SYSTEMD_UNIT: 'gw'}, home: '/h', cwd: '/'})).toMatchObject({
      configPath: '/etc/c.json',
      unitName: 'gw.service',
    })
    expect(resolvePaths({env: {}, home: '/h', cwd: '/'}, {dev: true}).stateDir).toBe('/h/.clawdbot-dev')
    expect(resolvePaths({env: {XDG_CONFIG_HOME: '/x'}, home: '/h', cwd: '/'}).unitSearchDirs.slice(0, 2)).toEqual([
      '/x/systemd/user',
      '/h/.config/systemd/user',
    ])
  })
  it('rejects bad profiles with a usage error', () => {
    expect(() => resolvePaths({env: {}, home: '/h', cwd: '/'}, {profile: '../etc'})).toThrow(/Invalid profile/)
    expect(() => resolvePaths({env: {}, home: '/h', cwd: '/'}, {profile: 'a', dev: true})).toThrow(/either --dev or --profile/)
  })
})

describe('readers under a release profile\'s names (issue 12)', () => {
  const paths = resolvePaths({env: {}, home: '/h', cwd: '/w'}, {}, OPENCLAW_EARLY)
  const shellEnv = {OPENCLAW_GATEWAY_TOKEN: TOK_A, CLAWDBOT_GATEWAY_TOKEN: TOK_B, MOLTBOT_GATEWAY_TOKEN: TOK_C, CLAWDBOT_GATEWAY_PASSWORD: 'pw'}

  it('openclaw early: the primary name plain, every legacy-prefix name with legacyName {prefix, read}', async () => {
    const fs = memfs({
      '/h/.openclaw/.env': `CLAWDBOT_GATEWAY_TOKEN=${TOK_C}\nOPENCLAW_GATEWAY_TOKEN=${TOK_A}\n`,
      '/w/.env': `OPENCLAW_GATEWAY_TOKEN=${TOK_B}\n`,
    })
    const env = await readEnv({env: shellEnv, fs}, paths, OPENCLAW_EARLY.names)
    expect(env.shell.map((c) => [c.place.variable, c.id, c.legacyName])).toEqual([
      ['OPENCLAW_GATEWAY_TOKEN', 'shell.env', undefined],
      ['CLAWDBOT_GATEWAY_TOKEN', 'shell.env', {prefix: 'CLAWDBOT_', read: true}],
      ['CLAWDBOT_GATEWAY_PASSWORD', 'shell.env.password', {prefix: 'CLAWDBOT_', read: true}],
      ['MOLTBOT_GATEWAY_TOKEN', 'shell.env', {prefix: 'MOLTBOT_', read: false}],
    ])
    expect(env.shell.find((c) => !c.legacyName)).not.toHaveProperty('legacyName')
    expect(env.stateDirDotenv.copies.map((c) => [c.place.variable, c.legacyName?.read]))
      .toEqual([['CLAWDBOT_GATEWAY_TOKEN', true], ['OPENCLAW_GATEWAY_TOKEN', undefined]])
    // 2026.3.2's CLI reads ./.env; these names are its own, so none is "newer".
    expect(env.cwdDotenv.copies).toHaveLength(1)
    expect(env.newerNames).toEqual([])
  })

  it('openclaw current: CLAWDBOT_ is read but marked ignored, ./.env is not read (the 2026.9.6 CLI does not)', async () => {
    const fs = memfs({'/w/.env': `OPENCLAW_GATEWAY_TOKEN=${TOK_B}\n`})
    const env = await readEnv({env: shellEnv, fs}, resolvePaths({env: {}, home: '/h', cwd: '/w'}, {}, OPENCLAW_CURRENT), OPENCLAW_CURRENT.names)
    expect(env.shell.filter((c) => c.legacyName).map((c) => c.legacyName)).toEqual([
      {prefix: 'CLAWDBOT_', read: false}, {prefix: 'CLAWDBOT_', read: false}, {prefix: 'MOLTBOT_', read: false},
    ])
    expect(env.cwdDotenv).toMatchObject({path: '/w/.env', status: 'missing', copies: []})
  })

  it('the unit: the release\'s token, its legacy names apart, the port and location variables by name', async () => {
    const unit = [
      '[Service]', 'ExecStart=/usr/bin/node /opt/openclaw/dist/index.js gateway',
      `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_B}`, `Environment=OPENCLAW_GATEWAY_TOKEN=${TOK_A}`, 'Environment=OPENCLAW_GATEWAY_PORT=18800',
      'Environment=CLAWDBOT_GATEWAY_PORT=18900', 'Environment=OPENCLAW_STATE_DIR=/srv/oc', 'Environment=CLAWDBOT_STATE_DIR=/srv/cb', '',
    ].join('\n')
    const fs = memfs({'/h/.config/systemd/user/openclaw-gateway.service': unit})
    const u = await readUnit({fs, env: {}, uid: 1000}, paths, OPENCLAW_EARLY.names)
    expect(u.token?.value.reveal()).toBe(TOK_A)
    expect(u.token).not.toHaveProperty('legacyName')
    expect(u.legacyCopies?.map((c) => [c.place.variable, c.legacyName])).toEqual([['CLAWDBOT_GATEWAY_TOKEN', {prefix: 'CLAWDBOT_', read: true}]])
    expect(u.port).toBe(18800)
    expect(u.locations?.map((l) => [l.variable, l.role])).toEqual([['OPENCLAW_STATE_DIR', 'stateDir']])
    // Under clawdbot's names the same unit holds CLAWDBOT_GATEWAY_TOKEN as the token, and no legacy copy.
    const c = await readUnit({fs, env: {}, uid: 1000}, {...paths, unitName: 'openclaw-gateway.service'})
    expect(c.token?.value.reveal()).toBe(TOK_B)
    expect(c.legacyCopies).toBeUndefined()
    expect(c.port).toBe(18900)
  })

  it('legacy-name copies of the unit and the process are in allCopies (the journal mask and the probe see them)', () => {
    const legacy = copy('unit.env', TOK_B, {legacyName: {prefix: 'CLAWDBOT_', read: false}})
    const proc = copy('service.process-env', TOK_C, {legacyName: {prefix: 'CLAWDBOT_', read: false}})
    const f = makeFacts((f) => {
      f.unit.legacyCopies = [legacy]
      f.service.processLegacyCopies = [proc]
    })
    expect(allCopies(f)).toEqual(expect.arrayContaining([legacy, proc]))
  })

  it('secretNames: primary first, then each legacy prefix in the profile\'s order; clawdbot has no legacy name', () => {
    expect(secretNames(OPENCLAW_CURRENT.names).map((n) => n.variable)).toEqual([
      'OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD', 'CLAWDBOT_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_PASSWORD',
      'MOLTBOT_GATEWAY_TOKEN', 'MOLTBOT_GATEWAY_PASSWORD',
    ])
    expect(secretNames(CLAWDBOT.names).map((n) => n.variable)).toEqual(['CLAWDBOT_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_PASSWORD'])
  })
})
