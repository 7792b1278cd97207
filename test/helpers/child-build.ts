import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import ts from 'typescript'

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname)

/** The engine's sources the crash child needs (it imports nothing else at run time). */
const SOURCES = [
  'src/model/errors.ts',
  'src/model/debug.ts',
  'src/fix/atomic-write.ts',
  'src/fix/backup.ts',
  'src/fix/lock.ts',
  'src/fix/apply.ts',
  'test/helpers/crash-child.ts',
]

/**
 * Node 20 cannot run TypeScript: transpile the engine and the child (types
 * stripped, same layout, same `.js` imports) into a temp dir, and return the
 * child's path. Always from the current sources: never a stale `lib/`.
 */
export function buildCrashChild(): string {
  const out = mkdtempSync(path.join(tmpdir(), 'clawdoc-child-'))
  // The transpiled copy lives as long as the test process that built it.
  process.once('exit', () => rmSync(out, {recursive: true, force: true}))
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n')
  for (const rel of SOURCES) {
    const src = readFileSync(path.join(ROOT, rel), 'utf8')
    const js = ts.transpileModule(src, {
      compilerOptions: {module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false},
      fileName: rel,
    }).outputText
    const dest = path.join(out, rel.replace(/\.ts$/, '.js'))
    mkdirSync(path.dirname(dest), {recursive: true})
    writeFileSync(dest, js)
  }
  return path.join(out, 'test/helpers/crash-child.js')
}

export interface ChildFile {
  path: string
  before: Buffer
  after: Buffer
}

/** A running crash child: read its lines one by one, let it go on, or SIGKILL it by pid. */
export class CrashChild {
  readonly proc: ChildProcessWithoutNullStreams
  readonly exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>
  #lines: string[] = []
  #waiters: ((line: string | undefined) => void)[] = []
  #ended = false

  constructor(childPath: string, specDir: string, spec: {lockDir: string; pause: boolean; files: ChildFile[]}) {
    const specPath = path.join(specDir, `spec-${Math.random().toString(16).slice(2)}.json`)
    const files = spec.files.map((f) => ({path: f.path, before: f.before.toString('base64'), after: f.after.toString('base64')}))
    writeFileSync(specPath, JSON.stringify({...spec, files}))
    this.proc = spawn(process.execPath, [childPath, specPath], {stdio: ['pipe', 'pipe', 'pipe']})
    let buf = ''
    this.proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8')
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        this.#push(buf.slice(0, i))
        buf = buf.slice(i + 1)
      }
    })
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code, signal) => {
        this.#ended = true
        for (const w of this.#waiters.splice(0)) w(undefined)
        resolve({code, signal})
      }),
    )
  }

  #push(line: string): void {
    const w = this.#waiters.shift()
    if (w) w(line)
    else this.#lines.push(line)
  }

  /** The next line the child printed, or undefined once it has exited. */
  next(): Promise<string | undefined> {
    const l = this.#lines.shift()
    if (l !== undefined) return Promise.resolve(l)
    if (this.#ended) return Promise.resolve(undefined)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  /** Let a paused child take its next step. */
  go(): void {
    this.proc.stdin.write('g')
  }

  async kill(): Promise<void> {
    // By pid, never by name.
    if (this.proc.pid !== undefined) process.kill(this.proc.pid, 'SIGKILL')
    await this.exited
  }
}
