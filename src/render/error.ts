import {ClawdocError, EXIT} from '../model/errors.js'
import {Secret} from '../model/secret.js'
import {formatPlace} from '../model/format-place.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'


export interface ErrorJson {
  schemaVersion: number
  command: string
  ok: false
  error: {code: string; message: string; hint?: string; place?: string}
}

/** What a usage error may add: a better hint (a "did you mean"), and values that must not be echoed (a --token). */
export interface ErrorExtras {
  hint?: string
  secrets?: readonly string[]
}

export function describeError(err: unknown, extras: ErrorExtras = {}): ErrorJson['error'] {
  if (err instanceof ClawdocError) {
    return {code: err.code, message: err.message, hint: err.hint, place: err.place ? formatPlace(err.place) : undefined}
  }
  const e = err as {oclif?: {exit?: number}; message?: string}
  if (e && typeof e === 'object' && e.oclif) {
    // Flag parsing and usage errors from oclif, whole; a secret flag's value (oclif may quote it) is masked.
    let message = wholeMessage(e.message ?? 'invalid usage')
    for (const s of extras.secrets ?? []) if (s !== '') message = message.replaceAll(s, new Secret(s).mask())
    return {code: 'USAGE', message, hint: extras.hint ?? 'See: clawdoc --help'}
  }
  return {code: 'INTERNAL', message: `unexpected error: ${firstLine((err as Error)?.message ?? String(err))}`}
}

export function errorExitCode(err: unknown): number {
  const e = err as {oclif?: {exit?: number}}
  const code = err instanceof ClawdocError ? err.exitCode : (e?.oclif?.exit ?? EXIT.ERROR)
  return code === 0 ? EXIT.ERROR : code
}

export function errorJson(command: string, err: unknown, extras?: ErrorExtras): ErrorJson {
  return {schemaVersion: SCHEMA_VERSION, command, ok: false, error: describeError(err, extras)}
}

/** One clear sentence on stderr, the place and the next step; never a stack trace. */
export function errorText(err: unknown, extras?: ErrorExtras): string {
  const e = describeError(err, extras)
  const lines = [`clawdoc: ${e.message}`]
  if (e.place) lines.push(`  at ${e.place}`)
  if (e.hint) lines.push(`  ${e.hint}`)
  if (e.code === 'INTERNAL') lines.push('  This is a bug in clawdoc. Re-run with DEBUG=clawdoc* for details.')
  return lines.join('\n') + '\n'
}

/** oclif's multi-line message on one line: "Parsing --timeout: Expected an integer but received: abc". */
function wholeMessage(s: string): string {
  const lines = s.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('See more help with'))
  if (lines.length <= 1) return lines[0] ?? s
  return `${lines[0].replace(/:$/, '')}: ${lines.slice(1).join('; ')}`
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s
}
