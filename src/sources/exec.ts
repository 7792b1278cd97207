/**
 * The one way clawdoc runs another program: an argv array (never a shell),
 * a timeout, LC_ALL=C, and a result instead of an exception.
 * execa is imported lazily: `doctor` without a user bus never pays for it.
 */
export interface ExecOptions {
  timeoutMs?: number
  /** The child's whole environment (from Context.env); LC_ALL=C is forced. Omitted: inherit. */
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

export const execFile: Exec = async (file, args, opts = {}) => {
  for (const o of observers) o(file, args)
  const {execa} = await import('execa')
  const result = await execa(file, [...args], {
    reject: false,
    timeout: opts.timeoutMs ?? 10_000,
    env: {...opts.env, LC_ALL: 'C'},
    extendEnv: opts.env === undefined,
    input: opts.input,
    cwd: opts.cwd,
    stripFinalNewline: false,
    stdin: opts.input === undefined ? 'ignore' : 'pipe',
  })
  const spawnError = result.exitCode === undefined && result.failed && !result.timedOut ? (result.code ?? result.shortMessage) : undefined
  return {
    ok: result.exitCode === 0 && !result.timedOut,
    code: result.exitCode ?? null,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
    timedOut: Boolean(result.timedOut),
    spawnError,
  }
}
