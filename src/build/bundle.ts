// Build step (after tsc and generate-validators): bundle the start-up fast path into one CommonJS file and write V8's
// code cache for it (how both are loaded: src/cli/load-bundle.ts). Run: node lib/build/bundle.js
// (not shipped: package.json files leaves lib/build out). esbuild is a devDependency, used only here.
import {randomBytes} from 'node:crypto'
import {mkdir, mkdtemp, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

import {BUNDLE_FILE, LOADER_FILE, loadBundle} from '../cli/load-bundle.js'
import {cacheFileOf, codeCachedFiles, loadCodeCached, sealCache} from '../sources/code-cached.js'
import {wsBundleUrl} from '../sources/package-files.js'
import {execFile} from '../sources/exec.js'

const ENTRY = fileURLToPath(new URL('../cli/fast-path.js', import.meta.url))

/** Bundle lib/cli/fast-path.js into `out` (CommonJS; the outside modules it requires stay outside). */
export async function bundleFastPath(out = BUNDLE_FILE): Promise<void> {
  await rm(path.dirname(out), {recursive: true, force: true})
  await build({
    entryPoints: [ENTRY],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['ws', 'ajv'],
    logLevel: 'warning',
    // import.meta.url locates the package's own files (src/sources/package-files.ts): the bundle's own URL, which sits as
    // deep as lib/sources/.
    define: {'import.meta.url': '__bundleUrl'},
    banner: {js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;'},
  })
  const text = await readFile(out, 'utf8')
  // A vm script has no import() on Node 20 (src/cli/load-bundle.ts): the build fails rather than the user's run.
  if (/\bimport\(/.test(text)) throw new Error(`bundle: ${out} calls import(); load outside modules with require instead`)
}

/**
 * src/cli/load-bundle.ts (and what it imports: node builtins and src/sources/code-cached.ts) as one CommonJS file beside
 * the bundle, for bin/run.js to require: a CommonJS entry that loads no ES module never starts Node's ES module loader
 * (some 8 ms of every start on the development machine).
 */
export async function bundleLoader(out = LOADER_FILE): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../cli/load-bundle.js', import.meta.url))],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // BUNDLE_FILE is found from import.meta.url: the loader's own URL, which sits as deep as lib/cli/.
    define: {'import.meta.url': '__bundleUrl'},
    banner: {js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;'},
  })
  const text = await readFile(out, 'utf8')
  if (/\bimport\(/.test(text)) throw new Error(`bundle: ${out} calls import()`)
  // The loader must stay small: the fast path itself is compiled with its code cache, not in here.
  if (text.length > 64 * 1024) throw new Error(`bundle: ${out} is ${text.length} bytes: it bundled more than the loader`)
}

/** The ws package as one CommonJS file beside the bundle, for the probe (src/probe/ws-probe.ts) to load with a code cache. */
export async function bundleWs(out = fileURLToPath(wsBundleUrl)): Promise<void> {
  await build({
    entryPoints: [createRequire(import.meta.url).resolve('ws')],
    outfile: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // Its optional native helpers stay optional: required inside try/catch, left to require at run time.
    external: ['bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  })
  if (/\bimport\(/.test(await readFile(out, 'utf8'))) throw new Error(`bundle: ${out} calls import()`)
}

/** Fake values for the warm-up run (never printed: doctor shows length and fingerprint only). */
const fake = (): string => randomBytes(24).toString('hex')

/** A scratch home with drift in both layouts the fast path reads: clawdbot (inline unit token) and openclaw (env file). */
async function scratchHome(home: string): Promise<void> {
  const write = async (file: string, text: string): Promise<void> => {
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(file, text, {mode: 0o600})
  }
  const config = (token: string, remote: string): string =>
    `// warm-up config\n{\n  gateway: {\n    mode: 'local',\n    port: 18789,\n    auth: {mode: 'token', token: '${token}'},\n` +
    `    remote: {token: '${remote}'}, // trailing comma\n  },\n}\n`
  const unit = (name: string, lines: string[]): string =>
    ['[Unit]', `Description=${name}`, '', '[Service]', 'ExecStart=/usr/bin/node /nonexistent/entry.js gateway --port 18789', ...lines, '',
      '[Install]', 'WantedBy=default.target', ''].join('\n')
  await write(path.join(home, '.clawdbot', 'clawdbot.json'), config(fake(), fake()))
  await write(path.join(home, '.clawdbot', '.env'), `# stale\nCLAWDBOT_GATEWAY_TOKEN=${fake()}\n`)
  await write(path.join(home, '.config', 'systemd', 'user', 'clawdbot-gateway.service'),
    unit('Clawdbot Gateway', [`Environment=CLAWDBOT_GATEWAY_TOKEN=${fake()}`, 'Environment=CLAWDBOT_GATEWAY_PORT=18789']))
  await write(path.join(home, '.openclaw', 'openclaw.json'), config(fake(), fake()))
  await write(path.join(home, '.openclaw', 'gateway.systemd.env'), `OPENCLAW_GATEWAY_TOKEN=${fake()}\n`)
  await write(path.join(home, '.config', 'systemd', 'user', 'openclaw-gateway.service'),
    unit('OpenClaw Gateway', [`EnvironmentFile=-${path.join(home, '.openclaw', 'gateway.systemd.env')}`]))
}

/** The runs the cache is made from: what people run first and most (doctor, human and JSON; the sync-token dry run), on each layout. */
const WARM_UP = ['clawdbot', 'openclaw'].flatMap((product) => [
  ['doctor', '--offline', '--product', product],
  ['doctor', '--offline', '--json', '--product', product],
  ['sync-token', '--dry-run', '--offline', '--product', product],
  ['sync-token', '--dry-run', '--offline', '--json', '--product', product],
])

/**
 * Write V8's code caches of the bundle and of what it loads beside it (the validators, ws): a child process runs it on a
 * scratch home (offline: no systemd, no /proc, no network; an empty PATH), then saves the cache of everything those runs
 * compiled. Their output is discarded.
 */
export async function writeCodeCache(file = BUNDLE_FILE): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'clawdoc-warm-up-'))
  try {
    const home = path.join(root, 'home')
    await scratchHome(home)
    const emptyPath = path.join(root, 'bin')
    await mkdir(emptyPath)
    const r = await execFile(process.execPath, [fileURLToPath(import.meta.url), '--warm-up', file], {
      env: {HOME: home, PATH: emptyPath, NO_COLOR: '1', LANG: 'C.UTF-8'},
      cwd: home,
      timeoutMs: 120_000,
    })
    if (r.code !== 0) throw new Error(`bundle: the warm-up run failed (exit ${r.code}): ${r.stderr.slice(-2000)}`)
  } finally {
    await rm(root, {recursive: true, force: true})
  }
}

/** In the child: run WARM_UP through the bundle, then write each cache atomically. */
async function warmUpAndWrite(file: string): Promise<void> {
  const loaded = loadBundle(file, {cache: false})
  if (!loaded) throw new Error(`bundle: ${file} is missing`)
  for (const [command, ...argv] of WARM_UP) {
    const run = `\`${command} ${argv.join(' ')}\``
    if (!(await loaded.fast.fastRun(command, argv))) throw new Error(`bundle: the fast path did not take ${run}`)
    // 1 is expected (the scratch setup has drift on purpose); anything else means the warm-up did not run through.
    if (process.exitCode !== 0 && process.exitCode !== 1) throw new Error(`bundle: ${run} on the scratch home exited ${process.exitCode}`)
    process.exitCode = 0
  }
  await warmUpWs()
  // What this process loaded with a code cache (the bundle, ws) and what the bundle did (the validators of both layouts).
  const scripts = new Map([...codeCachedFiles(), ...loaded.fast.codeCachedFiles()].map(([f, c]) => [f, c.script] as const))
  for (const [source, script] of scripts) {
    const out = cacheFileOf(source)
    const tmp = `${out}.${process.pid}.tmp`
    await writeFile(tmp, sealCache(await readFile(source), script.createCachedData()))
    await rename(tmp, out)
  }
}

/** Load the probe's ws and dial a closed loopback port with it: the client's set-up compiles, nothing is sent anywhere. */
async function warmUpWs(): Promise<void> {
  const ws = loadCodeCached(fileURLToPath(wsBundleUrl))
  if (!ws) throw new Error('bundle: the ws bundle is missing')
  const WebSocket = ws.exports as typeof import('ws').WebSocket
  await new Promise<void>((resolve) => {
    const socket = new WebSocket('ws://127.0.0.1:1', {handshakeTimeout: 1000})
    socket.on('error', () => undefined)
    socket.on('close', () => resolve())
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--warm-up') await warmUpAndWrite(process.argv[3])
  else {
    await bundleFastPath()
    await bundleWs()
    await bundleLoader()
    // The cache only makes start-up faster: a build (say `npm ci` from git on an odd machine) does not fail for want of
    // it. test/integration/code-cache.test.ts fails instead when a build of this repository made none.
    await writeCodeCache().catch((err: unknown) => {
      process.stderr.write(`bundle: no code cache written, the fast path will compile at each start: ${(err as Error).message.split('\n')[0]}\n`)
    })
  }
}
