import * as path from 'node:path'

import type {ReadFs} from './context.js'
import {debugCaught} from '../model/debug.js'
import {errnoCode} from '../model/errors.js'
import type {AlternateConfig, DeviceFacts, Paths} from '../model/facts.js'
import {assertRegularFile} from './regular-file.js'

/** Count stored device tokens (values never leave this function). */
function countTokens(v: unknown, depth = 0): number {
  if (depth > 8 || v === null || typeof v !== 'object') return 0
  let n = 0
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'token' && typeof child === 'string' && child !== '') n++
    else n += countTokens(child, depth + 1)
  }
  return n
}

/** `<stateDir>/identity/device-auth.json`: a stored device token is sent *instead of* the shared token. */
export async function readDevices(fs: ReadFs, paths: Paths): Promise<DeviceFacts> {
  const file = path.join(paths.stateDir, 'identity', 'device-auth.json')
  try {
    await assertRegularFile(fs, file)
    const text = (await fs.readFile(file, 'utf8')) as string
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (err) {
      // A corrupt store still exists; the product ignores it, so count nothing.
      if (!(err instanceof SyntaxError)) throw err
      return {path: file, present: true, tokenCount: 0}
    }
    return {path: file, present: true, tokenCount: countTokens(parsed)}
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return {path: file, present: false, tokenCount: 0}
    if (code === undefined) throw error
    // There but unreadable (EACCES, EISDIR, NOT_REGULAR...): it is reported present, with no tokens we could count.
    debugCaught(`read ${file}`, error)
    return {path: file, present: true, tokenCount: 0}
  }
}

async function mtime(fs: ReadFs, file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mtimeMs
  } catch (error) {
    const code = errnoCode(error)
    // Any errno (ENOENT, EACCES, ELOOP from a symlink loop...): the file cannot serve as an alternate
    // config; a problem with the live config itself is reported by readConfig.
    if (code !== undefined) return undefined
    throw error
  }
}

/** Configs of the product's other names (later openclaw, moltbot) or of the default clawdbot dir. */
export async function readAlternates(fs: ReadFs, paths: Paths): Promise<AlternateConfig[]> {
  const candidates: {path: string; product: AlternateConfig['product']}[] = [
    {path: path.join(paths.home, '.openclaw', 'openclaw.json'), product: 'openclaw'},
    {path: path.join(paths.home, '.moltbot', 'moltbot.json'), product: 'moltbot'},
    {path: path.join(paths.home, '.moltbot', 'clawdbot.json'), product: 'moltbot'},
    {path: path.join(paths.home, '.clawdbot', 'clawdbot.json'), product: 'clawdbot'},
  ]
  const live = await mtime(fs, paths.configPath)
  const out: AlternateConfig[] = []
  for (const c of candidates) {
    if (path.resolve(c.path) === path.resolve(paths.configPath)) continue
    const m = await mtime(fs, c.path)
    if (m === undefined) continue
    out.push({path: c.path, product: c.product, newer: live === undefined || m > live})
  }
  return out
}
