import {ClawdocError, EXIT} from '../model/errors.js'
import {explainError} from '../explain/match.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'

export interface ExplainResult {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'explain'
  ok: boolean
  explain: {pattern: string; meaning: string; checks: string[]; nextStep: string}[]
}

export interface ExplainOptions {
  /** The pasted error text, or `-` to read it from stdin. */
  text: string
}

export interface ExplainDeps {
  /** Whether stdin is a terminal: reading it would block with nothing piped. */
  stdinIsTTY: boolean
  readStdin: () => string
}

/** `clawdoc explain TEXT` (or `-` for stdin): map a pasted product error to the checks that cause it. */
export function runExplain(_ctx: unknown, opts: ExplainOptions, deps: ExplainDeps): ExplainResult {
  let input = opts.text
  if (opts.text === '-') {
    if (deps.stdinIsTTY) throw new ClawdocError(
      'USAGE',
      '--explain - reads the error text from stdin, but stdin is a terminal.',
      {hint: 'Pipe it in: clawdbot gateway health 2>&1 | clawdoc doctor --explain -'},
    )
    input = deps.readStdin()
  }
  if (input.trim() === '') throw new ClawdocError(
    'USAGE',
    'Nothing to explain: the error text is empty.',
    {hint: 'Paste the error line, e.g. clawdoc doctor --explain "gateway closed (1008): unauthorized: gateway token mismatch"'},
  )
  const {matches} = explainError(input)
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'explain',
    ok: matches.length > 0,
    explain: matches.map((m) => ({pattern: m.pattern, meaning: m.meaning, checks: [...m.checks], nextStep: m.nextStep})),
  }
}

/** Exit code: always 0; explaining is advice, and "no known text" is said in words (and `ok: false` in --json). */
export function explainExitCode(_result: ExplainResult): number {
  return EXIT.OK
}
