import {ClawdocError, EXIT} from '../model/errors.js'
import {formatPlace} from './place.js'

/** Version of every --json document; a breaking change means 2 and new schema files. */
export const SCHEMA_VERSION = 1 as const

export interface ErrorJson {
  schemaVersion: number
  command: string
  ok: false
  error: {code: string; message: string; hint?: string; place?: string}
}

export function describeError(err: unknown): ErrorJson['error'] {
  if (err instanceof ClawdocError) {
    return {code: err.code, message: err.message, hint: err.hint, place: err.place ? formatPlace(err.place) : undefined}
  }
  const e = err as {oclif?: {exit?: number}; message?: string}
  if (e && typeof e === 'object' && e.oclif) {
    // Flag parsing and usage errors from oclif: their text names flags, never values we hold.
    return {code: 'USAGE', message: firstLine(e.message ?? 'invalid usage'), hint: 'See: clawdoc --help'}
  }
  return {code: 'INTERNAL', message: `unexpected error: ${firstLine((err as Error)?.message ?? String(err))}`}
}

export function errorExitCode(err: unknown): number {
  const e = err as {oclif?: {exit?: number}}
  const code = err instanceof ClawdocError ? err.exitCode : (e?.oclif?.exit ?? EXIT.ERROR)
  return code === 0 ? EXIT.ERROR : code
}

export function errorJson(command: string, err: unknown): ErrorJson {
  return {schemaVersion: SCHEMA_VERSION, command, ok: false, error: describeError(err)}
}

/** One clear sentence on stderr, the place and the next step; never a stack trace. */
export function errorText(err: unknown): string {
  const e = describeError(err)
  const lines = [`clawdoc: ${e.message}`]
  if (e.place) lines.push(`  at ${e.place}`)
  if (e.hint) lines.push(`  ${e.hint}`)
  if (e.code === 'INTERNAL') lines.push('  This is a bug in clawdoc. Re-run with DEBUG=clawdoc* for details.')
  return lines.join('\n') + '\n'
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s
}
