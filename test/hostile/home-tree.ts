import {createHash} from 'node:crypto'
import {lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

/** A case root holding `home/` and `outside/` (for includes that escape HOME). */
export function materialize(files: Record<string, string | Buffer>, setup?: (home: string) => void): {root: string; home: string; cleanup(): void} {
  const root = mkdtempSync(path.join(tmpdir(), 'clawdoc-hostile-'))
  const home = path.join(root, 'home')
  mkdirSync(home)
  for (const [rel, content] of Object.entries(files)) {
    const p = path.resolve(home, rel)
    mkdirSync(path.dirname(p), {recursive: true})
    writeFileSync(p, content, {mode: 0o600})
  }
  setup?.(home)
  return {root, home, cleanup: () => rmSync(root, {recursive: true, force: true})}
}

/**
 * Hash of a tree: every entry's path, type, mode, and content (files) or target (symlinks).
 * FIFOs and devices are hashed by type only (reading them would block). Proves "nothing written".
 */
export function hashTree(root: string): string {
  const h = createHash('sha256')
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name)
      const st = lstatSync(p)
      h.update(`${path.relative(root, p)}\0${st.mode}\0`)
      if (st.isSymbolicLink()) h.update(readlinkSync(p))
      else if (st.isDirectory()) walk(p)
      else if (st.isFile()) h.update(readFileSync(p))
      h.update('\0')
    }
  }
  walk(root)
  return h.digest('hex')
}
