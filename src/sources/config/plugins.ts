import * as path from 'node:path'

import {errnoCode} from '../../model/errors.js'
import type {ReadFs} from '../context.js'
import type {Paths} from '../../model/facts.js'
import {expandHome} from '../paths.js'
import {isPlainObject} from '../../model/provenance.js'

const MANIFEST = 'clawdbot.plugin.json'

/** Errors that just mean "no plugin here"; anything else is unexpected and propagates. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EISDIR'])

async function readManifestChannels(fs: Pick<ReadFs, 'readFile'>, dir: string): Promise<string[] | undefined> {
  let text: string
  try {
    text = (await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as string
  } catch (err) {
    if (ABSENT.has(errnoCode(err) ?? '')) return undefined
    throw err
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    // The product itself reports a broken manifest as a plugin diagnostic; for us it declares nothing.
    if (err instanceof SyntaxError) return undefined
    throw err
  }
  if (!isPlainObject(raw) || !Array.isArray(raw.channels)) return []
  return raw.channels.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c.trim())
}

async function listDirs(fs: Pick<ReadFs, 'readdir'>, dir: string): Promise<string[]> {
  try {
    return ((await fs.readdir(dir)) as string[]).map((n) => path.join(dir, String(n)))
  } catch (err) {
    if (ABSENT.has(errnoCode(err) ?? '')) return []
    throw err
  }
}

/**
 * Best effort: channel ids declared by plugins the product would discover outside its own package
 * (plugins/discovery.js): each `plugins.load.paths` entry (a plugin dir, a dir of plugins, or a file in
 * a plugin dir) and `<stateDir>/extensions/*`, where `plugins install` puts them. The workspace's
 * `.clawdbot/extensions` is not searched. Returns undefined when no plugin manifest was found at all.
 */
export async function discoverPluginChannels(
  fs: Pick<ReadFs, 'readFile' | 'readdir'>,
  config: unknown,
  paths: Pick<Paths, 'home' | 'cwd' | 'stateDir'>,
): Promise<string[] | undefined> {
  const plugins = isPlainObject(config) && isPlainObject(config.plugins) ? config.plugins : {}
  const load = isPlainObject(plugins.load) ? plugins.load : {}
  const extra = Array.isArray(load.paths) ? load.paths.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : []
  const candidates: string[] = []
  for (const p of extra) {
    const abs = p.trim().startsWith('~') ? expandHome(p, paths.home) : path.resolve(paths.cwd, p.trim())
    // A file entry (an extension module) points at its directory; a dir is a plugin or a dir of plugins.
    if (/\.[cm]?[jt]s$/.test(abs)) candidates.push(path.dirname(abs))
    else candidates.push(abs, ...(await listDirs(fs, abs)))
  }
  candidates.push(...(await listDirs(fs, path.join(paths.stateDir, 'extensions'))))
  let found = false
  const channels = new Set<string>()
  for (const dir of new Set(candidates)) {
    const declared = await readManifestChannels(fs, dir)
    if (declared === undefined) continue
    found = true
    for (const c of declared) channels.add(c)
  }
  return found ? [...channels] : undefined
}
