import type {CopyId} from './copy.js'
import type {Place} from './place.js'
import type {Diagnosis} from './views.js'

// Checks and findings.

export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface Fix {
  /** What to do, one sentence. */
  summary: string
  /** The exact command to run, when there is one. Never contains a secret. */
  command?: string
  /**
   * The command replaces the token the server accepts now: clients clawdoc cannot reach (other
   * machines, channel bridges, paired apps) stop working until they get the new value. Shown as
   * the finding's fix, never offered as doctor's `Next:` line.
   */
  rotates?: true
}

export interface Finding<Id extends string = string> {
  check: Id
  severity: Severity
  /** One sentence, no secret. */
  message: string
  places: Place[]
  fix?: Fix
  /** Token copies involved (ids only). */
  copies?: CopyId[]
}

/** What a check returns: a finding without its check id (the registry stamps the id on). */
export type FindingDraft = Omit<Finding, 'check'>

/** The sections of the human report, in the words it prints. */
export const SECTIONS = {
  config: 'Config and environment',
  tokens: 'Tokens and auth',
  service: 'Service',
} as const
export type Section = keyof typeof SECTIONS

export interface Check<Id extends string = string> {
  /** Stable `area.what` id, declared here only. Part of the JSON contract: never rename. */
  id: Id
  title: string
  /** Where the human report lists it. */
  section: Section
  /** Its findings mean the token copies disagree: sync-token must leave none of them behind. */
  tokenGroup?: true
  /**
   * Facts it cannot judge without, so it is skipped (never shown as passed) when they are absent:
   * `systemd` (any answer from the user manager), `service` (the unit's state from systemd),
   * `port` (/proc listeners), `probe` (the live gateway), `schema` (a config schema of the release).
   */
  needs?: 'systemd' | 'service' | 'port' | 'probe' | 'schema'
  run(d: Diagnosis): FindingDraft[]
}

/** Declare a check; keeps its id as a literal type, so the registry's ids form a closed union. */
export function defineCheck<const Id extends string>(check: Check<Id>): Check<Id> {
  return check
}

export type CheckStatus = 'pass' | Severity | 'skipped'

export interface CheckResult<Id extends string = string> {
  id: Id
  title: string
  status: CheckStatus
  findings: Finding<Id>[]
  /** Why it was skipped (not in --only, in --skip, or its facts were not gathered). */
  skipReason?: string
}
