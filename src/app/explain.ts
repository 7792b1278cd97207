import {ClawdocError, EXIT} from '../model/errors.js'
import {explainError, type ExplainFor, type ExplainMatch} from '../explain/match.js'
import {installCommand, type ReleaseProfile} from '../model/profiles/index.js'
import type {ProductFacts} from '../model/product.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'
import type {Context} from '../sources/context.js'
import {locate, type LocateFlags} from './locate.js'

export interface ExplainResult {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'explain'
  ok: boolean
  /** The product and release the answers are for (as in doctor's report). */
  product: {name: string; release?: string; profile: string; detectedFrom: string; note?: string}
  explain: ExplainMatch[]
}

export interface ExplainOptions {
  /** The pasted error text, or `-` to read it from stdin. */
  text: string
  /** Where to look for the product in play (--product/--release win over detection). */
  location?: LocateFlags
}

export interface ExplainDeps {
  /** Whether stdin is a terminal: reading it would block with nothing piped. */
  stdinIsTTY: boolean
  readStdin: () => string
}

/** `this machine runs openclaw 2026.9.6`, `you asked about clawdbot`, …: the release in play in words, for a note. */
function inPlayWords(f: ProductFacts, profile: ReleaseProfile): string {
  const release = `${f.name} ${f.release ?? `(release unknown; profile of ${profile.representative})`}`
  switch (f.detectedFrom) {
    case 'flag':
      return `you asked about ${release}`
    case 'default':
      return `no product was detected here (clawdoc assumes ${f.name} ${profile.representative})`
    case 'unit':
    case 'path':
    case 'state-dir':
      return `this machine runs ${release} (from its ${f.detectedFrom === 'path' ? 'command on PATH' : f.detectedFrom})`
  }
}

/** `clawdoc explain TEXT` (or `-` for stdin): map a pasted product error to the checks that cause it, for the release in play. */
export async function runExplain(ctx: Context, opts: ExplainOptions, deps: ExplainDeps): Promise<ExplainResult> {
  let input = opts.text
  if (opts.text === '-') {
    if (deps.stdinIsTTY) throw new ClawdocError(
      'USAGE',
      '--explain - reads the error text from stdin, but stdin is a terminal.',
      {hint: 'Pipe it in: openclaw gateway health 2>&1 | clawdoc doctor --explain -'},
    )
    input = deps.readStdin()
  }
  if (input.trim() === '') throw new ClawdocError(
    'USAGE',
    'Nothing to explain: the error text is empty.',
    {hint: 'Paste the error line, e.g. clawdoc doctor --explain "gateway closed (1008): unauthorized: gateway token mismatch"'},
  )
  const {paths, product} = await locate(ctx, opts.location ?? {})
  const f = product.facts
  const run: ExplainFor = {
    profile: product.profile,
    inPlay: inPlayWords(f, product.profile),
    install: (p) => installCommand({product: {...f, profile: p.id}, paths}, {force: true}),
  }
  const {matches} = explainError(input, run)
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'explain',
    ok: matches.length > 0,
    product: {name: f.name, release: f.release, profile: f.profile, detectedFrom: f.detectedFrom, note: f.note},
    explain: matches,
  }
}

/** Exit code: always 0; explaining is advice, and "no known text" is said in words (and `ok: false` in --json). */
export function explainExitCode(_result: ExplainResult): number {
  return EXIT.OK
}
