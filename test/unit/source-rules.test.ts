import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// The source rule ESLint cannot express, because it also covers shell scripts (.ci/run): no kill by name, no shell.
// The others (process.env, os.homedir() and process.cwd() only in src/sources/context.ts; node:child_process only in
// src/sources/exec.ts; no hard-coded home paths; no swallowed errors) are lint rules: test/eslint.config.mjs.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

function files(dir: string, exts: string[]): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'lib' || name.startsWith('.')) continue
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...files(p, exts))
    else if (exts.some((e) => name.endsWith(e))) out.push(p)
  }
  return out
}

const src = files(path.join(root, 'src'), ['.ts'])
const rel = (p: string) => path.relative(root, p)

describe('source rules', () => {
  it('finds the sources', () => {
    expect(src.length).toBeGreaterThan(20)
  })

  it('never kills by name and never uses a shell, anywhere in src, test or bin', () => {
    const all = [
      ...src,
      ...files(path.join(root, 'test'), ['.ts', '.mjs', '.js', '.sh']),
      ...files(path.join(root, 'bin'), ['.js']),
      path.join(root, '.ci', 'run'),
    ]
    const self = fileURLToPath(import.meta.url)
    const offenders = all
      .filter((f) => f !== self)
      .filter((f) => /['"`](pkill|killall)['"`\s]|^\s*(pkill|killall)\s|shell:\s*true|['"]bash['"],\s*\[['"]-c/m.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('cites only documents that are in the repository', () => {
    // A citation like `src/docs/CLAWDBOT.md §4` names a path from the repository root (or, inside src/docs, a sibling).
    const all = [
      ...files(path.join(root, 'src'), ['.ts', '.md']),
      ...files(path.join(root, 'test'), ['.ts', '.mjs']),
      ...files(path.join(root, 'bin'), ['.js'])
    ]
    const missing: string[] = []
    for (const f of [...all, path.join(root, 'README.md')]) {
      for (const [cited] of readFileSync(f, 'utf8').matchAll(/[\w./-]*\w\.md\b/g)) {
        if (!existsSync(path.join(root, cited)) && !existsSync(path.join(path.dirname(f), cited))) missing.push(`${rel(f)}: ${cited}`)
      }
    }
    expect(missing).toEqual([])
  })
})
