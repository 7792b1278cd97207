import {Chalk, type ChalkInstance} from 'chalk'

/**
 * Colour only for a TTY, never when NO_COLOR is set (any non-empty value, no-color.org)
 * or --no-color is given; FORCE_COLOR forces it (for tests of the coloured output).
 */
export function makeStyle(opts: {env: Readonly<Record<string, string | undefined>>; isTTY: boolean; noColor?: boolean}): ChalkInstance {
  const {env} = opts
  let level: 0 | 1 | 2 | 3 = opts.isTTY ? 1 : 0
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') level = 1
  if (opts.noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb') level = 0
  return new Chalk({level})
}

/** Show paths under the home directory as ~/… (display only; JSON keeps absolute paths). */
export function tildify(p: string, home: string): string {
  return home && home !== '/' && (p === home || p.startsWith(home + '/')) ? '~' + p.slice(home.length) : p
}
