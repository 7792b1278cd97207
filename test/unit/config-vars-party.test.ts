// Issue 11: `${VAR}` is resolved separately for each party. The gateway resolves it from its
// service environment (unit Environment=, drop-ins, EnvironmentFile=, the running process),
// a CLI from the shell.
import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {configVarUnset} from '../../src/checks/config-var-unset.js'
import {diagnose} from '../../src/model/views.js'
import {configDiscardedFor, varErrorsFor} from '../../src/model/config-vars.js'
import {resolveParties} from '../../src/model/parties.js'
import {readConfig} from '../../src/sources/config/read.js'
import {readUnit} from '../../src/sources/unit/read.js'
import {resolvePaths} from '../../src/sources/paths.js'
import type {ReadFs} from '../../src/sources/context.js'
import {makeFacts} from '../helpers/facts.js'

const H = '/home/u'
const CFG = `${H}/.clawdbot/clawdbot.json`
const UNIT = `${H}/.config/systemd/user/clawdbot-gateway.service`
const TOKEN = 'fake0000aaaa'.repeat(4)
const config = JSON.stringify({
  gateway: {mode: 'local', auth: {token: TOKEN}},
  channels: {dingtalk: {enabled: true, clientId: 'ding-app', clientSecret: '${DINGTALK_CLIENT_SECRET}'}},
})
const unit = (env: string) => `[Service]\nExecStart=/usr/bin/node /opt/clawdbot/dist/entry.js gateway --port 18789\n${env}\n`

async function facts(files: Record<string, string>, shell: Record<string, string> = {}) {
  const env = {HOME: H, ...shell}
  // The DingTalk plugin is installed, so its channel id is valid.
  const plugin = {[`${H}/.clawdbot/extensions/dingtalk/clawdbot.plugin.json`]: JSON.stringify({id: 'dingtalk', channels: ['dingtalk'], configSchema: {}})}
  const fs = Volume.fromJSON({...plugin, ...files}).promises as unknown as ReadFs
  const paths = resolvePaths({env, home: H, cwd: H})
  const [cfg, u] = await Promise.all([readConfig({fs, env}, paths), readUnit({fs, env, uid: 1000}, paths)])
  return makeFacts((f) => {
    f.paths = paths
    f.config = cfg
    f.unit = u
  })
}

describe('${VAR} per party (the DingTalk case)', () => {
  it('set only in the unit: not unset for the gateway, and the config is not called discarded', async () => {
    const f = await facts({[CFG]: config, [UNIT]: unit('Environment=DINGTALK_CLIENT_SECRET=ding-secret-value')})
    // The CLI's view keeps its meaning: this shell has no DINGTALK_CLIENT_SECRET.
    expect(f.config.varErrors.map((e) => e.variable)).toEqual(['DINGTALK_CLIENT_SECRET'])
    expect(varErrorsFor(f, 'cli').map((e) => e.variable)).toEqual(['DINGTALK_CLIENT_SECRET'])
    expect(varErrorsFor(f, 'gateway')).toEqual([])
    expect(f.config.schemaErrors.map((e) => e.message)).toEqual([])
    expect(configDiscardedFor(f, 'gateway')).toBe(false)
    const found = configVarUnset.run(diagnose(f))
    expect(found.filter((x) => x.severity === 'error')).toEqual([])
    expect(found.map((x) => x.message).join('\n')).not.toMatch(/gateway service's environment|discards the whole config/)
    // The gateway uses the config's token, not `{}`.
    expect(resolveParties(f).server.copy?.id).toBe('config.auth.token')
    expect(resolveParties(f).server.reason).not.toMatch(/discarded/)
  })

  it('set in an EnvironmentFile= of the unit: resolved for the gateway too', async () => {
    const f = await facts({[CFG]: config, [UNIT]: unit(`EnvironmentFile=%h/.config/ding.env`), [`${H}/.config/ding.env`]: 'DINGTALK_CLIENT_SECRET=x\n'})
    expect(varErrorsFor(f, 'gateway')).toEqual([])
  })

  it('set nowhere: an error for the gateway, which discards the config', async () => {
    const f = await facts({[CFG]: config, [UNIT]: unit('Environment=OTHER=1')})
    expect(varErrorsFor(f, 'gateway').map((e) => [e.variable, e.reason])).toEqual([['DINGTALK_CLIENT_SECRET', 'unset']])
    expect(configDiscardedFor(f, 'gateway')).toBe(true)
    expect(configVarUnset.run(diagnose(f)).map((x) => x.severity)).toEqual(['error'])
  })

  it('empty in the unit, set in the shell: an error for the gateway only', async () => {
    const f = await facts({[CFG]: config, [UNIT]: unit('Environment=DINGTALK_CLIENT_SECRET=')}, {DINGTALK_CLIENT_SECRET: 'x'})
    expect(varErrorsFor(f, 'cli')).toEqual([])
    expect(varErrorsFor(f, 'gateway').map((e) => e.reason)).toEqual(['empty'])
  })

  it('the running process wins over the unit when its environment is readable', async () => {
    const f = await facts({[CFG]: config, [UNIT]: unit('Environment=DINGTALK_CLIENT_SECRET=x')})
    f.service.processEnvStatus = 'ok'
    f.service.processEnvNames = {nonEmpty: ['HOME'], empty: []}
    expect(varErrorsFor(f, 'gateway').map((e) => e.variable)).toEqual(['DINGTALK_CLIENT_SECRET'])
  })
})
