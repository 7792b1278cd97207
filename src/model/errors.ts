import type {Place} from './place.js'

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_READ'
  | 'CONFIG_PARSE'
  | 'CONFIG_INCLUDE'
  | 'UNIT_READ'
  | 'UNIT_PARSE'
  | 'TOKEN_INVALID'
  | 'NOT_CONFIRMED'
  | 'LOCKED'
  | 'BACKUP_NOT_FOUND'
  | 'APPLY_FAILED'
  | 'SYSTEMCTL_UNAVAILABLE'
  | 'RESTART_FAILED'
  | 'PREFLIGHT'
  | 'INTERNAL'

/** Exit codes: 0 ok, 1 findings, 2 usage/input/runtime error, 3 apply or restart failed. */
export const EXIT = {OK: 0, FINDINGS: 1, ERROR: 2, FAILED: 3} as const

/**
 * A user-facing error: one sentence, where it happened, and what to do next.
 * Never put a secret value in message or hint.
 */
export class ClawdocError extends Error {
  readonly code: ErrorCode
  readonly exitCode: number
  readonly hint?: string
  readonly place?: Place

  constructor(code: ErrorCode, message: string, opts: {hint?: string; place?: Place; exitCode?: number; cause?: unknown} = {}) {
    super(message, opts.cause === undefined ? undefined : {cause: opts.cause})
    this.name = 'ClawdocError'
    this.code = code
    this.exitCode = opts.exitCode ?? (code === 'APPLY_FAILED' || code === 'RESTART_FAILED' ? EXIT.FAILED : EXIT.ERROR)
    this.hint = opts.hint
    this.place = opts.place
  }
}

export function isErrnoException(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string'
}

/** The errno code of an fs error, or undefined. */
export function errnoCode(err: unknown): string | undefined {
  return isErrnoException(err) ? err.code : undefined
}
