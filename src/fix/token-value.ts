import {randomBytes} from 'node:crypto'

import {ClawdocError} from '../model/errors.js'
import {Secret} from '../model/secret.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {Diagnosis} from '../model/views.js'

export const MIN_TOKEN_LENGTH = 16

export type TokenSourceName = 'auth' | 'remote' | 'env' | 'unit'

/** Where the new value comes from (flags of `sync-token`). */
export type TokenChoice =
  | {kind: 'server'}
  | {kind: 'value'; value: string; via: 'flag' | 'stdin'}
  | {kind: 'generate'}
  | {kind: 'from'; source: TokenSourceName}

export interface ChosenToken {
  value: Secret
  /** One sentence: where it came from (no secret). */
  origin: string
  notes: string[]
}

/**
 * Characters that cannot round-trip through every copy: whitespace and controls
 * (the server does not trim, clients do), quotes and backslash (the product's
 * unit quoting is broken), `$` (`${VAR}` in the config, `$VAR` in units/dotenv),
 * `%` (systemd specifiers), `#` (dotenv comment), backtick (dotenv quote).
 */
const BAD: [RegExp, string][] = [
  [/[\r\n]/, 'a line break'],
  [/\s/, 'whitespace'],
  [/[\x00-\x1f\x7f]/, 'a control character'],
  [/["'`]/, 'a quote character'],
  [/\\/, 'a backslash'],
  [/\$/, 'a "$" (read as a variable reference by the config and by systemd)'],
  [/%/, 'a "%" (a systemd specifier)'],
  [/#/, 'a "#" (starts a comment in .env files)'],
  [/[^\x21-\x7e]/, 'a non-ASCII character'],
]

/** Why `value` cannot be used as a token, or undefined when it can. Never quotes the value. */
export function tokenProblem(value: string): string | undefined {
  for (const [re, what] of BAD) {
    const m = re.exec(value)
    if (m) return `The token contains ${what} at position ${m.index + 1}; it would not survive every file it is copied to.`
  }
  if (value.length < MIN_TOKEN_LENGTH) return `The token is too short (${value.length} characters; at least ${MIN_TOKEN_LENGTH}).`
  return undefined
}

/** 24 random bytes as 48 lowercase hex, exactly as the product's `randomToken()`. */
export function generateToken(random: (n: number) => Buffer = randomBytes): Secret {
  return new Secret(random(24).toString('hex'))
}

function fromSource(facts: Facts, source: TokenSourceName): TokenCopy | undefined {
  switch (source) {
    case 'auth':
      return facts.config.gateway.authToken
    case 'remote':
      return facts.config.gateway.remoteToken
    case 'env':
      return facts.env.shell.find((c) => c.secret === 'token')
    case 'unit':
      return facts.unit.token
  }
}

const SOURCE_LABEL: Record<TokenSourceName, string> = {
  auth: 'gateway.auth.token',
  remote: 'gateway.remote.token',
  env: 'CLAWDBOT_GATEWAY_TOKEN in this shell',
  unit: `the unit's CLAWDBOT_GATEWAY_TOKEN`,
}

/**
 * Pick and validate the value to sync. Throws TOKEN_INVALID / USAGE (exit 2) with nothing written.
 * The default is the token the server takes at its next start (views.serverNextStart): the files,
 * not what the running process still holds. Copying the running process' stale env token back
 * into the files would undo an edit the user made on purpose (a rotation not yet restarted).
 */
export function chooseToken({facts, views}: Diagnosis, choice: TokenChoice, random?: (n: number) => Buffer): ChosenToken {
  const notes: string[] = []
  let value: Secret
  let origin: string
  if (choice.kind === 'generate') {
    return {value: generateToken(random), origin: 'newly generated (24 random bytes, 48 hex)', notes}
  } else if (choice.kind === 'value') {
    // A pasted value keeps its trailing newline from `echo` / a file; that newline is never meant.
    value = new Secret(choice.via === 'stdin' ? choice.value.replace(/\r?\n$/, '') : choice.value)
    origin = choice.via === 'stdin' ? 'read from stdin' : 'given with --token'
    if (choice.via === 'flag') notes.push('--token puts the value in your shell history and in `ps`; prefer --token-stdin.')
  } else {
    const copy = choice.kind === 'server' ? views.serverNextStart.copy : fromSource(facts, choice.source)
    const label = choice.kind === 'server' ? 'the token the gateway server will use' : SOURCE_LABEL[choice.source]
    if (!copy || copy.nonString === 'object' || copy.nonString === 'null' || copy.value.isEmpty) {
      const what = choice.kind === 'server' ? 'The gateway server has no token to copy (none in the config, the unit or its environment).' : `There is no ${label} to copy from.`
      throw new ClawdocError('USAGE', what, {
        hint: 'Choose the value with --from auth|remote|env|unit, --token-stdin, or --generate.',
      })
    }
    value = copy.value
    origin = `copied from ${label} (${copy.label})`
    if (value.hasOuterWhitespace) {
      value = value.trimmed()
      notes.push(`Removed the whitespace around ${copy.label}: the server compares it untrimmed, the clients trim it.`)
    }
  }
  const problem = tokenProblem(value.reveal())
  if (problem) {
    throw new ClawdocError('TOKEN_INVALID', problem, {hint: 'Pick another value, or let clawdoc make one with --generate.'})
  }
  return {value, origin, notes}
}
