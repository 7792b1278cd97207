import {randomBytes} from 'node:crypto'

import {ClawdocError} from '../model/errors.js'
import {Secret} from '../model/secret.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {Diagnosis} from '../model/views.js'

/** A new value chosen by the user shorter than this needs --allow-weak (a value already in use never does). */
export const MIN_TOKEN_LENGTH = 16

const VAR = 'CLAWDBOT_GATEWAY_TOKEN'

/**
 * The kernel's limit on ONE environment string, `NAME=value` plus its NUL: MAX_ARG_STRLEN =
 * 32 pages = 131072 bytes (include/uapi/linux/binfmts.h). A longer unit env makes execve() fail
 * with E2BIG, so the service never starts. Measured on systemd 252 under a real user manager
 * (test/e2e/token-limits.test.ts): a 131048-byte CLAWDBOT_GATEWAY_TOKEN starts, 131049 does not.
 */
export const MAX_ARG_STRLEN = 131_072
/**
 * systemd's LONG_LINE_MAX (src/basic/fileio.h, 1 MiB). Measured on systemd 252 in
 * test/e2e/token-limits.test.ts: an Environment= line of 1048559 characters is kept, a longer one
 * is silently dropped (and a 2,000,000-character one never reaches the service). Far above
 * MAX_ARG_STRLEN even with every character escaped (`\\` and `%%` double it at most), so the
 * kernel's limit is the bound.
 */
export const LONG_LINE_MAX = 1_048_576
/** The longest token (UTF-8 bytes) every copy can hold: the unit env string must fit MAX_ARG_STRLEN. */
export const MAX_TOKEN_BYTES = MAX_ARG_STRLEN - `${VAR}=`.length - 1

export type TokenSourceName = 'auth' | 'remote' | 'env' | 'unit'

/** Where the new value comes from (flags of `sync-token`). */
export type TokenChoice =
  | {kind: 'server'}
  | {kind: 'value'; value: string; via: 'flag' | 'stdin'}
  | {kind: 'generate'}
  | {kind: 'from'; source: TokenSourceName}

export interface ChooseOptions {
  /** Accept a NEW value shorter than MIN_TOKEN_LENGTH (--allow-weak). */
  allowWeak?: boolean
}

export interface ChosenToken {
  value: Secret
  /** One sentence: where it came from (no secret). */
  origin: string
  notes: string[]
}

/**
 * Why `value` cannot be a token at all, or undefined when it can. Only what no copy can hold:
 * empty, outer whitespace (the server compares untrimmed, the clients trim, src/docs/CLAWDBOT.md §4), NUL
 * (no environment string can hold it), longer than MAX_TOKEN_BYTES. Which characters a given file
 * can hold is decided by that file's writer (the editors under src/formats), which names the file when it
 * cannot. `isNew`: the user typed this value (not one already in use), so a short one needs
 * `allowWeak`. Never quotes the value.
 */
export function tokenProblem(value: string, opts: {isNew?: boolean; allowWeak?: boolean} = {}): string | undefined {
  if (value.length === 0) return 'The token is empty.'
  if (value.trim() !== value) return 'The token starts or ends with whitespace: the gateway compares it as written, its clients trim it, so they would never ' +
    'match.'
  const nul = value.indexOf('\0')
  if (nul >= 0) return `The token contains a NUL character at position ${nul + 1}; no environment variable can hold it.`
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) return 'The token is not valid Unicode text (a lone surrogate); ' +
    'no file can hold it as UTF-8.'
  const bytes = Buffer.byteLength(value, 'utf8')
  if (bytes > MAX_TOKEN_BYTES) {
    return `The token is ${bytes} bytes long; the longest that fits in a service's environment is ${MAX_TOKEN_BYTES} bytes (the kernel's ` +
      `${MAX_ARG_STRLEN}-byte limit on one NAME=value string).`
  }
  if (opts.isNew && !opts.allowWeak && value.length < MIN_TOKEN_LENGTH) {
    return `The new token is short (${value.length} characters; at least ${MIN_TOKEN_LENGTH}). Pass --allow-weak to use it anyway.`
  }
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
export function chooseToken({facts, views}: Diagnosis, choice: TokenChoice, random?: (n: number) => Buffer, opts: ChooseOptions = {}): ChosenToken {
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
      const what =
        choice.kind === 'server'
          ? 'The gateway server has no token to copy (none in the config, the unit or its environment).'
          : `There is no ${label} to copy from.`
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
  // A value already in use is adopted whatever its strength (token.weak warns about it):
  // refusing it would leave the stale copies broken, and changing it breaks every other client.
  const problem = tokenProblem(value.reveal(), {isNew: choice.kind === 'value', allowWeak: opts.allowWeak})
  if (problem) {
    throw new ClawdocError('TOKEN_INVALID', problem, {hint: 'Pick another value, or let clawdoc make one with --generate.'})
  }
  return {value, origin, notes}
}
