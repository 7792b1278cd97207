import {restartExitCode, runRestart} from '../app/restart.js'
import {renderRestartHuman, restartResult, type RestartResult} from '../render/restart.js'
import {realRestartDeps} from '../restart/deps.js'
import {createContext} from '../sources/context.js'
import {locate} from '../app/locate.js'
import type {Parsed} from './flag-spec.js'
import type {Answer, Io} from './output.js'
import type {RESTART_FLAGS} from './specs.js'

export type RestartFlags = Parsed<typeof RESTART_FLAGS>

/** `clawdoc restart` for a front end: a spinner on a terminal (never with --json), the use case, text or JSON. */
export async function restartFront(flags: RestartFlags, io: Io): Promise<Answer<RestartResult>> {
  const ctx = createContext()
  // The unit the release installed (its profile's name), never a legacy one.
  const {paths, product} = await locate(ctx, flags)
  const spin = io.stderrIsTTY && !io.json ? io.spinner : undefined
  spin?.start('clawdoc restart', 'preflight')
  const outcome = await runRestart(
    ctx,
    {paths, product: product.facts, dryRun: flags['dry-run'], stopStrays: flags['stop-strays'], timeoutMs: flags.timeout * 1000, probe: flags.probe},
    realRestartDeps(spin ? (name) => spin.status(name) : undefined),
  ).finally(() => spin?.stop())
  const result = restartResult(outcome)
  io.log(renderRestartHuman(result))
  return {doc: result, exitCode: restartExitCode(outcome)}
}
