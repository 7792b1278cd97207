// What the unit's ExecStart= tells us: `--token` (beats every other token for the server)
// and `--port` (beats the release's <PREFIX>GATEWAY_PORT).

import {Secret} from '../../model/secret.js'
import type {TokenCopy} from '../../model/copy.js'
import type {UnitFacts} from '../../model/facts.js'
import type {Place, Problem} from '../../model/place.js'
import type {UnitEnv} from './env.js'
import type {UnitEntry} from '../../formats/unit/syntax.js'
import {parseExecStart} from '../../formats/unit/syntax.js'

/**
 * systemd expands `${NAME}` anywhere in an argument and `$NAME` as a whole argument, from the
 * service environment (`$$` is a literal `$`). Splitting `$NAME` at whitespace is not modelled.
 */
export function expandExecArg(arg: string, env: UnitEnv): {text: string; expanded: boolean} {
  const val = (n: string): string => env.vars.get(n)?.value ?? ''
  const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(arg)
  if (whole) return {text: val(whole[1]), expanded: true}
  let expanded = false
  const text = arg.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, n: string | undefined) => {
    if (n === undefined) return '$'
    expanded = true
    return val(n)
  })
  return {text, expanded}
}

/** Value of the last `--name X` / `--name=X` before a `--`. */
function lastOption(args: string[], name: string): {value: string; index: number} | undefined {
  let hit: {value: string; index: number} | undefined
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--') break
    if (args[i] === name && i + 1 < args.length) hit = {value: args[i + 1], index: i + 1}
    else if (args[i].startsWith(`${name}=`)) hit = {value: args[i].slice(name.length + 1), index: i}
  }
  return hit
}

export function execFacts(
  execs: {entry: UnitEntry; file: string}[],
  env: UnitEnv,
  unit: string,
  warnings: Problem[],
  portVar: string,
): Pick<UnitFacts, 'execStart' | 'execToken' | 'port' | 'allowUnconfigured'> {
  const out: Pick<UnitFacts, 'execStart' | 'execToken' | 'port' | 'allowUnconfigured'> = {}
  const portEnv = env.vars.get(portVar)?.value
  if (portEnv !== undefined && /^\d+$/.test(portEnv.trim()) && Number(portEnv) > 0 && Number(portEnv) < 65536) out.port = Number(portEnv)
  if (execs.length === 0) return out
  const {entry, file} = execs[0]
  const place: Place = {kind: 'unit', file, line: entry.line, column: entry.column, unit}
  if (execs.length > 1) warnings.push({message: 'More than one ExecStart=: systemd starts only Type=oneshot services like that.', place})
  const cmd = parseExecStart(entry.value)
  for (const message of cmd.problems) warnings.push({message, place})
  // The `:` prefix turns off variable expansion.
  const noExpand = cmd.prefixes.includes(':')
  const args = cmd.argv.map((a) => (noExpand ? {text: a, expanded: false} : expandExecArg(a, env)))
  const argv = args.map((a) => a.text)
  out.execStart = {args: argv, place}

  const port = lastOption(argv, '--port')
  if (port && /^\d+$/.test(port.value) && Number(port.value) > 0 && Number(port.value) < 65536) out.port = Number(port.value)
  const end = argv.indexOf('--')
  if (argv.slice(1, end === -1 ? undefined : end).includes('--allow-unconfigured')) out.allowUnconfigured = true
  const tok = lastOption(argv, '--token')
  if (tok) {
    if (args[tok.index].expanded) {
      warnings.push({message: 'ExecStart= passes --token from an environment variable; clawdoc reports the expanded value.', place})
    }
    out.execToken = {
      id: 'unit.exec-start',
      secret: 'token',
      label: '--token in the unit ExecStart=',
      value: new Secret(tok.value),
      place,
      origin: {type: 'literal'},
    } satisfies TokenCopy
  }
  return out
}
