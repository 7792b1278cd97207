import type {Context} from './context.js'
import {Secret} from '../model/secret.js'
import {busStatus, createSystemctl} from './systemctl.js'
import {parseShowEnvironment} from '../formats/systemctl-show.js'
import type {TokenCopy} from '../model/copy.js'
import type {LegacyUnitState, LegacyUnitsFacts, ServiceFacts} from '../model/facts.js'
import {readProcEnviron} from './proc.js'
import {envNames} from '../model/config-vars.js'
import {CLAWDBOT, type ProfileNamesView} from '../model/profiles/index.js'
import {secretNames} from '../model/profiles/names.js'

export const SERVICE_PROPS = [
  'LoadState',
  'ActiveState',
  'SubState',
  'MainPID',
  'NeedDaemonReload',
  'ControlGroup',
  'FragmentPath',
  'Environment',
] as const

/**
 * What the user manager has loaded for the unit and what the running process got.
 * The two can differ from the unit file: the manager's env is stale until daemon-reload,
 * the process env until restart (src/docs/CLAWDBOT.md §10). Never throws: no bus is a status.
 */
export async function readService(ctx: Context, unitName: string, names: ProfileNamesView = CLAWDBOT.names): Promise<ServiceFacts> {
  const bus = await busStatus(ctx.env, ctx.fs)
  if (!bus.ok) return {unit: unitName, status: 'no-bus', reason: bus.reason, hint: bus.hint}
  const show = await createSystemctl(ctx).show(unitName, SERVICE_PROPS)
  if (!show.ok) {
    const r = show.result
    return {
      unit: unitName,
      status: 'error',
      reason: r.spawnError
        ? `systemctl could not be started (${r.spawnError}).`
        : r.timedOut
          ? 'systemctl --user show timed out.'
          : `systemctl --user show ${unitName} failed (exit ${r.code}).`,
      hint: r.spawnError ? 'Install systemd (systemctl) or run clawdoc on the gateway host.' : 'Check that the user manager is running: systemctl --user ' +
        'show -p SystemState',
    }
  }
  return serviceFromShow(ctx, unitName, show.props, names)
}

/**
 * Service facts from the properties of one `systemctl --user show` (SERVICE_PROPS), plus the
 * running process' environment. Used after a restart too, where the show already happened.
 */
export async function serviceFromShow(
  ctx: Pick<Context, 'fs' | 'procRoot' | 'procFs'>,
  unitName: string,
  p: Record<string, string>,
  names: ProfileNamesView = CLAWDBOT.names,
): Promise<ServiceFacts> {
  const TOKEN_VAR = names.tokenVar
  const mainPid = Number(p.MainPID)
  const facts: ServiceFacts = {
    unit: unitName,
    status: 'ok',
    loadState: p.LoadState,
    activeState: p.ActiveState,
    subState: p.SubState,
    mainPid: Number.isInteger(mainPid) && mainPid > 0 ? mainPid : undefined,
    needDaemonReload: p.NeedDaemonReload === undefined ? undefined : p.NeedDaemonReload === 'yes',
    controlGroup: p.ControlGroup || undefined,
    fragmentPath: p.FragmentPath || undefined,
  }
  const managerValue = parseShowEnvironment(p.Environment ?? '').get(TOKEN_VAR)
  if (managerValue !== undefined) {
    facts.managerToken = copy('service.manager-env', `${TOKEN_VAR} loaded by the user manager`, managerValue, {
      kind: 'service',
      unit: unitName,
      variable: TOKEN_VAR,
    })
  }
  if (facts.mainPid === undefined) {
    facts.processEnvStatus = 'no-process'
    return facts
  }
  const environ = await readProcEnviron(ctx, facts.mainPid)
  facts.processEnvStatus = environ.status
  if (environ.status === 'ok') facts.processEnvNames = envNames(environ.value)
  const procValue = environ.status === 'ok' ? environ.value.get(TOKEN_VAR) : undefined
  if (procValue !== undefined) {
    facts.processToken = copy('service.process-env', `${TOKEN_VAR} of the running gateway`, procValue, {
      kind: 'process',
      unit: unitName,
      variable: TOKEN_VAR,
      pid: facts.mainPid,
    })
  }
  if (environ.status === 'ok') {
    const legacy: TokenCopy[] = []
    for (const {variable, secret, legacyName} of secretNames(names)) {
      const v = environ.value.get(variable)
      if (!legacyName || secret !== 'token' || v === undefined) continue
      const c = copy('service.process-env', `${variable} of the running gateway`, v, {kind: 'process', unit: unitName, variable, pid: facts.mainPid})
      legacy.push({...c, legacyName})
    }
    if (legacy.length) facts.processLegacyCopies = legacy
  }
  return facts
}

function copy(id: TokenCopy['id'], label: string, value: string, place: TokenCopy['place']): TokenCopy {
  return {id, secret: 'token', label, value: new Secret(value), place, origin: {type: 'literal'}}
}


export const LEGACY_UNIT_PROPS = ['LoadState', 'ActiveState', 'SubState', 'UnitFileState', 'MainPID', 'ControlGroup', 'FragmentPath'] as const

/**
 * The release's legacy unit names (clawdbot-gateway, moltbot-gateway on openclaw) as the user manager knows them: an old
 * unit still enabled or running beside the release's own means two gateways on one port. One `systemctl --user show`
 * per name; never throws (no bus, a failed show: a status). `own` (the unit in play) is never listed.
 */
export async function readLegacyUnits(ctx: Context, names: readonly string[], own: string): Promise<LegacyUnitsFacts> {
  const asked = names.filter((n) => n !== own)
  if (asked.length === 0) return {status: 'ok', units: []}
  const bus = await busStatus(ctx.env, ctx.fs)
  if (!bus.ok) return {status: 'no-bus', reason: bus.reason, units: []}
  const systemctl = createSystemctl(ctx)
  const shows = await Promise.all(asked.map(async (unit) => ({unit, show: await systemctl.show(unit, LEGACY_UNIT_PROPS)})))
  const failed = shows.find((s) => !s.show.ok)
  if (failed) {
    const r = failed.show.result
    const why = r.spawnError ? `systemctl could not be started (${r.spawnError})` : r.timedOut ? 'it timed out' : `exit ${r.code}`
    return {status: 'error', reason: `systemctl --user show ${failed.unit} failed (${why}).`, units: []}
  }
  const units: LegacyUnitState[] = []
  for (const {unit, show} of shows) {
    const p = show.props
    const pid = Number(p.MainPID)
    const state: LegacyUnitState = {
      unit,
      loadState: p.LoadState || undefined,
      activeState: p.ActiveState || undefined,
      subState: p.SubState || undefined,
      unitFileState: p.UnitFileState || undefined,
      mainPid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
      controlGroup: p.ControlGroup || undefined,
      fragmentPath: p.FragmentPath || undefined,
    }
    // An unknown name (never installed, or removed) is not a finding; a loaded or still running one is.
    if (state.loadState !== 'not-found' || state.mainPid !== undefined) units.push(state)
  }
  return {status: 'ok', units}
}
