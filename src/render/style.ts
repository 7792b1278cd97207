/** The few colours the renderers use. A chalk instance fits; so does the plain no-op below. */
export interface Style {
  bold(s: string): string
  dim(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
  blue(s: string): string
  cyan(s: string): string
  magenta(s: string): string
}

const same = (s: string): string => s
/** No colour: what pipes, CI logs and NO_COLOR get, without loading chalk at all. */
export const PLAIN: Style = {bold: same, dim: same, red: same, green: same, yellow: same, blue: same, cyan: same, magenta: same}

/**
 * Colour only for a TTY, never when NO_COLOR is set (any non-empty value, no-color.org)
 * or --no-color is given; FORCE_COLOR forces it (for tests of the coloured output).
 * chalk is imported only when colour is on: it costs ~9 ms of start-up.
 */
export async function makeStyle(opts: {env: Readonly<Record<string, string | undefined>>; isTTY: boolean; noColor?: boolean}): Promise<Style> {
  const {env} = opts
  let on = opts.isTTY
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') on = true
  if (opts.noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb') on = false
  if (!on) return PLAIN
  const {Chalk} = await import('chalk')
  return new Chalk({level: 1})
}

/** Show paths under the home directory as ~/… (display only; JSON keeps absolute paths). */
export function tildify(p: string, home: string): string {
  return home && home !== '/' && (p === home || p.startsWith(home + '/')) ? '~' + p.slice(home.length) : p
}
