import {Command, Flags} from '@oclif/core'

import {ClawdocError, EXIT} from './errors.js'
import {formatPlace} from './render/place.js'

export const SCHEMA_VERSION = 1

/** Flags every command shares: where to look. */
export const locationFlags = {
  profile: Flags.string({description: 'clawdbot profile name (same as the product\'s --profile): ~/.clawdbot-NAME and clawdbot-gateway-NAME.service', helpGroup: 'LOCATION'}),
  dev: Flags.boolean({description: 'same as --profile dev', helpGroup: 'LOCATION', default: false}),
  config: Flags.string({description: 'path of clawdbot.json (default: as the product resolves it)', helpGroup: 'LOCATION'}),
  unit: Flags.string({description: 'systemd user unit name (default: clawdbot-gateway[-PROFILE].service)', helpGroup: 'LOCATION'}),
}

export interface ErrorJson {
  schemaVersion: number
  command: string
  ok: false
  error: {code: string; message: string; hint?: string; place?: string}
}

/**
 * Every clawdoc command: JSON on stdout when --json, one clear sentence on
 * stderr otherwise, never a stack trace for a user error, and the exit codes
 * of the README (0 ok, 1 findings, 2 usage/input/runtime, 3 apply/restart failed).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  override logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  }

  protected commandName(): string {
    return this.id ?? 'clawdoc'
  }

  override toErrorJson(err: unknown): ErrorJson {
    const e = describeError(err)
    return {schemaVersion: SCHEMA_VERSION, command: this.commandName(), ok: false, error: e}
  }

  override async catch(err: Error & {oclif?: {exit?: number}; exitCode?: number}): Promise<void> {
    // oclif's own exit (this.exit()) and help/version requests pass through untouched.
    if (err.constructor?.name === 'ExitError') throw err
    const code = err instanceof ClawdocError ? err.exitCode : (err.oclif?.exit ?? EXIT.ERROR)
    process.exitCode = code === 0 ? EXIT.ERROR : code
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(err))
      return
    }
    const e = describeError(err)
    const lines = [`clawdoc: ${e.message}`]
    if (e.place) lines.push(`  at ${e.place}`)
    if (e.hint) lines.push(`  ${e.hint}`)
    if (e.code === 'INTERNAL') lines.push('  This is a bug in clawdoc. Re-run with DEBUG=clawdoc* for details.')
    process.stderr.write(lines.join('\n') + '\n')
    if (e.code === 'INTERNAL') this.debug(err)
  }
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

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s
}
