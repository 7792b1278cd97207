// Values of Environment= and ExecStart=, read as systemd 252 reads them
// (config_parse_environ / config_parse_exec in src/core/load-fragment.c). Pure.
// Problems never quote a word: a word may hold a token.

import {ClawdocError} from '../../model/errors.js'
import {extractWord} from './words.js'
import {expandSpecifiers, type SpecifierContext} from './specifiers.js'

export interface EnvAssignment {
  name: string
  /** The value after unescaping, `%%` -> `%` and (given a context) the specifiers expanded; the others are left as written. */
  value: string
  /** Offsets of the whole word (quotes included) in the input. */
  start: number
  end: number
  /** Specifiers (e.g. `h` for `%h`) systemd replaces but clawdoc could not: the value is then not exactly known. */
  specifiers?: string[]
}

/** A valid environment variable name for systemd (env_name_is_valid), in units and environment files alike. */
export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Resolve `%%` and, given a context, the specifiers systemd expands (formats/unit/specifiers.ts).
 * Letters left unexpanded are listed; an unknown one makes systemd drop the word.
 */
export function scanSpecifiers(word: string, ctx?: SpecifierContext): {text: string; specifiers: string[]} | {unknown: string} {
  const r = expandSpecifiers(word, ctx)
  return r.ok ? {text: r.text, specifiers: r.unresolved} : {unknown: r.invalid}
}

/** Split an `Environment=` value into the assignments systemd keeps (later ones win when applied). */
export function splitEnvironmentValue(value: string, spec?: SpecifierContext): {assignments: EnvAssignment[]; problems: string[]} {
  const assignments: EnvAssignment[] = []
  const problems: string[] = []
  let n = 0
  for (let at = 0; ; ) {
    const r = extractWord(value, at)
    if (!r.ok) {
      // systemd logs "Invalid syntax, ignoring" and drops the rest of the line (earlier words stay).
      problems.push(`Invalid syntax (${r.error}); systemd ignores word ${n + 1} and everything after it.`)
      break
    }
    if (!r.word) break
    n++
    at = r.next
    const sc = scanSpecifiers(r.word.text, spec)
    if ('unknown' in sc) {
      problems.push(`Word ${n} uses the unknown specifier "%${sc.unknown}"; systemd ignores it.`)
      continue
    }
    const eq = sc.text.indexOf('=')
    const name = eq < 0 ? '' : sc.text.slice(0, eq)
    if (!NAME_RE.test(name)) {
      problems.push(eq < 0 ? `Word ${n} has no "="; systemd ignores it.` : `Word ${n} has an invalid variable name; systemd ignores it.`)
      continue
    }
    const a: EnvAssignment = {name, value: sc.text.slice(eq + 1), start: r.word.start, end: r.word.end}
    if (sc.specifiers.length > 0) a.specifiers = sc.specifiers
    assignments.push(a)
  }
  return {assignments, problems}
}

export interface ExecCommand {
  /** The program path (prefixes removed). */
  path: string
  /** argv as the process sees it (argv[0] is the path unless `@` gave a separate one). */
  argv: string[]
  prefixes: string
  problems: string[]
}

/** The first command of an `ExecStart=` value (a lone `;` separates commands). */
export function parseExecStart(value: string): ExecCommand {
  const words: string[] = []
  const problems: string[] = []
  for (let at = 0; at < value.length; ) {
    const rest = value.slice(at)
    if (/^;(\s|$)/.test(rest)) break
    if (/^\\;(\s|$)/.test(rest)) {
      // `\;` is a literal ";" argument; checked before unescaping, as systemd does.
      words.push(';')
      at += 2 + (/^\s*/.exec(value.slice(at + 2))?.[0].length ?? 0)
      continue
    }
    const r = extractWord(value, at)
    if (!r.ok) {
      problems.push(`Invalid syntax in ExecStart= (${r.error}); systemd refuses this command.`)
      break
    }
    if (!r.word) break
    words.push(r.word.text)
    at = r.next
  }
  const first = words.shift() ?? ''
  const prefixes = /^[-@:+!]*/.exec(first)?.[0] ?? ''
  const path = first.slice(prefixes.length)
  const argv = prefixes.includes('@') ? words : [path, ...words]
  if (path === '') problems.push('ExecStart= has no program path.')
  return {path, argv, prefixes, problems}
}

/** argv of the first command in an `ExecStart=` value. */
export function splitExecStart(value: string): string[] {
  return parseExecStart(value).argv
}

/** True for characters a token must not hold: C0/C1 controls, DEL, line/paragraph separators, lone surrogates. */
export function hasUnsafeChar(value: string): boolean {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)
}

/**
 * The text to put after `Environment=` so that systemd reads back exactly `name=value`.
 * The single place that decides unit quoting: always double quotes; `\` and `"` escaped,
 * `%` doubled (specifiers are resolved after unquoting). Control characters are refused:
 * a newline would end the line and let a value inject `ExecStart=` or another assignment.
 */
export function formatEnvironmentAssignment(name: string, value: string): string {
  if (!NAME_RE.test(name)) throw new ClawdocError('INTERNAL', 'Invalid environment variable name for a unit file.')
  if (hasUnsafeChar(value)) {
    throw new ClawdocError('TOKEN_INVALID', `This unit file cannot hold the new ${name} value: it contains a control character or line break.`, {
      hint: 'A token must be printable text on one line; generate a new one (48 hex chars).',
    })
  }
  const escaped = `${name}=${value}`.replace(/[\\"]/g, (c) => `\\${c}`).replace(/%/g, '%%')
  return `"${escaped}"`
}
