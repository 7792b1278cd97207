import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {listeningInodes, readPort, readTcpTables, tagLegacyListeners, type TcpTables} from '../../src/sources/port.js'
import {redactArgs} from '../../src/sources/proc.js'
import type {ServiceFacts} from '../../src/model/facts.js'

const HDR = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n'
// 0x4E75 = 20085. 0A = LISTEN, 01 = ESTABLISHED.
const TCP =
  HDR +
  '   0: 0100007F:4E75 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 100 0 0 10 0\n' +
  '   1: 0100007F:4E75 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2222 1 0 20 4 30 10 -1\n' +
  '   2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3333 1 0 100 0 0 10 0\n'
const TCP6 =
  HDR +
  '   0: 00000000000000000000000000000000:4E75 00000000000000000000000000000000:0000 0A ' +
  '00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0\n'

function proc(extra: Record<string, string> = {}) {
  const vol = Volume.fromJSON({
    '/proc/net/tcp': TCP,
    '/proc/net/tcp6': TCP6,
    '/proc/100/stat': '100 (node launcher) S 1 100 100 0',
    '/proc/100/cgroup': '0::/app.slice/gw.service\n',
    '/proc/100/cmdline': 'node\0launcher.mjs\0',
    '/proc/101/stat': '101 (node (child)) S 100 100 100 0',
    '/proc/101/cgroup': '0::/app.slice/gw.service\n',
    '/proc/101/cmdline': 'node\0gw.mjs\0--token\0fake-secret-arg\0--port=20085\0',
    '/proc/200/stat': '200 (python3) S 1 200 200 0',
    '/proc/200/cgroup': '0::/user.slice/session.scope\n',
    '/proc/200/cmdline': 'python3\0-m\0http.server\0--password=fake-pw\0',
    '/proc/300/stat': '300 (bash) S 1 300 300 0',
    ...extra,
  })
  vol.mkdirSync('/proc/100/fd', {recursive: true})
  vol.mkdirSync('/proc/101/fd', {recursive: true})
  vol.mkdirSync('/proc/200/fd', {recursive: true})
  vol.mkdirSync('/proc/300/fd', {recursive: true})
  vol.symlinkSync('/dev/null', '/proc/100/fd/0')
  vol.symlinkSync('socket:[1111]', '/proc/101/fd/20')
  vol.symlinkSync('socket:[2222]', '/proc/101/fd/21')
  vol.symlinkSync('socket:[4444]', '/proc/200/fd/3')
  vol.symlinkSync('socket:[3333]', '/proc/300/fd/3')
  return {fs: vol.promises as never, procRoot: '/proc'}
}

const service: ServiceFacts = {unit: 'gw.service', status: 'ok', mainPid: 100, controlGroup: '/app.slice/gw.service'}

describe('listeningInodes', () => {
  it('takes LISTEN rows on the port only', () => {
    expect([...listeningInodes(TCP, 20085)]).toEqual(['1111'])
    expect([...listeningInodes(TCP6, 20085)]).toEqual(['4444'])
    expect([...listeningInodes(TCP, 80)]).toEqual(['3333'])
    expect(listeningInodes(TCP, 1).size).toBe(0)
  })
})

describe('readPort', () => {
  it('finds the service child by cgroup and a stray by exclusion, with secrets removed', async () => {
    const p = await readPort(proc(), 20085, 'unit', service)
    expect(p).toMatchObject({status: 'ok', listening: true, port: 20085, portSource: 'unit'})
    const byPid = Object.fromEntries(p.listeners.map((l) => [l.pid, l]))
    expect(byPid[101]).toMatchObject({belongsToService: true, command: 'node gw.mjs --token <redacted> --port=20085'})
    expect(byPid[200]).toMatchObject({belongsToService: false, command: 'python3 -m http.server --password=<redacted>'})
    expect(JSON.stringify(p)).not.toMatch(/fake-secret-arg|fake-pw/)
  })
  it('falls back to ancestry when the cgroup does not match (child of MainPID)', async () => {
    const fs = proc({'/proc/101/cgroup': '0::/elsewhere\n'})
    const p = await readPort(fs, 20085, 'unit', service)
    expect(p.listeners.find((l) => l.pid === 101)?.belongsToService).toBe(true)
  })
  it('never decides by pid equality: same pid number in another cgroup without ancestry is a stray', async () => {
    const p = await readPort(proc(), 20085, 'unit', {...service, mainPid: 999, controlGroup: '/other.service'})
    expect(p.listeners.every((l) => l.belongsToService === false)).toBe(true)
  })
  it('undefined ownership when the service is unknown', async () => {
    const p = await readPort(proc(), 20085, 'default', {unit: 'gw.service', status: 'no-bus'})
    expect(p.listeners.map((l) => l.belongsToService)).toEqual([undefined, undefined])
  })
  it('an inactive unit (no cgroup, no MainPID) owns no listener', async () => {
    const p = await readPort(proc(), 20085, 'unit', {unit: 'gw.service', status: 'ok', activeState: 'inactive'})
    expect(p.listeners.map((l) => l.belongsToService)).toEqual([false, false])
  })
  it('not listening', async () => {
    expect(await readPort(proc(), 1, 'config', service)).toMatchObject({status: 'ok', listening: false, listeners: []})
  })
  it('no procfs is a status, not an exception', async () => {
    const vol = Volume.fromJSON({'/x': ''})
    expect(await readPort({fs: vol.promises as never, procRoot: '/proc'}, 1, 'default', service)).toMatchObject({status: 'error'})
  })
})

