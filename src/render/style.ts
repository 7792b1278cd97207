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
 * Colour as chalk (supports-color) decides it, plus NO_COLOR (no-color.org):
 * - FORCE_COLOR=0 or =false: never; any other FORCE_COLOR (empty, true, 1-3): always, unless NO_COLOR is set;
 * - else --color / --no-color (chalk's flags; a command-line flag beats NO_COLOR, as no-color.org asks);
 * - else only for a terminal, never when NO_COLOR is set (any non-empty value) or TERM=dumb.
 * chalk is imported only when colour is on: it costs ~9 ms of start-up.
 */
export async function makeStyle(opts: {env: Readonly<Record<string, string | undefined>>; isTTY: boolean; color?: boolean}): Promise<Style> {
  const {env} = opts
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== ''
  const force = env.FORCE_COLOR === undefined ? undefined : env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  let on: boolean
  if (force === false) on = false
  else if (force === true && !noColorEnv) on = true
  else if (opts.color !== undefined) on = opts.color
  else on = opts.isTTY && !noColorEnv && env.TERM !== 'dumb'
  if (!on) return PLAIN
  const {Chalk} = await import('chalk')
  return new Chalk({level: 1})
}

/** Show paths under the home directory as ~/… (display only; JSON keeps absolute paths). */
export function tildify(p: string, home: string): string {
  return home && home !== '/' && (p === home || p.startsWith(home + '/')) ? '~' + p.slice(home.length) : p
}
