import type {ParseArgsConfig} from 'node:util'

/**
 * One description of a command's flags. oclif's `static flags` (cli/oclif-flags.ts) and the start-up
 * fast path's `node:util parseArgs` options (below) are both generated from it, with one set of
 * defaults, and the parsed-flags type is derived from it. No @oclif/core import here: the fast-path
 * bundle includes this file.
 */
interface Common {
  description: string
  char?: string
  helpGroup?: string
  /** Flags that cannot be given together with this one. */
  exclusive?: readonly string[]
  /** The value is a secret: an error that quotes it shows its mask instead. */
  secret?: boolean
}
export interface BooleanFlag extends Common {
  type: 'boolean'
  default?: boolean
  /** Also accept --no-NAME (value false); absent means undefined unless a default is set. */
  allowNo?: boolean
}
export interface StringFlag extends Common {
  type: 'string'
  default?: string
  options?: readonly string[]
  /** Repeatable; each value is also split on commas. */
  multiple?: boolean
}
export interface IntegerFlag extends Common {
  type: 'integer'
  default?: number
  min?: number
}
export type FlagDef = BooleanFlag | StringFlag | IntegerFlag
export type FlagSpec = Readonly<Record<string, FlagDef>>

type ValueOf<D> = D extends {type: 'boolean'}
  ? boolean
  : D extends {type: 'integer'}
    ? number
    : D extends {multiple: true}
      ? string[]
      : D extends {options: readonly (infer O)[]}
        ? O
        : string

/** The parsed flags of a spec: a flag with a default is always set, the others may be undefined. */
export type Parsed<S extends FlagSpec> = {[K in keyof S as S[K] extends {default: unknown} ? K : never]: ValueOf<S[K]>} & {
  [K in keyof S as S[K] extends {default: unknown} ? never : K]?: ValueOf<S[K]>
}

/** Keep the literal types of a spec (options, defaults) while checking it is one. */
export function defineFlags<const S extends FlagSpec>(spec: S): S {
  return spec
}

/** `--json`: oclif adds it (enableJsonFlag); the fast path parses it as one more boolean. */
const JSON_OPTION = {json: {type: 'boolean'}} as const

/** The `parseArgs` options of a spec: `--no-NAME` is its own option (node 20 has no allowNegative). */
export function toParseArgs(spec: FlagSpec): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {...JSON_OPTION}
  for (const [name, def] of Object.entries(spec)) {
    options[name] = {
      type: def.type === 'boolean' ? 'boolean' : 'string',
      ...(def.char ? {short: def.char} : {}),
      ...(def.type === 'string' && def.multiple ? {multiple: true} : {})
    }
    if (def.type === 'boolean' && def.allowNo) options[`no-${name}`] = {type: 'boolean'}
  }
  return options
}

/**
 * parseArgs' values (and the names of the options given, in order, from its tokens) → the flags oclif would give, or undefined when oclif must answer instead
 * (a bad option or integer, a flag given both ways, two exclusive flags): oclif owns usage messages.
 */
export function fromParseArgs<S extends FlagSpec>(
  spec: S,
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
  given: readonly string[] = [],
): (Parsed<S> & {json: boolean}) | undefined {
  // oclif refuses a value flag given twice ("can only be specified once"); parseArgs would keep the last.
  for (const [name, def] of Object.entries(spec)) {
    if (def.type !== 'boolean' && !(def.type === 'string' && def.multiple) && given.filter((g) => g === name).length > 1) return undefined
  }
  const out: Record<string, unknown> = {json: values.json === true}
  for (const [name, def] of Object.entries(spec)) {
    const v = values[name]
    if (def.type === 'boolean') {
      const no = def.allowNo ? values[`no-${name}`] === true : false
      if (v === true && no) return undefined
      out[name] = v === true ? true : no ? false : def.default
    } else if (def.type === 'integer') {
      if (v === undefined) out[name] = def.default
      else {
        if (typeof v !== 'string' || !/^-?\d+$/.test(v.trim())) return undefined
        const n = Number.parseInt(v, 10)
        if (def.min !== undefined && n < def.min) return undefined
        out[name] = n
      }
    } else if (def.multiple) {
      out[name] = Array.isArray(v) ? v.flatMap((s) => String(s).split(',')).filter((s) => s !== '') : undefined
      if ((out[name] as string[] | undefined)?.some((s) => def.options && !def.options.includes(s))) return undefined
    } else {
      if (v !== undefined && def.options && !def.options.includes(String(v))) return undefined
      out[name] = v ?? def.default
    }
  }
  for (const [name, def] of Object.entries(spec)) {
    if (values[name] !== undefined && def.exclusive?.some((other) => values[other] !== undefined)) return undefined
  }
  return out as Parsed<S> & {json: boolean}
}

/** The values given on the command line for the spec's secret flags (`--token X`, `--token=X`). */
export function secretValues(spec: FlagSpec, argv: readonly string[]): string[] {
  const out: string[] = []
  for (const [name, def] of Object.entries(spec)) {
    if (!def.secret) continue
    argv.forEach((a, i) => {
      if (a === `--${name}` && argv[i + 1] !== undefined) out.push(argv[i + 1])
      else if (a.startsWith(`--${name}=`)) out.push(a.slice(name.length + 3))
    })
  }
  return out
}