describe('readTcpTables', () => {
  /** /proc whose readFile holds every /proc/net read until both have started. */
  function gated() {
    const base = proc()
    const fs = base.fs as unknown as {readFile: (p: string, enc: string) => Promise<unknown>}
    const started: string[] = []
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const readFile = async (p: string, enc: string) => {
      if (p.startsWith('/proc/net/')) {
        started.push(p)
        if (started.length === 2) open()
        await gate
      }
      return fs.readFile(p, enc)
    }
    return {ctx: {fs: {...(base.fs as object), readFile} as never, procRoot: '/proc'}, started}
  }
  it('reads tcp and tcp6 at once (each read walks the kernel\'s whole socket table)', async () => {
    const {ctx, started} = gated()
    const t = await readTcpTables(ctx)
    expect(started.sort()).toEqual(['/proc/net/tcp', '/proc/net/tcp6'])
    expect(t).toEqual({ok: true, tables: [TCP, TCP6]})
  })
  it('no tcp6 (IPv6 off) is fine; no table at all is an error with the directory', async () => {
    const only4 = Volume.fromJSON({'/proc/net/tcp': TCP})
    expect(await readTcpTables({fs: only4.promises as never, procRoot: '/proc'})).toEqual({ok: true, tables: [TCP]})
    const none = Volume.fromJSON({'/proc/1/stat': ''})
    expect(await readTcpTables({fs: none.promises as never, procRoot: '/proc'})).toEqual({ok: false, reason: 'no TCP tables under /proc/net'})
  })
  it('readPort uses the tables it is handed instead of reading /proc/net again', async () => {
    const {ctx, started} = gated()
    const tables = readTcpTables(ctx)
    const p = await readPort(ctx, 20085, 'unit', service, tables)
    expect(started).toHaveLength(2)
    expect(p.listeners.map((l) => l.pid)).toEqual([101, 200])
    // Handed tables that failed: the port's status says why, nothing else is read.
    expect(await readPort(ctx, 20085, 'unit', service, Promise.resolve({ok: false, reason: 'cannot read /proc/net/tcp (EACCES)'}))).toEqual({
      port: 20085, portSource: 'unit', status: 'error', listening: false, listeners: [], reason: 'cannot read /proc/net/tcp (EACCES)',
    })
    expect(started).toHaveLength(2)
  })
})

