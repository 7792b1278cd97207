import {readFileSync} from 'node:fs'

import type {Style} from '../render/style.js'

import {ClawdocError} from '../model/errors.js'
import {explainError} from '../explain/match.js'

export interface ExplainResult {
  schemaVersion: 1
  command: 'doctor'
  ok: boolean
  explain: {pattern: string; meaning: string; checks: string[]; nextStep: string}[]
}

interface Logger {
  log(message?: string): void
}

/** `doctor --explain TEXT` (or `-` for stdin): map a pasted product error to the checks that cause it. */
export async function explainCommand(cmd: Logger, text: string, c: Style): Promise<ExplainResult> {
  let input = text
  if (text === '-') {
    // stdin is file descriptor 0; a TTY with nothing piped would block forever, so refuse it.
    if (process.stdin.isTTY) throw new ClawdocError('USAGE', '--explain - reads the error text from stdin, but stdin is a terminal.', {hint: 'Pipe it in: clawdbot gateway health 2>&1 | clawdoc doctor --explain -'})
    input = readFileSync(0, 'utf8')
  }
  if (input.trim() === '') throw new ClawdocError('USAGE', 'Nothing to explain: the error text is empty.', {hint: 'Paste the error line, e.g. clawdoc doctor --explain "gateway closed (1008): unauthorized: gateway token mismatch"'})
  const {matches} = explainError(input)
  if (matches.length === 0) {
    cmd.log('No known clawdbot error text found. Run `clawdoc doctor` to check every token copy.')
  }
  for (const m of matches) {
    cmd.log(`${c.bold(m.pattern)}\n  ${m.meaning}\n  ${c.dim('checks:')} ${m.checks.join(', ')}\n  ${c.bold('next:')} ${c.cyan(m.nextStep)}`)
  }
  return {schemaVersion: 1, command: 'doctor', ok: matches.length > 0, explain: matches.map((m) => ({pattern: m.pattern, meaning: m.meaning, checks: [...m.checks], nextStep: m.nextStep}))}
}
