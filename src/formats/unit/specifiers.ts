// systemd specifiers as a *user* manager expands them in Environment= and EnvironmentFile=
// (systemd.unit(5) "Specifiers"; src/core/unit-printf.c, src/shared/specifier.c, systemd 252).
// Pure: everything comes from SpecifierContext. A specifier whose value clawdoc cannot know
// (host, OS, boot, credentials...) is reported, never guessed: the service sees another value.

import * as path from 'node:path'

export interface SpecifierContext {
  /** The unit's full name, e.g. `clawdbot-gateway.service` or `foo@bar.service`. */
  unitName: string
  /** %h: the user's home directory (the manager's $HOME). */
  home: string
  /** %U: the user's numeric id. */
  uid?: number
  /** %u: the user name, when known. */
  user?: string
  /** The manager's environment, for the XDG dirs (%t %E %C %S %L) and %T %V. */
  env: Readonly<Record<string, string | undefined>>
  /** %y: the unit file's path (the fragment). */
  fragmentPath?: string
}

/** Every letter systemd 252 knows for unit files; the others make systemd refuse the word. */
export const SPECIFIER_LETTERS = 'aAbBCdEfgGhHiIjJlLmMnNopPqsStTuUvVwWyY'

/** What each letter means, for messages (systemd.unit(5)). */
export const SPECIFIER_MEANING: Record<string, string> = {
  a: 'architecture', A: 'OS image version', b: 'boot ID', B: 'OS build ID', C: 'cache directory', d: 'credentials directory',
  E: 'configuration directory', f: 'unescaped file name', g: 'group name', G: 'group id', h: 'home directory', H: 'host name',
  i: 'instance name', I: 'unescaped instance name', j: 'final prefix component', J: 'unescaped final prefix component',
  l: 'short host name', L: 'log directory', m: 'machine ID', M: 'OS image ID', n: 'full unit name', N: 'unit name without suffix',
  o: 'OS ID', p: 'prefix name', P: 'unescaped prefix name', q: 'pretty host name', s: 'user shell', S: 'state directory',
  t: 'runtime directory', T: 'temporary directory', u: 'user name', U: 'user id', v: 'kernel release', V: 'large temporary directory',
  w: 'OS version ID', W: 'OS variant ID', y: 'unit file path', Y: 'unit file directory',
}

/** unit_name_unescape(): `\xNN` is that byte, `-` is `/`. */
export function unescapeUnitName(s: string): string {
  return s.replace(/\\x([0-9a-fA-F]{2})|-/g, (m, hex: string | undefined) => (hex === undefined ? '/' : String.fromCharCode(Number.parseInt(hex, 16))))
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v !== '' ? v : undefined
}

/** The value of `%<c>` for this context, or undefined when clawdoc cannot know it. */
export function specifierValue(c: string, ctx: SpecifierContext): string | undefined {
  const name = ctx.unitName
  const noSuffix = name.replace(/\.[^.]+$/, '')
  const at = noSuffix.indexOf('@')
  const prefix = at < 0 ? noSuffix : noSuffix.slice(0, at)
  const instance = at < 0 ? undefined : noSuffix.slice(at + 1)
  const dash = prefix.lastIndexOf('-')
  const finalPrefix = dash < 0 ? prefix : prefix.slice(dash + 1)
  const xdg = (v: string, dflt: string): string => {
    const e = nonEmpty(ctx.env[v])
    return e !== undefined && path.isAbsolute(e) ? e : path.join(ctx.home, dflt)
  }
  switch (c) {
    case '%':
      return '%'
    case 'n':
      return name
    case 'N':
      return noSuffix
    case 'p':
      return prefix
    case 'P':
      return unescapeUnitName(prefix)
    case 'i':
      return instance ?? ''
    case 'I':
      return unescapeUnitName(instance ?? '')
    case 'j':
      return finalPrefix
    case 'J':
      return unescapeUnitName(finalPrefix)
    case 'f':
      // unit_name_to_path(): "/" + the unescaped instance, or prefix when there is none.
      return `/${unescapeUnitName(instance ?? prefix)}`.replace(/^\/\/+/, '/')
    case 'h':
      return ctx.home
    case 'U':
      return ctx.uid === undefined ? undefined : String(ctx.uid)
    case 'u':
      return nonEmpty(ctx.user)
    case 't':
      return nonEmpty(ctx.env.XDG_RUNTIME_DIR)
    case 'E':
      return xdg('XDG_CONFIG_HOME', '.config')
    case 'C':
      return xdg('XDG_CACHE_HOME', '.cache')
    case 'S':
      return xdg('XDG_STATE_HOME', path.join('.local', 'state'))
    case 'L':
      return path.join(xdg('XDG_STATE_HOME', path.join('.local', 'state')), 'log')
    case 'T':
      return nonEmpty(ctx.env.TMPDIR) ?? nonEmpty(ctx.env.TEMP) ?? nonEmpty(ctx.env.TMP) ?? '/tmp'
    case 'V':
      return nonEmpty(ctx.env.TMPDIR) ?? nonEmpty(ctx.env.TEMP) ?? nonEmpty(ctx.env.TMP) ?? '/var/tmp'
    case 'y':
      return ctx.fragmentPath
    case 'Y':
      return ctx.fragmentPath === undefined ? undefined : path.dirname(ctx.fragmentPath)
    default:
      // Host, OS, boot, machine, credentials, group, shell, architecture: not in the Context.
      return undefined
  }
}

export type Expansion =
  | {ok: true; text: string; unresolved: string[]}
  /** systemd refuses a word with an unknown letter (specifier_printf: -EBADSLT). */
  | {ok: false; invalid: string}

/**
 * Expand every `%x` in one word as systemd does: `%%` is `%`, a trailing lone `%` stays, a letter
 * systemd does not know makes the word invalid. Letters whose value clawdoc cannot know are left
 * as written and listed in `unresolved` (the service then sees another value).
 */
export function expandSpecifiers(word: string, ctx: SpecifierContext | undefined): Expansion {
  let text = ''
  const unresolved: string[] = []
  for (let i = 0; i < word.length; i++) {
    if (word[i] !== '%' || i === word.length - 1) {
      text += word[i]
      continue
    }
    const c = word[++i]
    if (c !== '%' && !SPECIFIER_LETTERS.includes(c)) return {ok: false, invalid: c}
    const v = c === '%' ? '%' : ctx === undefined ? undefined : specifierValue(c, ctx)
    if (v === undefined) {
      text += `%${c}`
      if (!unresolved.includes(c)) unresolved.push(c)
    } else text += v
  }
  return {ok: true, text, unresolved}
}

/** One sentence for a value that keeps specifiers clawdoc could not expand. */
export function unresolvedMessage(what: string, letters: string[]): string {
  const list = letters.map((c) => `%${c} (${SPECIFIER_MEANING[c] ?? 'unknown'})`).join(', ')
  return `${what} uses the systemd specifier${letters.length > 1 ? 's' : ''} ${list}, which clawdoc cannot expand: unknown specifier, the service sees ` +
    `another value.`
}
