import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {Exec, ExecResult} from '../../src/sources/exec.js'
import {parseShow, parseShowEnvironment, splitShowEnvironment} from '../../src/formats/systemctl-show.js'
import {busStatus, createSystemctl} from '../../src/sources/systemctl.js'

const ok = (stdout = '', code = 0): ExecResult => ({ok: code === 0, code, stdout, stderr: '', timedOut: false})

describe('parseShow', () => {
  it('splits on the first = only and ignores junk lines', () => {
    expect(parseShow('A=1\nB=x=y\n\nnoequals\nC=\n')).toEqual({A: '1', B: 'x=y', C: ''})
  })
})

describe('splitShowEnvironment (systemd 252 output, captured from a real manager)', () => {
  it('decodes quoting, C escapes, octal and UTF-8 exactly', () => {
    const raw = String.raw`"A=tab\there" "N=new\nline" U=café "Q=it's (x)" "D=del\177" E= "S=a;b" "G=a*b"`
    expect(splitShowEnvironment(raw)).toEqual(['A=tab\there', 'N=new\nline', 'U=café', "Q=it's (x)", 'D=del\x7f', 'E=', 'S=a;b', 'G=a*b'])
  })
  it('decodes backslash-escaped shell characters', () => {
    const raw = String.raw`"CLAWDBOT_GATEWAY_TOKEN=fake token \"q\"" "B=x\\y" "C=\$\$HOME" "T=\`t\`"`
    const env = parseShowEnvironment(raw)
    expect(env.get('CLAWDBOT_GATEWAY_TOKEN')).toBe('fake token "q"')
    expect(env.get('B')).toBe('x\\y')
    expect(env.get('C')).toBe('$$HOME')
    expect(env.get('T')).toBe('`t`')
  })
  it('rebuilds multi-byte characters from octal bytes, and hex/unicode escapes', () => {
    expect(splitShowEnvironment(String.raw`"X=\303\251" "Y=\x41\u00e9"`)).toEqual(['X=é', 'Y=Aé'])
  })
  it('lets the last assignment win and handles empty input', () => {
    expect(parseShowEnvironment('K=1 K=2').get('K')).toBe('2')
    expect(parseShowEnvironment('').size).toBe(0)
  })
})

describe('busStatus', () => {
  const vol = Volume.fromJSON({'/run/empty/.keep': ''})
  it('reports no XDG_RUNTIME_DIR with the SSH hint', async () => {
    const s = await busStatus({}, vol.promises as never)
    expect(s.ok).toBe(false)
    expect(s.reason).toMatch(/XDG_RUNTIME_DIR is not set/)
    expect(s.hint).toMatch(/loginctl enable-linger/)
    expect(s.hint).toMatch(/export XDG_RUNTIME_DIR=\/run\/user\/\$\(id -u\)/)
  })
  it('reports an empty runtime dir (no socket)', async () => {
    const s = await busStatus({XDG_RUNTIME_DIR: '/run/empty'}, vol.promises as never)
    expect(s).toMatchObject({ok: false})
    expect(s.reason).toMatch(/\/run\/empty/)
  })
  it('accepts DBUS_SESSION_BUS_ADDRESS', async () => {
    expect(await busStatus({DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x'}, vol.promises as never)).toMatchObject({ok: true, via: 'DBUS_SESSION_BUS_ADDRESS'})
  })
})

describe('createSystemctl', () => {
  function fake(answers: Record<string, ExecResult>) {
    const calls: {file: string; args: readonly string[]; env?: Record<string, string | undefined>}[] = []
    const exec: Exec = async (file, args, opts) => {
      calls.push({file, args, env: opts?.env})
      return answers[args.join(' ')] ?? ok('', 1)
    }
    return {exec, calls}
  }
  it('runs systemctl --user with argv, the context env, and parses show', async () => {
    const f = fake({'--user show --property=LoadState,MainPID -- gw.service': ok('LoadState=loaded\nMainPID=42\n')})
    const sc = createSystemctl({env: {HOME: '/h', XDG_RUNTIME_DIR: '/r'}, exec: f.exec})
    const r = await sc.show('gw.service', ['LoadState', 'MainPID'])
    expect(r).toMatchObject({ok: true, props: {LoadState: 'loaded', MainPID: '42'}})
    expect(f.calls[0]).toMatchObject({file: 'systemctl', env: {HOME: '/h', XDG_RUNTIME_DIR: '/r'}})
  })
  it('never throws: a failing show is ok=false with no props', async () => {
    const sc = createSystemctl({env: {}, exec: fake({}).exec})
    expect(await sc.show('x.service', ['A'])).toMatchObject({ok: false, props: {}})
  })
  it('isActive decides by exit code, not text', async () => {
    const f = fake({'--user is-active -- a.service': ok('active\n'), '--user is-active -- b.service': ok('active\n', 3)})
    const sc = createSystemctl({env: {}, exec: f.exec})
    expect((await sc.isActive('a.service')).active).toBe(true)
    expect((await sc.isActive('b.service')).active).toBe(false)
  })
  it('daemon-reload, restart, start, stop use the right verbs', async () => {
    const f = fake({})
    const sc = createSystemctl({env: {}, exec: f.exec})
    await sc.daemonReload()
    await sc.restart('u.service')
    await sc.start('u.service')
    await sc.stop('u.service')
    expect(f.calls.map((c) => c.args.join(' '))).toEqual([
      '--user daemon-reload',
      '--user restart -- u.service',
      '--user start -- u.service',
      '--user stop -- u.service',
    ])
  })
})
