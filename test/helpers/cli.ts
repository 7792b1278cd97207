import {spawn} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {Ajv} from 'ajv'
import {Ajv2020} from 'ajv/dist/2020.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RUN = path.join(ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Run the built CLI as a child process with exactly this environment (nothing inherited but PATH). */
export function runCli(
  args: string[],
  opts: {env?: Record<string, string | undefined>; cwd?: string; input?: string; timeoutMs?: number} = {},
): Promise<CliResult> {
  const env: Record<string, string> = {PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1'}
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], {env, cwd: opts.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr, ms: performance.now() - started})
    })
    // A child that exits before reading its stdin (a usage error) closes the pipe: EPIPE is that, not a failure.
    child.stdin.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') reject(e)
    })
    child.stdin.end(opts.input ?? '')
  })
}

/** A temp HOME populated with files (relative path -> content); config files get mode 0600. */
export function makeHome(files: Record<string, string>): {home: string; cleanup(): void} {
  const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-home-'))
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(home, rel)
    mkdirSync(path.dirname(p), {recursive: true})
    writeFileSync(p, content)
    if (rel.endsWith('.json')) chmodSync(p, 0o600)
  }
  return {home, cleanup: () => rmSync(home, {recursive: true, force: true})}
}

let ajv2020: InstanceType<typeof Ajv2020> | undefined
let ajv07: InstanceType<typeof Ajv> | undefined
/** Validate a --json document against schemas/<name> (draft 2020-12 or 07); returns the ajv errors (empty = valid). */
export async function schemaErrors(name: string, doc: unknown): Promise<string[]> {
  const {readFile} = await import('node:fs/promises')
  const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas', name), 'utf8'))
  const ajv = String(schema.$schema ?? '').includes('draft-07')
    ? (ajv07 ??= new Ajv({allErrors: true, strict: false}))
    : (ajv2020 ??= new Ajv2020({allErrors: true, strict: false}))
  const validate = ajv.getSchema(schema.$id ?? name) ?? ajv.compile(schema)
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)
}
