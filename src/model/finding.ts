import type {CopyId} from './copy.js'
import type {Facts} from './facts.js'
import type {Place} from './place.js'

// Checks and findings.

export const SEVERITIES = ['error', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface Fix {
  /** What to do, one sentence. */
  summary: string
  /** The exact command to run, when there is one. Never contains a secret. */
  command?: string
}

export interface Finding {
  check: string
  severity: Severity
  /** One sentence, no secret. */
  message: string
  places: Place[]
  fix?: Fix
  /** Token copies involved (ids only). */
  copies?: CopyId[]
}

export interface Check {
  /** Stable `area.what` id. Part of the JSON contract: never rename. */
  id: string
  title: string
  /**
   * Facts it cannot judge without, so it is skipped (never shown as passed) when they are absent:
   * `systemd` (any answer from the user manager), `service` (the unit's state from systemd),
   * `port` (/proc listeners), `probe` (the live gateway).
   */
  needs?: 'systemd' | 'service' | 'port' | 'probe'
  run(facts: Facts): Finding[]
}

export type CheckStatus = 'pass' | Severity | 'skipped'

export interface CheckResult {
  id: string
  title: string
  status: CheckStatus
  findings: Finding[]
  /** Why it was skipped (not in --only, in --skip, or its facts were not gathered). */
  skipReason?: string
}
