import {doctorExitCode, runDoctor} from '../app/doctor.js'
import {resolveCheckIds} from '../checks/index.js'
import type {ExplainResult} from '../app/explain.js'
import type {ListChecksResult} from '../app/list-checks.js'
import {renderDoctorHuman} from '../render/doctor-human.js'
import type {DoctorReport} from '../app/doctor-report.js'
import {makeStyle} from '../render/style.js'
import {createContext} from '../sources/context.js'
import {explainFront, listChecksFront} from './explain-cli.js'
import type {Parsed} from './flag-spec.js'
import type {Answer, Io} from './output.js'
import type {DOCTOR_FLAGS} from './specs.js'

export type DoctorFlags = Parsed<typeof DOCTOR_FLAGS>
export type DoctorDocument = DoctorReport | ExplainResult | ListChecksResult

/** `clawdoc doctor` for both front ends (oclif and the fast path); --explain and --list-checks are aliases of their commands. */
export async function doctorFront(flags: DoctorFlags, io: Io): Promise<Answer<DoctorDocument>> {
  if (flags['list-checks']) return listChecksFront(io)
  if (flags.explain !== undefined) return explainFront(flags.explain, flags, io)
  // Deprecated ids (merged checks) still select what replaced them, with a note on stderr.
  const only = resolveCheckIds(flags.only)
  const skip = resolveCheckIds(flags.skip)
  for (const n of [...only.notes, ...skip.notes]) process.stderr.write(`note: ${n}\n`)
  const ctx = createContext()
  const report = await runDoctor(ctx, {
    location: flags,
    live: !flags.offline,
    probe: flags.probe,
    remote: flags.remote,
    only: only.ids,
    skip: skip.ids,
    failOn: flags['fail-on'],
  })
  if (!io.json) {
    const style = await makeStyle({env: ctx.env, isTTY: io.stdoutIsTTY, color: flags.color})
    io.log(renderDoctorHuman(report, style, {home: ctx.home, verbose: flags.verbose}))
  }
  return {doc: report, exitCode: doctorExitCode(report)}
}
