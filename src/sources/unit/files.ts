// Finding and reading a user unit, its drop-ins and environment files, the way the
// systemd 252 user manager looks them up (src/shared/dropin.c, src/basic/conf-files.c).

import {isUtf8} from 'node:buffer'
import * as path from 'node:path'

import type {ReadFs} from '../context.js'
import {errnoCode} from '../../model/errors.js'
import type {Paths} from '../../model/facts.js'
import {NOT_REGULAR} from '../regular-file.js'

export type ReadResult =
  | {status: 'ok'; text: string; invalidUtf8: boolean}
  | {status: 'missing'}
  | {status: 'unreadable'; code: string}

/** Read a text file; absence and permission errors are results, not exceptions. */
export async function readText(fs: Pick<ReadFs, 'readFile' | 'stat' | 'realpath'>, file: string): Promise<ReadResult> {
  let data: Buffer | string
  try {
    // A FIFO or device would block or never end. /dev/null is allowed: `systemctl mask` links units to it.
    const st = await fs.stat(file)
    if (!st.isFile() && !(st.isCharacterDevice() && (await fs.realpath(file)) === '/dev/null')) {
      throw Object.assign(new Error(`${file} is not a regular file`), {code: NOT_REGULAR})
    }
    data = (await fs.readFile(file)) as Buffer | string
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return {status: 'missing'}
    // EACCES, EPERM, EISDIR, ELOOP, EIO, NOT_REGULAR (a FIFO or device)...: the file is there but we cannot read it.
    if (code !== undefined) return {status: 'unreadable', code}
    throw error
  }
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)
  // toString keeps a BOM (TextDecoder would drop it), so offsets match the bytes on disk.
  return {status: 'ok', text: buf.toString('utf8'), invalidUtf8: !isUtf8(buf)}
}

/** The unit file systemd would load: the first search dir that has it. */
export async function findUnitFile(
  fs: Pick<ReadFs, 'readFile' | 'stat' | 'realpath'>,
  paths: Paths,
): Promise<{file: string; result: ReadResult & {status: 'ok' | 'unreadable'}} | undefined> {
  for (const dir of paths.unitSearchDirs) {
    const file = path.join(dir, paths.unitName)
    const result = await readText(fs, file)
    if (result.status !== 'missing') return {file, result}
  }
  return undefined
}

/** Drop-in dir names, best first: `name.d`, then dashed prefixes (`clawdbot-.service.d`). */
function dropInDirNames(unitName: string): string[] {
  const dot = unitName.lastIndexOf('.')
  const stem = unitName.slice(0, dot)
  const suffix = unitName.slice(dot)
  const names = [`${unitName}.d`]
  for (let i = stem.lastIndexOf('-'); i > 0; i = stem.lastIndexOf('-', i - 1)) names.push(`${stem.slice(0, i + 1)}${suffix}.d`)
  return names
}

/**
 * All `*.conf` drop-ins that apply, in the order systemd applies them (by file name).
 * A file name found in a higher-priority dir masks the same name in lower ones.
 * Also returns dirs that could not be listed (permission), so callers can warn.
 */
export async function findDropIns(fs: Pick<ReadFs, 'readdir'>, paths: Paths): Promise<{files: string[]; unreadableDirs: string[]}> {
  const dirs: string[] = []
  for (const d of paths.unitSearchDirs) for (const n of dropInDirNames(paths.unitName)) dirs.push(path.join(d, n))
  // Type-wide drop-ins (`service.d`) rank below every name-specific dir.
  const type = paths.unitName.slice(paths.unitName.lastIndexOf('.') + 1)
  for (const d of paths.unitSearchDirs) dirs.push(path.join(d, `${type}.d`))
  const byName = new Map<string, string>()
  const unreadableDirs: string[] = []
  for (const dir of dirs) {
    let names: string[]
    try {
      names = (await fs.readdir(dir)).map(String)
    } catch (error) {
      const code = errnoCode(error)
      if (code === 'ENOENT' || code === 'ENOTDIR') continue
      if (code === undefined) throw error
      unreadableDirs.push(dir)
      continue
    }
    for (const n of names) if (n.endsWith('.conf') && !byName.has(n)) byName.set(n, path.join(dir, n))
  }
  const files = [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((n) => byName.get(n) as string)
  return {files, unreadableDirs}
}
