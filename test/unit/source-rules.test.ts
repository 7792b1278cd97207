import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

// The lint rules of STYLE.md §3/§4, as a test: cheap, and it cannot be skipped by a missing linter.
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

  it('reads process.env, os.homedir() and process.cwd() only in src/sources/context.ts', () => {
    const offenders = src
      .filter((f) => !f.endsWith(path.join('src', 'sources', 'context.ts')))
      .filter((f) => /process\.env\b|homedir\(|process\.cwd\(/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('never imports node:child_process in src/ (programs run through src/sources/exec.ts)', () => {
    const offenders = src
      .filter((f) => !f.endsWith(path.join('src', 'sources', 'exec.ts')))
      .filter((f) => /from ['"](node:)?child_process['"]|import\(['"](node:)?child_process['"]\)/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('never kills by name and never uses a shell, anywhere in src, test or bin', () => {
    const all = [...src, ...files(path.join(root, 'test'), ['.ts', '.mjs', '.js', '.sh']), ...files(path.join(root, 'bin'), ['.js']), path.join(root, '.ci', 'run')]
    const self = fileURLToPath(import.meta.url)
    const offenders = all
      .filter((f) => f !== self)
      .filter((f) => /['"`](pkill|killall)['"`\s]|^\s*(pkill|killall)\s|shell:\s*true|['"]bash['"],\s*\[['"]-c/m.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('has no empty catch blocks in src/', () => {
    const offenders = src.filter((f) => /catch\s*(\([^)]*\))?\s*\{\s*\}|\.catch\(\(\)\s*=>\s*\{\s*\}\)/.test(readFileSync(f, 'utf8'))).map(rel)
    expect(offenders).toEqual([])
  })

  it('has no hard-coded home paths in src/', () => {
    // paths.ts is the one place that expands a leading ~ (as the product does for its env vars).
    const offenders = src
      .filter((f) => !f.endsWith(path.join('sources', 'paths.ts')))
      .filter((f) => /['"`]~\/|\/home\/|\/root\//.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })
})
