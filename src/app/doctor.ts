import {runChecks, severityRank} from '../checks/index.js'
import type {Context} from '../sources/context.js'
import {gatherFacts, type GatherOptions} from './gather.js'
import {diagnose} from '../model/views.js'
import {buildDoctorReport, type DoctorReport} from '../render/doctor-json.js'
import type {CheckResult, Severity} from '../model/finding.js'

export interface DoctorOptions extends GatherOptions {
  only?: string[]
  skip?: string[]
  failOn: Severity
}

/**
 * The one next command: the fix of the most severe finding that names a command. Never a command
 * that rotates the server's token (it breaks the clients clawdoc cannot reach): that stays the
 * finding's own fix, for the user to choose.
 */
export function nextStep(results: CheckResult[]): string | undefined {
  const findings = results.flatMap((r) => r.findings).filter((f) => f.fix?.command && !f.fix.rotates && f.severity !== 'info')
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
  return findings[0]?.fix?.command
}

export function isOk(results: CheckResult[], failOn: Severity): boolean {
  return !results.some((r) => r.findings.some((f) => severityRank(f.severity) >= severityRank(failOn)))
}

/** gather → check → report. Read-only. */
export async function runDoctor(ctx: Context, opts: DoctorOptions): Promise<DoctorReport> {
  const d = diagnose(await gatherFacts(ctx, opts))
  const results = runChecks(d, {only: opts.only, skip: opts.skip})
  const ok = isOk(results, opts.failOn)
  return buildDoctorReport(d.facts, results, d.views.parties, {failOn: opts.failOn, ok, nextStep: ok ? undefined : nextStep(results)})
}
