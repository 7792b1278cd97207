import {runDoctor} from '../../src/app/doctor.js'
import {gatherFacts} from '../../src/sources/gather.js'
import {diagnose, type Diagnosis} from '../../src/model/views.js'
import type {Severity} from '../../src/model/finding.js'
import {renderDoctorHuman} from '../../src/render/doctor-human.js'
import type {DoctorReport} from '../../src/app/doctor-report.js'
import {PLAIN} from '../../src/render/style.js'
import {createContext, type Context} from '../../src/sources/context.js'
import {resolvePaths} from '../../src/sources/paths.js'

// doctor and the readers in-process against a real temp HOME (offline: no systemd, no probe).

export interface Home {
  home: string
  /** The environment of the shell the commands run in (HOME is added). */
  env: Record<string, string>
  cwd?: string
}

export function ctxOf(h: Home): Context {
  return createContext({env: {...h.env, HOME: h.home}, home: h.home, cwd: h.cwd ?? h.home})
}

export async function doctorIn(
  h: Home,
  opts: {failOn?: Severity; flags?: {profile?: string; config?: string}} = {},
): Promise<{report: DoctorReport; human: string}> {
  const ctx = ctxOf(h)
  const report = await runDoctor(ctx, {location: opts.flags ?? {}, live: false, probe: false, failOn: opts.failOn ?? 'warning'})
  return {report, human: renderDoctorHuman(report, PLAIN, {home: h.home})}
}

export async function diagnoseIn(h: Home, flags: {profile?: string; config?: string} = {}): Promise<Diagnosis> {
  const ctx = ctxOf(h)
  return diagnose(await gatherFacts(ctx, {paths: resolvePaths(ctx, flags), live: false, probe: false}))
}
