import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {Secret} from '../../src/model/secret.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {NOT_REGULAR} from '../../src/sources/regular-file.js'
import {readUnit} from '../../src/sources/unit/read.js'
import type {Problem} from '../../src/model/place.js'

const H = '/home/u'
const DIR = `${H}/.config/systemd/user`
const UNIT = `${DIR}/clawdbot-gateway.service`
const FAKE_A = 'fake0000aaaa'.repeat(4)
const FAKE_B = 'fake1111bbbb'.repeat(4)
const FAKE_C = 'fake2222cccc'.repeat(4)

const memfs = (files: Record<string, string>): ReadFs => Volume.fromJSON(files).promises as unknown as ReadFs
const read = (files: Record<string, string>, env: Record<string, string> = {}) =>
  readUnit({fs: memfs(files), env, uid: 1000}, resolvePaths({env, home: H, cwd: '/'}))
const is = (s: Secret | undefined, v: string) => s !== undefined && s.equals(new Secret(v))
const msgs = (w: Problem[]) => w.map((p) => p.message).join('\n')

/** A unit as clawdbot 2026.1.24 renders it (both quoting forms of its writer). */
const productUnit = (token: string, extra = '') => `[Unit]
Description=Clawdbot Gateway (profile: default, v2026.1.24-3)
After=network-online.target

[Service]
ExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port 18789
Restart=always
Environment="HOME=${H}"
Environment="PATH=/usr/local/bin:/usr/bin:/bin"
Environment=CLAWDBOT_GATEWAY_PORT=18789
Environment=CLAWDBOT_GATEWAY_TOKEN=${token}
Environment="CLAWDBOT_SERVICE_MARKER=clawdbot"
${extra}
[Install]
WantedBy=default.target
`

describe('readUnit: finding the unit', () => {
  it('reports a missing unit at the path the product would write', async () => {
    const f = await read({'/other': 'x'})
    expect(f).toMatchObject({status: 'missing', path: UNIT, name: 'clawdbot-gateway.service', dropIns: [], envFiles: []})
    expect(f.token).toBeUndefined()
  })

  it('reports EACCES as unreadable with a problem, without throwing', async () => {
    const fs = {
      stat: async () => ({isFile: () => true}),
      readFile: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), {code: 'EACCES'})
      },
      readdir: async () => [],
    } as unknown as ReadFs
    const f = await readUnit({fs, env: {}}, resolvePaths({env: {}, home: H, cwd: '/'}))
    expect(f.status).toBe('unreadable')
    expect(f.path).toBe(UNIT)
    expect(f.error?.message).toMatch(/EACCES/)
    expect(f.error?.place.file).toBe(UNIT)
  })

  it('reads the product unit: token place, port and ExecStart', async () => {
    const f = await read({[UNIT]: productUnit(FAKE_A)})
    expect(f.status).toBe('ok')
    expect(f.warnings).toEqual([])
    expect(is(f.token?.value, FAKE_A)).toBe(true)
    expect(f.token).toMatchObject({id: 'unit.env', secret: 'token', origin: {type: 'literal'}})
    expect(f.token?.place).toEqual({kind: 'unit', file: UNIT, line: 11, column: 13, variable: 'CLAWDBOT_GATEWAY_TOKEN', unit: 'clawdbot-gateway.service'})
    expect(f.token?.shadowed).toBeUndefined()
    expect(f.port).toBe(18789)
    expect(f.execStart?.args).toEqual(['/usr/bin/node', '/opt/clawdbot/dist/entry.js', 'gateway', '--port', '18789'])
    expect(f.execStart?.place.line).toBe(6)
    expect(f.execToken).toBeUndefined()
    expect(f.password).toBeUndefined()
  })

  it('reports a FIFO or device as unreadable (reading it would block), but not /dev/null', async () => {
    const fs = {
      stat: async () => ({isFile: () => false, isCharacterDevice: () => false}),
      realpath: async (p: string) => p,
      readFile: async () => {
        throw new Error('must not read a FIFO')
      },
      readdir: async () => [],
    } as unknown as ReadFs
    const f = await readUnit({fs, env: {}}, resolvePaths({env: {}, home: H, cwd: '/'}))
    expect(f.status).toBe('unreadable')
    expect(f.error?.message).toContain(NOT_REGULAR)
  })

  it('warns when the unit is masked (a link to /dev/null)', async () => {
    const vol = Volume.fromJSON({'/dev/null': ''})
    vol.mkdirSync(DIR, {recursive: true})
    vol.symlinkSync('/dev/null', UNIT)
    const f = await readUnit({fs: vol.promises as unknown as ReadFs, env: {}}, resolvePaths({env: {}, home: H, cwd: '/'}))
    expect(f.status).toBe('ok')
    expect(msgs(f.warnings)).toMatch(/masked/)
    const g = await read({[UNIT]: ''})
    expect(g.warnings).toEqual([])
  })

  it('first search dir wins: XDG_CONFIG_HOME beats ~/.config', async () => {
    const env = {XDG_CONFIG_HOME: '/x'}
    const f = await read({[UNIT]: productUnit(FAKE_A), '/x/systemd/user/clawdbot-gateway.service': productUnit(FAKE_B)}, env)
    expect(f.path).toBe('/x/systemd/user/clawdbot-gateway.service')
    expect(is(f.token?.value, FAKE_B)).toBe(true)
    expect(f.warnings).toEqual([])
  })

  it('warns when XDG_CONFIG_HOME moves the user unit dir away from where the product wrote the unit', async () => {
    const f = await read({[UNIT]: productUnit(FAKE_A)}, {XDG_CONFIG_HOME: '/x'})
    expect(f.path).toBe(UNIT)
    expect(msgs(f.warnings)).toMatch(/XDG_CONFIG_HOME is \/x/)
    const same = await read({[UNIT]: productUnit(FAKE_A)}, {XDG_CONFIG_HOME: `${H}/.config`})
    expect(same.warnings).toEqual([])
  })
})

