import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {expandSpecifiers, specifierValue, SPECIFIER_LETTERS, type SpecifierContext} from '../../src/formats/unit/specifiers.js'
import {splitEnvironmentValue} from '../../src/formats/unit/values.js'
import {unitConfigPath} from '../../src/checks/unit-config-path.js'
import {readUnit} from '../../src/sources/unit/read.js'
import {resolvePaths} from '../../src/sources/paths.js'
import type {ReadFs} from '../../src/sources/context.js'
import {makeFacts} from '../helpers/facts.js'
import {diagnose} from '../../src/model/views.js'

const H = '/home/u'
const ctx = (over: Partial<SpecifierContext> = {}): SpecifierContext => ({
  unitName: 'clawdbot-gateway.service',
  home: H,
  uid: 1000,
  user: 'u',
  env: {XDG_RUNTIME_DIR: '/run/user/1000'},
  fragmentPath: `${H}/.config/systemd/user/clawdbot-gateway.service`,
  ...over,
})

describe('systemd specifiers for a user unit (systemd.unit(5))', () => {
  it.each([
    ['%%', '%'],
    ['%h', H],
    ['%u', 'u'],
    ['%U', '1000'],
    ['%t', '/run/user/1000'],
    ['%n', 'clawdbot-gateway.service'],
    ['%N', 'clawdbot-gateway'],
    ['%p', 'clawdbot-gateway'],
    ['%P', 'clawdbot/gateway'],
    ['%i', ''],
    ['%j', 'gateway'],
    ['%J', 'gateway'],
    ['%f', '/clawdbot/gateway'],
    ['%E', `${H}/.config`],
    ['%C', `${H}/.cache`],
    ['%S', `${H}/.local/state`],
    ['%L', `${H}/.local/state/log`],
    ['%T', '/tmp'],
    ['%V', '/var/tmp'],
    ['%y', `${H}/.config/systemd/user/clawdbot-gateway.service`],
    ['%Y', `${H}/.config/systemd/user`],
    ['%h/etc/gw.json5', `${H}/etc/gw.json5`],
    ['100%', '100%'],
    ['%%h', '%h'],
  ])('%s -> %s', (word, want) => {
    expect(expandSpecifiers(word, ctx())).toEqual({ok: true, text: want, unresolved: []})
  })

  it('template units: instance and prefix, escaped and not', () => {
    const c = ctx({unitName: 'gw-a@my\\x2dhome-x.service'})
    expect(['%i', '%I', '%p', '%P', '%f', '%j'].map((w) => specifierValue(w[1], c))).toEqual(['my\\x2dhome-x', 'my-home/x', 'gw-a', 'gw/a', '/my-home/x', 'a'])
  })

  it('the XDG dirs follow the env when absolute', () => {
    const c = ctx({env: {XDG_CONFIG_HOME: '/cfg', XDG_STATE_HOME: 'relative', XDG_CACHE_HOME: '/c'}})
    expect(['E', 'S', 'C'].map((l) => specifierValue(l, c))).toEqual(['/cfg', `${H}/.local/state`, '/c'])
  })

  it('what clawdoc cannot know stays as written and is reported', () => {
    for (const l of 'aAbBdgGHlmMoqsvwW') expect(expandSpecifiers(`x%${l}`, ctx())).toEqual({ok: true, text: `x%${l}`, unresolved: [l]})
    expect(expandSpecifiers('%t', ctx({env: {}}))).toEqual({ok: true, text: '%t', unresolved: ['t']})
    expect(expandSpecifiers('%u', ctx({user: undefined}))).toEqual({ok: true, text: '%u', unresolved: ['u']})
    // No context (the editors' read-back): nothing is expanded but %%.
    expect(expandSpecifiers('%h%%', undefined)).toEqual({ok: true, text: '%h%', unresolved: ['h']})
  })

  it('a letter systemd does not know makes the word invalid', () => {
    for (const l of 'cDeFkKrRxXzZ0!') if (!SPECIFIER_LETTERS.includes(l)) expect(expandSpecifiers(`a%${l}`, ctx())).toEqual({ok: false, invalid: l})
  })

  it('Environment= words are expanded after unquoting, %% is never re-expanded', () => {
    expect(splitEnvironmentValue('"A=%h/x y" B=%%h C=%H', ctx()).assignments.map((a) => [a.name, a.value, a.specifiers])).toEqual([
      ['A', `${H}/x y`, undefined],
      ['B', '%h', undefined],
      ['C', '%H', ['H']],
    ])
  })
})

describe('unit.config-path compares the expanded path (issue 11)', () => {
  const UNIT = `${H}/.config/systemd/user/clawdbot-gateway.service`
  async function check(line: string) {
    const env = {HOME: H}
    const fs = Volume.fromJSON({[UNIT]: `[Service]\nExecStart=/usr/bin/node gw\n${line}\n`}).promises as unknown as ReadFs
    const unit = await readUnit({fs, env, uid: 1000}, resolvePaths({env, home: H, cwd: '/'}))
    const facts = makeFacts((f) => {
      f.paths.home = H
      f.paths.configPath = `${H}/.clawdbot/clawdbot.json`
      f.unit = unit
    })
    return unitConfigPath.run(diagnose(facts))
  }

  it('Environment=CLAWDBOT_CONFIG_PATH=%h/etc/gw.json5: the service reads another file', async () => {
    const found = await check('Environment=CLAWDBOT_CONFIG_PATH=%h/etc/gw.json5')
    expect(found.map((f) => f.severity)).toEqual(['error'])
    expect(found[0].message).toContain(`The gateway service reads ${H}/etc/gw.json5 (CLAWDBOT_CONFIG_PATH in the unit)`)
  })

  it('%h/.clawdbot/clawdbot.json is the same file: no finding', async () => {
    expect(await check('Environment=CLAWDBOT_CONFIG_PATH=%h/.clawdbot/clawdbot.json')).toEqual([])
  })
})
