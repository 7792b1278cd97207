import {parseArgs} from 'node:util'

import {doctorFront} from './doctor-cli.js'
import {fromParseArgs, toParseArgs, type FlagSpec} from './flag-spec.js'
import {processIo, reportError, writeJson, type Answer, type Io} from './output.js'
import {DOCTOR_FLAGS, RESTART_FLAGS, SYNC_TOKEN_FLAGS} from './specs.js'

/** For the build's warm-up (src/build/bundle.ts): what this copy loaded with a code cache (validators, ws), to write their caches. */
export {codeCachedFiles} from '../sources/code-cached.js'

/**
 * Start-up fast path: loading @oclif/core alone costs more than node's own start (README.md, Performance), and
 * doctor and `sync-token --dry-run` must answer in ~3x `node -e 0`. Valid invocations are parsed here with node's parseArgs,
 * from the same flag spec as the oclif command (cli/specs.ts), and run through the same front
 * (cli/doctor-cli.ts) and output (cli/output.ts) without oclif. Anything else (help, a usage error)
 * returns false and goes through oclif, which owns help and usage messages.
 * test/integration/fast-path.test.ts derives its cases from the spec and proves both paths print the same bytes.
 */
interface FastCommand {
  spec: FlagSpec
  /** The command's front (loaded on use: the bundle stays small for doctor). */
  front: () => Promise<(flags: never, io: Io) => Promise<Answer<unknown>>>
  /** The invocations this path takes; the others go to oclif. */
  accepts?: (flags: Record<string, unknown>, stderrIsTTY: boolean) => boolean
}

const FAST: Record<string, FastCommand> = {
  doctor: {spec: DOCTOR_FLAGS, front: async () => doctorFront},
  // Only the dry run: it never asks, never restarts (no spinner to draw), and is the one people run to look.
  'sync-token': {spec: SYNC_TOKEN_FLAGS, front: async () => (await import('./sync-token-cli.js')).syncTokenFront, accepts: (f) => f['dry-run'] === true},
  // Whenever no spinner is drawn (--json, or stderr is not a terminal: scripts, timers, sync-token chains):
  // the restart overhead over a bare `systemctl --user restart` is mostly oclif's start-up otherwise.
  restart: {spec: RESTART_FLAGS, front: async () => (await import('./restart-cli.js')).restartFront, accepts: (f, tty) => f.json === true || !tty},
}

/** The commands the fast path may take (test/integration/fast-path.test.ts proves each against oclif). */
export const FAST_COMMAND_NAMES = Object.keys(FAST)

/**
 * The flags of `command argv` when this path takes the invocation, else undefined (oclif answers: help, usage errors, the
 * invocations a command's `accepts` leaves to oclif). Pure: test/integration/fast-path.test.ts asks it which cases to run.
 */
export function fastFlags(command: string, argv: string[], stderrIsTTY = process.stderr.isTTY): (Record<string, unknown> & {json: boolean}) | undefined {
  const entry = FAST[command]
  if (!entry) return undefined
  let values: Parameters<typeof fromParseArgs>[1]
  let given: string[]
  try {
    const parsed = parseArgs({args: argv, strict: true, allowPositionals: false, tokens: true, options: toParseArgs(entry.spec)})
    values = parsed.values
    given = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []))
  } catch (error) {
    // Not ours to word: oclif reports unknown flags and missing values.
    if ((error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) return undefined
    throw error
  }
  const flags = fromParseArgs(entry.spec, values, given)
  return flags && (!entry.accepts || entry.accepts(flags, stderrIsTTY)) ? flags : undefined
}

/** Run `command argv` without oclif; false when oclif must answer instead. */
export async function fastRun(command: string, argv: string[]): Promise<boolean> {
  const flags = fastFlags(command, argv)
  const entry = FAST[command]
  if (!flags || !entry) return false
  try {
    const front = await entry.front()
    const answer = await front(flags as never, processIo(flags.json))
    if (flags.json) writeJson(answer.doc)
    process.exitCode = answer.exitCode
  } catch (error) {
    reportError(command, error, flags.json)
  }
  return true
}
