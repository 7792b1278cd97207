import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import type {ReadFs} from './context.js'
import type {FileMode, Facts} from '../model/facts.js'

/**
 * Mode of every file that may hold a token besides the main config (its mode is in ConfigFacts):
 * `$include`d files, the unit and its drop-ins, EnvironmentFile= files, both .env files; and which
 * classes (group, others) can reach it through every directory above it. A file that cannot be
 * stat'ed is left out: the readers already report it.
 */
export async function readFileModes(fs: Pick<ReadFs, 'stat'>, f: Pick<Facts, 'config' | 'unit' | 'env'>): Promise<FileMode[]> {
  const files = new Set([
    ...f.config.files.slice(1),
    ...(f.unit.status === 'ok' ? [f.unit.path] : []),
    ...f.unit.dropIns,
    ...f.unit.envFiles.map((e) => e.path)
  ])
  for (const d of [f.env.cwdDotenv, f.env.stateDirDotenv]) if (d.status === 'ok') files.add(d.path)
  const dirs = new Map<string, number>()
  const out: FileMode[] = []
  for (const file of files) {
    try {
      const st = await fs.stat(file)
      if (st.isFile()) out.push({path: file, mode: Number(st.mode) & 0o7777, reach: await reachOf(fs, path.dirname(file), dirs)})
    } catch (err) {
      if (errnoCode(err) === undefined) throw err
    }
  }
  return out
}

/** The group/other bits (0o070 / 0o007 as 0o070|0o007) for which every directory from `dir` up to `/` is searchable. */
async function reachOf(fs: Pick<ReadFs, 'stat'>, dir: string, cache: Map<string, number>): Promise<number> {
  const known = cache.get(dir)
  if (known !== undefined) return known
  let own = 0o077
  try {
    const m = Number((await fs.stat(dir)).mode)
    own = (m & 0o010 ? 0o070 : 0) | (m & 0o001 ? 0o007 : 0)
  } catch (err) {
    // Cannot tell: assume reachable, so a loose file mode is still reported.
    if (errnoCode(err) === undefined) throw err
  }
  const parent = path.dirname(dir)
  const reach = parent === dir ? own : own & (await reachOf(fs, parent, cache))
  cache.set(dir, reach)
  return reach
}
