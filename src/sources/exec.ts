import {spawn} from 'node:child_process'

import {errnoCode} from '../model/errors.js'

/**
 * The one way clawdoc runs another program: an argv array (never a shell), a timeout,
 * LC_ALL=C, and a result instead of an exception. Built on node:child_process directly:
 * importing execa cost more than the systemctl calls themselves (~64 ms against a ~20 ms
 * `node -e 0`, README.md, Performance), which `clawdoc restart` paid on every run.
 */
export interface ExecOptions {
  timeoutMs?: number
  /** The child's whole environment (from Context.env); LC_ALL=C is forced. Omitted: inherit clawdoc's own. */
  env?: Record<string, string | undefined>
  input?: string
  cwd?: string
}

export interface ExecResult {
  ok: boolean
  /** Exit code; null when killed or not started. */
  code: number | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** Set when the program could not be started at all (ENOENT, EACCES). */
  spawnError?: string
}

export type Exec = (file: string, args: readonly string[], opts?: ExecOptions) => Promise<ExecResult>

/** Observers of every child process started (for the secret-hygiene tests). */
const observers: ((file: string, args: readonly string[]) => void)[] = []
export function observeExec(fn: (file: string, args: readonly string[]) => void): () => void {
  observers.push(fn)
  return () => observers.splice(observers.indexOf(fn), 1)
}

/** After the timeout's SIGTERM, a child that is still there gets SIGKILL this much later. */
const FORCE_KILL_MS = 5000
/** Output kept per stream; more is a runaway child: it is killed and the run fails. */
const MAX_BUFFER = 64 * 2 ** 20

export const execFile: Exec = (file, args, opts = {}) => {
  for (const o of observers) o(file, args)
  return new Promise((resolve) => {
    const out: Buffer[][] = [[], []]
    const size = [0, 0]
    let timedOut = false
    let overflow = false
    let spawnError: string | undefined
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(file, [...args], {
        env: opts.env === undefined ? undefined : {...opts.env, LC_ALL: 'C'},
        cwd: opts.cwd,
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      })
    } catch (err) {
      // Arguments node refuses before starting anything (a NUL byte in argv or env): not started, like ENOENT.
      resolve({ok: false, code: null, stdout: '', stderr: '', timedOut: false, spawnError: errnoCode(err) ?? String(err)})
      return
    }
    const kill = (why: () => void) => {
      why()
      child.kill('SIGTERM')
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), FORCE_KILL_MS).unref()
    }
    const timer = setTimeout(() => kill(() => (timedOut = true)), opts.timeoutMs ?? 10_000)
    for (const [i, stream] of [child.stdout, child.stderr].entries()) {
      stream?.on('data', (chunk: Buffer) => {
        size[i] += chunk.length
        if (size[i] <= MAX_BUFFER) out[i].push(chunk)
        else if (!overflow) kill(() => (overflow = true))
      })
    }
    if (opts.input !== undefined && child.stdin) {
      // A child that exits without reading its stdin closes the pipe (EPIPE): its exit code says what happened.
      child.stdin.on('error', (err) => void errnoCode(err))
      child.stdin.end(opts.input)
    }
    // Not started at all (ENOENT, EACCES): 'error' comes, then 'close' with no exit code.
    child.once('error', (err) => {
      if (child.pid === undefined) spawnError = errnoCode(err) ?? err.message
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      const exitCode = spawnError === undefined && !timedOut && !overflow ? code : null
      resolve({
        ok: exitCode === 0,
        code: exitCode,
        stdout: Buffer.concat(out[0]).toString('utf8'),
        stderr: Buffer.concat(out[1]).toString('utf8'),
        timedOut,
        spawnError,
      })
    })
  })
}
