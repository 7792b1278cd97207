import {readFileSync} from 'node:fs'

import {explainExitCode, runExplain, type ExplainResult} from '../app/explain.js'
import {listChecksExitCode, runListChecks, type ListChecksResult} from '../app/list-checks.js'
import {renderExplainHuman, renderListChecksHuman} from '../render/explain.js'
import {makeStyle} from '../render/style.js'
import {createContext} from '../sources/context.js'
import type {Parsed} from './flag-spec.js'
import type {Answer, Io} from './output.js'
import type {EXPLAIN_FLAGS} from './specs.js'

/** `clawdoc explain TEXT` and its alias `clawdoc doctor --explain TEXT`: answered for the product in play (detected, or --product/--release). */
export async function explainFront(text: string, flags: Parsed<typeof EXPLAIN_FLAGS>, io: Io): Promise<Answer<ExplainResult>> {
  const ctx = createContext()
  // stdin is file descriptor 0; a TTY with nothing piped would block forever: the use case refuses it.
  const result = await runExplain(ctx, {text, location: flags}, {stdinIsTTY: io.stdinIsTTY, readStdin: () => readFileSync(0, 'utf8')})
  if (!io.json) io.log(renderExplainHuman(result, await makeStyle({env: ctx.env, isTTY: io.stdoutIsTTY, color: flags.color})))
  return {doc: result, exitCode: explainExitCode(result)}
}

/** `clawdoc list-checks` and its alias `clawdoc doctor --list-checks`. */
export function listChecksFront(io: Io): Answer<ListChecksResult> {
  const result = runListChecks(createContext())
  io.log(renderListChecksHuman(result))
  return {doc: result, exitCode: listChecksExitCode(result)}
}
