import {resolveCheckIds, unknownCheckIds} from '../checks/index.js'
import {createContext} from '../sources/context.js'
import {runDoctor} from '../app/doctor.js'
import {ClawdocError, EXIT} from '../model/errors.js'
import {renderDoctorHuman} from '../render/doctor-human.js'
import type {DoctorReport} from '../render/doctor-json.js'
import {makeStyle} from '../render/style.js'
import {resolvePaths} from '../sources/paths.js'
import type {Severity} from '../model/finding.js'

/** The doctor flags, once parsed (by oclif, or by the start-up fast path in cli/fast-path.ts). */
export interface DoctorFlags {
  json?: boolean
  offline?: boolean
  probe?: boolean
  remote?: boolean
  verbose?: boolean
  color?: boolean
  'fail-on'?: string
  only?: string[]
  skip?: string[]
  profile?: string
  dev?: boolean
  config?: string
  unit?: string
}

/** Run doctor and print the human report (unless --json); the caller prints the JSON document. */
export async function runDoctorCli(flags: DoctorFlags, out: {log(s: string): void}): Promise<{report: DoctorReport; exitCode: number}> {
  // Deprecated ids (merged checks) still select what replaced them, with a note on stderr.
  const only = resolveCheckIds(flags.only)
  const skip = resolveCheckIds(flags.skip)
  for (const n of [...only.notes, ...skip.notes]) process.stderr.write(`note: ${n}\n`)
  const bad = unknownCheckIds([...(only.ids ?? []), ...(skip.ids ?? [])])
  if (bad.length) {
    throw new ClawdocError('USAGE', `Unknown check id${bad.length > 1 ? 's' : ''}: ${bad.join(', ')}.`, {hint: 'See: clawdoc doctor --list-checks'})
  }
  const ctx = createContext()
  const paths = resolvePaths(ctx, flags)
  const report = await runDoctor(ctx, {
    paths,
    live: !flags.offline,
    probe: flags.probe,
    remote: flags.remote,
    only: only.ids,
    skip: skip.ids,
    failOn: (flags['fail-on'] ?? 'warning') as Severity,
  })
  if (!flags.json) {
    const style = await makeStyle({env: ctx.env, isTTY: Boolean(process.stdout.isTTY), noColor: flags.color === false})
    out.log(renderDoctorHuman(report, style, {home: ctx.home, verbose: flags.verbose}))
  }
  return {report, exitCode: report.ok ? EXIT.OK : EXIT.FINDINGS}
}