describe('readUnit: effective environment', () => {
  it('drop-ins override the unit, in file-name order; a higher dir masks the same name', async () => {
    const f = await read({
      [UNIT]: productUnit(FAKE_A),
      [`${DIR}/clawdbot-gateway.service.d/20-b.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_B}\n`,
      [`${DIR}/clawdbot-gateway.service.d/10-c.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_C}\n`,
      // same name in a lower-priority dir: masked by ~/.config's 20-b.conf
      [`/etc/systemd/user/clawdbot-gateway.service.d/20-b.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=masked\n`,
      [`/etc/systemd/user/clawdbot-gateway.service.d/30-p.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_PASSWORD=pw-fake\n`,
      [`${DIR}/clawdbot-gateway.service.d/README`]: 'not a conf',
    })
    expect(f.dropIns).toEqual([
      `${DIR}/clawdbot-gateway.service.d/10-c.conf`,
      `${DIR}/clawdbot-gateway.service.d/20-b.conf`,
      `/etc/systemd/user/clawdbot-gateway.service.d/30-p.conf`,
    ])
    expect(is(f.token?.value, FAKE_B)).toBe(true)
    expect(f.token?.place).toMatchObject({file: `${DIR}/clawdbot-gateway.service.d/20-b.conf`, line: 2, column: 13})
    expect(f.token?.shadowed?.map((p) => [p.file, p.line])).toEqual([
      [UNIT, 11],
      [`${DIR}/clawdbot-gateway.service.d/10-c.conf`, 2],
    ])
    expect(f.password).toMatchObject({id: 'unit.env.password', secret: 'password'})
  })

  it('applies prefix (clawdbot-.service.d) and type-wide (service.d) drop-ins', async () => {
    const f = await read({
      [UNIT]: productUnit(FAKE_A),
      [`${DIR}/clawdbot-.service.d/a.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_B}\n`,
      [`${DIR}/service.d/b.conf`]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_C}\n`,
    })
    expect(f.dropIns).toEqual([`${DIR}/clawdbot-.service.d/a.conf`, `${DIR}/service.d/b.conf`])
    expect(is(f.token?.value, FAKE_C)).toBe(true)
  })

  it('EnvironmentFile= overrides Environment= wherever it appears; later files win', async () => {
    const f = await read({
      [UNIT]: productUnit(FAKE_A, `EnvironmentFile=%h/.clawdbot/gw.env\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_C}\nEnvironmentFile=-/etc/gw-missing.env`),
      [`${H}/.clawdbot/gw.env`]: `# token\nexport OTHER=1\nCLAWDBOT_GATEWAY_TOKEN="${FAKE_B}"\n`,
    })
    expect(is(f.token?.value, FAKE_B)).toBe(true)
    expect(f.token?.origin).toEqual({type: 'env-file'})
    expect(f.token?.place).toEqual({kind: 'env-file', file: `${H}/.clawdbot/gw.env`, line: 3, column: 1, variable: 'CLAWDBOT_GATEWAY_TOKEN'})
    expect(f.token?.shadowed?.map((p) => p.line)).toEqual([11, 14])
    expect(f.envFiles.map((e) => [e.path, e.optional, e.status])).toEqual([
      [`${H}/.clawdbot/gw.env`, false, 'ok'],
      ['/etc/gw-missing.env', true, 'missing'],
    ])
    // the optional missing file is fine; `export` is flagged
    expect(msgs(f.warnings)).toMatch(/export/)
    expect(msgs(f.warnings)).not.toMatch(/refuse to start/)
  })

  it('a missing non-optional EnvironmentFile= is a warning; an empty one resets the list', async () => {
    const f = await read({[UNIT]: productUnit(FAKE_A, 'EnvironmentFile=/etc/nope.env')})
    expect(f.envFiles[0].status).toBe('missing')
    expect(msgs(f.warnings)).toMatch(/refuse to start/)
    const g = await read({[UNIT]: productUnit(FAKE_A, 'EnvironmentFile=/etc/nope.env\nEnvironmentFile=')})
    expect(g.envFiles).toEqual([])
    expect(g.warnings).toEqual([])
  })

  it('an unreadable EnvironmentFile= is reported, not thrown', async () => {
    const base = memfs({[UNIT]: productUnit(FAKE_A, 'EnvironmentFile=/etc/secret.env')})
    const fs = {
      readdir: base.readdir,
      realpath: base.realpath,
      stat: async (p: string) => (p === '/etc/secret.env' ? {isFile: () => true} : base.stat(p)),
      readFile: async (p: string, ...rest: unknown[]) => {
        if (p === '/etc/secret.env') throw Object.assign(new Error('denied'), {code: 'EACCES'})
        return (base.readFile as (...a: unknown[]) => Promise<unknown>)(p, ...rest)
      },
    } as unknown as ReadFs
    const f = await readUnit({fs, env: {}}, resolvePaths({env: {}, home: H, cwd: '/'}))
    expect(f.envFiles[0].status).toBe('unreadable')
    expect(is(f.token?.value, FAKE_A)).toBe(true)
  })

  it('an empty Environment= resets everything before it; repeated keys: last wins', async () => {
    const f = await read({[UNIT]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_A} CLAWDBOT_GATEWAY_TOKEN=${FAKE_B}\nExecStart=/x\n`})
    expect(is(f.token?.value, FAKE_B)).toBe(true)
    expect(f.token?.place.column).toBe(13 + 23 + 48 + 1)
    const g = await read({[UNIT]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_A}\nEnvironment=\nEnvironment=OTHER=1\n`})
    expect(g.token).toBeUndefined()
    // A reset is what systemd documents for an empty assignment (the drop-in idiom): not a warning.
    expect(g.warnings).toEqual([])
  })

  it('reads continuation lines, quoted, escaped and CRLF values; keys outside [Service] do not count', async () => {
    const text = `\ufeff[Unit]\r\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=unit-section\r\n[Service]\r\nEnvironment=A=1 \\\r\n# note\r\n` +
      `  "CLAWDBOT_GATEWAY_TOKEN=with \\"quote\\" and\\x20space"\r\n`
    const f = await read({[UNIT]: text})
    expect(is(f.token?.value, 'with "quote" and space')).toBe(true)
    // the word sits on a continuation line: place = the entry's first line (what the editor takes) and its key column
    expect(f.token?.place).toMatchObject({line: 4, column: 1})
    expect(f.warnings).toEqual([])
  })

  it('notes % specifiers (value not exactly known) and resolves %%', async () => {
    const f = await read({[UNIT]: '[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=a%%b\n'})
    expect(is(f.token?.value, 'a%b')).toBe(true)
    const g = await read({[UNIT]: '[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=%H-tok\n'})
    expect(msgs(g.warnings)).toMatch(/specifier %H \(host name\), which clawdoc cannot expand: unknown specifier, the service sees another value/)
  })

  it('expands the specifiers a user manager knows in Environment= and EnvironmentFile= (issue 11)', async () => {
    const f = await read(
      {
        [UNIT]: '[Service]\nEnvironment=CLAWDBOT_CONFIG_PATH=%h/etc/gw.json5 "CLAWDBOT_STATE_DIR=%t/%N-%U"\nEnvironmentFile=%E/clawdbot/%p.env\n',
        [`${H}/.config/clawdbot/clawdbot-gateway.env`]: `CLAWDBOT_GATEWAY_TOKEN=${FAKE_A}\n`,
      },
      {XDG_RUNTIME_DIR: '/run/user/1000'},
    )
    expect(f.locations?.map((l) => [l.variable, l.value])).toEqual([
      ['CLAWDBOT_CONFIG_PATH', `${H}/etc/gw.json5`],
      ['CLAWDBOT_STATE_DIR', '/run/user/1000/clawdbot-gateway-1000'],
    ])
    expect(is(f.token?.value, FAKE_A)).toBe(true)
    expect(f.envFiles.map((e) => e.path)).toEqual([`${H}/.config/clawdbot/clawdbot-gateway.env`])
  })

  it('a continuation at EOF and binary junk give warnings, not exceptions', async () => {
    const f = await read({[UNIT]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${FAKE_A} \\`})
    expect(is(f.token?.value, FAKE_A)).toBe(true)
    expect(msgs(f.warnings)).toMatch(/continuation/)
    const g = await read({[UNIT]: '\x7fELF\x02\x01\0\0\xff\xfe garbage'})
    expect(g.status).toBe('ok')
    expect(g.token).toBeUndefined()
    expect(msgs(g.warnings)).toMatch(/NUL/)
  })

  it('UnsetEnvironment= removes the token', async () => {
    const f = await read({[UNIT]: productUnit(FAKE_A, 'UnsetEnvironment=CLAWDBOT_GATEWAY_TOKEN')})
    expect(f.token).toBeUndefined()
    expect(msgs(f.warnings)).toMatch(/UnsetEnvironment/)
  })

  it('never puts a token value into warnings or errors', async () => {
    const f = await read({[UNIT]: `[Service]\nEnvironment=${FAKE_A} "CLAWDBOT_GATEWAY_TOKEN=${FAKE_B}\nExecStart=/x --token "${FAKE_C}\n`})
    const all = JSON.stringify(f)
    for (const t of [FAKE_A, FAKE_B, FAKE_C]) expect(all).not.toContain(t)
    expect(f.warnings.length).toBeGreaterThanOrEqual(2)
  })
})

describe('readUnit: ExecStart', () => {
  it('finds --token X / --token=X (last wins) and --port over CLAWDBOT_GATEWAY_PORT', async () => {
    const f = await read({[UNIT]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_PORT=20000\n` +
      `ExecStart="/usr/bin/node" /e.js gateway --token ${FAKE_A} --port 28789 --token=${FAKE_B}\n`})
    expect(is(f.execToken?.value, FAKE_B)).toBe(true)
    expect(f.execToken).toMatchObject({id: 'unit.exec-start', place: {file: UNIT, line: 3}})
    expect(f.port).toBe(28789)
    const g = await read({[UNIT]: `[Service]\nEnvironment=CLAWDBOT_GATEWAY_PORT=20000\nExecStart=/usr/bin/node /e.js gateway\n`})
    expect(g.port).toBe(20000)
    expect(g.execToken).toBeUndefined()
  })

  it('notes --allow-unconfigured in ExecStart (before any `--`)', async () => {
    expect((await read({[UNIT]: `[Service]\nExecStart=/n /e.js gateway --allow-unconfigured --port 1\n`})).allowUnconfigured).toBe(true)
    expect((await read({[UNIT]: `[Service]\nExecStart=/n /e.js gateway --port 1\n`})).allowUnconfigured).toBeUndefined()
    expect((await read({[UNIT]: `[Service]\nExecStart=/n /e.js gateway -- --allow-unconfigured\n`})).allowUnconfigured).toBeUndefined()
  })

  it('expands ${VAR} in ExecStart from the unit env unless the ":" prefix is used', async () => {
    const f = await read({[UNIT]: `[Service]\nEnvironment=T=${FAKE_A}\nExecStart=/n gateway --token \${T}\n`})
    expect(is(f.execToken?.value, FAKE_A)).toBe(true)
    expect(msgs(f.warnings)).toMatch(/environment variable/)
    const g = await read({[UNIT]: `[Service]\nEnvironment=T=${FAKE_A}\nExecStart=:/n gateway --token \${T}\n`})
    expect(is(g.execToken?.value, '${T}')).toBe(true)
  })

  it('an empty ExecStart= resets; more than one is flagged', async () => {
    const f = await read({[UNIT]: '[Service]\nExecStart=/a --port 1\nExecStart=\nExecStart=/b --port 2\n'})
    expect(f.execStart?.args).toEqual(['/b', '--port', '2'])
    expect(f.warnings).toEqual([])
    const g = await read({[UNIT]: '[Service]\nExecStart=/a\nExecStart=/b\n'})
    expect(msgs(g.warnings)).toMatch(/More than one ExecStart/)
  })
})