describe('readPort: the service first, then only as far as needed', () => {
  /** /proc with a recorder of every fd directory read. */
  function tracked(extra: Record<string, string> = {}) {
    const base = proc({'/proc/net/tcp6': HDR, ...extra})
    const fs = base.fs as unknown as {readdir: (p: string) => Promise<unknown>}
    const read: string[] = []
    const readdir = fs.readdir.bind(fs)
    const spy = {...(base.fs as object), readdir: (p: string) => (p.endsWith('/fd') && read.push(p), readdir(p))}
    return {ctx: {fs: spy as never, procRoot: '/proc'}, read}
  }
  it('finds the listener among MainPID\'s children without reading anyone else\'s fds', async () => {
    const {ctx, read} = tracked({'/proc/100/task/100/children': '101 '})
    const p = await readPort(ctx, 20085, 'unit', service)
    expect(p.listeners).toEqual([{pid: 101, command: 'node gw.mjs --token <redacted> --port=20085', belongsToService: true}])
    expect(read).toEqual(['/proc/100/fd', '/proc/101/fd'])
  })
  it('a socket the service does not hold is still searched for in the whole of /proc', async () => {
    const {ctx, read} = tracked({'/proc/100/task/100/children': '101 ', '/proc/net/tcp6': TCP6})
    const p = await readPort(ctx, 20085, 'unit', service)
    expect(p.listeners.map((l) => [l.pid, l.belongsToService])).toEqual([
      [101, true],
      [200, false],
    ])
    expect(read.slice(0, 2)).toEqual(['/proc/100/fd', '/proc/101/fd'])
    expect(read.filter((d) => d === '/proc/101/fd')).toHaveLength(1)
  })
  it('reads the service\'s fds while the tables are read', async () => {
    const {ctx, read} = tracked({'/proc/100/task/100/children': '101 '})
    const order: string[] = []
    // The tables answer once the child's fds are being read (or, failing that, after a second: too late).
    const started = Date.now()
    const tables = new Promise<TcpTables>((resolve) => {
      const poll = setInterval(() => {
        const late = Date.now() - started > 1000
        if (!late && !read.includes('/proc/101/fd')) return
        clearInterval(poll)
        order.push(late ? 'tables, late' : 'tables')
        resolve({ok: true, tables: [TCP]})
      }, 1)
    })
    const p = await readPort(ctx, 20085, 'unit', service, tables)
    expect(order).toEqual(['tables'])
    expect(p.listeners.map((l) => [l.pid, l.belongsToService])).toEqual([[101, true]])
  })
  it('a service process that bound after its fds were read is still found, and still the service\'s', async () => {
    const base = proc({'/proc/100/task/100/children': '101 ', '/proc/net/tcp6': HDR})
    const fs = base.fs as unknown as {readdir: (p: string) => Promise<string[]>}
    let first = true
    const readdir = async (p: string) => {
      const names = await fs.readdir(p)
      // The first look at the child's fds predates its bind: socket 1111 (fd 20) is not there yet.
      if (p === '/proc/101/fd' && first) {
        first = false
        return names.filter((n) => String(n) !== '20')
      }
      return names
    }
    const p = await readPort({fs: {...(base.fs as object), readdir} as never, procRoot: '/proc'}, 20085, 'unit', service)
    expect(p.listeners).toEqual([{pid: 101, command: 'node gw.mjs --token <redacted> --port=20085', belongsToService: true}])
  })
  it('without a children file (kernel without CONFIG_PROC_CHILDREN) it scans /proc as before', async () => {
    const {ctx} = tracked()
    expect((await readPort(ctx, 20085, 'unit', service)).listeners.map((l) => l.pid)).toEqual([101])
  })
})

describe('redactArgs', () => {
  it('removes --token X, --token=X and --password values', () => {
    expect(redactArgs(['gw', '--token', 's1', '--token=s2', '--password', 's3', '--PASSWORD=s4', '--port', '1'])).toEqual([
      'gw',
      '--token',
      '<redacted>',
      '--token=<redacted>',
      '--password',
      '<redacted>',
      '--PASSWORD=<redacted>',
      '--port',
      '1',
    ])
  })
})

describe('tagLegacyListeners', () => {
  it('names the legacy unit whose cgroup holds a foreign listener (its child, not its MainPID); the service\'s own stay untagged', async () => {
    const ctx = proc({'/proc/200/cgroup': '0::/app.slice/clawdbot-gateway.service\n', '/proc/200/stat': '200 (node) S 150 200 200 0'})
    const p = await readPort(ctx, 20085, 'unit', service)
    const legacy = {status: 'ok' as const, units: [{unit: 'clawdbot-gateway.service', mainPid: 150, controlGroup: '/app.slice/clawdbot-gateway.service'}]}
    const tagged = await tagLegacyListeners(ctx, p, legacy)
    expect(tagged.listeners.map((l) => [l.pid, l.belongsToService, l.legacyUnit])).toEqual([[101, true, undefined], [200, false, 'clawdbot-gateway.service']])
  })
  it('a stray outside every legacy unit stays a plain stray; no legacy facts: unchanged', async () => {
    const ctx = proc()
    const p = await readPort(ctx, 20085, 'unit', service)
    const legacy = {status: 'ok' as const, units: [{unit: 'clawdbot-gateway.service', mainPid: 150, controlGroup: '/app.slice/clawdbot-gateway.service'}]}
    expect((await tagLegacyListeners(ctx, p, legacy)).listeners.map((l) => l.legacyUnit)).toEqual([undefined, undefined])
    expect(await tagLegacyListeners(ctx, p, undefined)).toBe(p)
  })
})
