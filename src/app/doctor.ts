import {runChecks, severityRank, unknownCheckIds} from '../checks/index.js'
import type {Context} from '../sources/context.js'
import {gatherFacts, type GatherOptions} from '../sources/gather.js'
import {diagnose} from '../model/views.js'
import {buildDoctorReport, type DoctorReport} from './doctor-report.js'
import type {CheckResult, Severity} from '../model/finding.js'
import {ClawdocError, EXIT} from '../model/errors.js'
import {locate, type LocateFlags} from './locate.js'

export interface DoctorOptions extends Omit<GatherOptions, 'paths'> {
  /** Where to look (--profile, --dev, --config, --unit, --product, --release); resolved after the check ids are validated. */
  location: LocateFlags
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

export interface DoctorDeps {
  gather: typeof gatherFacts
}

/** gather → check → report. Read-only. */
export async function runDoctor(ctx: Context, opts: DoctorOptions, deps: DoctorDeps = {gather: gatherFacts}): Promise<DoctorReport> {
  const bad = unknownCheckIds([...(opts.only ?? []), ...(opts.skip ?? [])])
  if (bad.length) {
    throw new ClawdocError('USAGE', `Unknown check id${bad.length > 1 ? 's' : ''}: ${bad.join(', ')}.`, {hint: 'See: clawdoc doctor --list-checks'})
  }
  const {paths, product} = await locate(ctx, opts.location)
  const d = diagnose(await deps.gather(ctx, {...opts, paths, product: product.facts}))
  const results = runChecks(d, {only: opts.only, skip: opts.skip})
  const ok = isOk(results, opts.failOn)
  return buildDoctorReport(d.facts, results, d.views.parties, {failOn: opts.failOn, ok, nextStep: ok ? undefined : nextStep(results)})
}

/** Exit code: 0 when nothing is at or above --fail-on, else 1 (errors are thrown: 2). */
export function doctorExitCode(report: DoctorReport): number {
  return report.ok ? EXIT.OK : EXIT.FINDINGS
}
