import {installCommand, profileOf} from '../model/profiles/index.js'
import type {Facts} from '../model/facts.js'
import type {Blocker, Stray} from './types.js'

export interface PreflightVerdict {
  blockers: Blocker[]
  needsDaemonReload: boolean
  strays: Stray[]
}

/**
 * Decide from the gathered facts whether a restart is safe. Pure.
 * Never restart into a config the product would refuse or discard: the gateway would come up
 * on `{}` (default port, env token only) or not at all (src/docs/CLAWDBOT.md §2).
 */
export function judgePreflight(facts: Facts): PreflightVerdict {
  const blockers: Blocker[] = []
  const s = facts.service
  const unit = facts.paths.unitName
  if (s.status === 'no-bus') blockers.push({code: 'NO_BUS', message: s.reason ?? 'No systemd user manager is reachable.', hint: s.hint})
  else if (s.status !== 'ok') blockers.push({code: 'SYSTEMD_ERROR', message: s.reason ?? 'systemctl --user did not answer.', hint: s.hint})
  else if (s.loadState === 'not-found') {
    blockers.push({
      code: 'UNIT_NOT_FOUND',
      message: `The user manager has no unit ${unit} (no file in ${facts.paths.unitDir}).`,
      hint: `Install it with \`${installCommand(facts)}\`, or name the right one with --unit / --profile.`,
    })
  } else if (s.loadState !== 'loaded') {
    blockers.push({
      code: 'UNIT_NOT_LOADED',
      message: `${unit} is ${s.loadState ?? 'not loaded'}${s.fragmentPath ? ` (${s.fragmentPath})` : ''}.`,
      hint: s.loadState === 'masked' ? `Unmask it: systemctl --user unmask ${unit}` : `See why: systemctl --user status ${unit}`,
    })
  }
  blockers.push(...configBlockers(facts))

  const strays: Stray[] = []
  if (facts.port.status === 'ok') {
    for (const l of facts.port.listeners) {
      if (l.belongsToService === true) continue
      // A legacy unit's gateway (clawdbot-gateway beside openclaw-gateway): systemd would start it again after a SIGTERM, and
      // clawdoc touches a legacy unit only when the user says so. Always a blocker, with the systemd command that ends it.
      if (l.legacyUnit !== undefined && l.pid !== undefined) blockers.push(legacyUnitBlocker(facts.port.port, l.pid, l.legacyUnit, unit))
      else strays.push({pid: l.pid, command: l.command})
    }
  }
  return {blockers, needsDaemonReload: s.status === 'ok' && s.needDaemonReload === true, strays}
}

function configBlockers(facts: Facts): Blocker[] {
  const c = facts.config
  const allowUnconfigured = facts.unit.allowUnconfigured === true
  const {product} = profileOf(facts)
  if (c.status === 'missing') {
    if (allowUnconfigured) return []
    return [{
      code: 'CONFIG_MISSING',
      message: `No config at ${c.path}: the gateway refuses to start ("Missing config").`,
      hint: `Create it with \`${product} setup\`, or point --config at it.`,
    }]
  }
  if (c.status !== 'ok') {
    return [{
      code: 'CONFIG_BROKEN',
      message: c.error?.message ?? `Cannot read ${c.path}.`,
      hint: 'Fix the file (or restore a .bak) before restarting: the gateway would not start.',
    }]
  }
  if (c.discardedByProduct) {
    const first = [...c.varErrors, ...c.includeErrors, ...c.schemaErrors.filter((e) => e.fatal)][0]
    return [
      {
        code: 'CONFIG_BROKEN',
        message: `${product} would discard ${c.path} and run on an empty config${first ? `: ${first.message}` : ''}.`,
        hint: 'Run `clawdoc doctor` and fix the config first; restarting now would start the gateway without your settings.',
      },
    ]
  }
  return []
}

function legacyUnitBlocker(port: number, pid: number, legacyUnit: string, unit: string): Blocker {
  return {
    code: 'PORT_HELD',
    message: `Port ${port} is held by pid ${pid} of the legacy unit ${legacyUnit}, beside ${unit}: two gateways, one port. clawdoc restarts only ` +
      `${unit} and leaves ${legacyUnit} alone.`,
    hint: `Stop and disable the legacy unit through systemd: \`systemctl --user disable --now ${legacyUnit}\`, then run clawdoc restart again.`,
  }
}

/** The stray blocker (when not stopping strays). */
export function strayBlocker(port: number, strays: Stray[], unit: string, again: string): Blocker {
  const who = strays.map((s) => (s.pid === undefined ? 'a process clawdoc cannot see (another user?)' : `pid ${s.pid} (${s.command ?? 'unknown command'})`))
  const pids = strays.flatMap((s) => (s.pid === undefined ? [] : [String(s.pid)]))
  return {
    code: 'PORT_HELD',
    message: `Port ${port} is held by ${who.join(', ')}, outside ${unit}: the restarted gateway could not bind.`,
    hint: pids.length ? `Stop that exact process: \`kill ${pids.join(' ')}\`, or run \`${again} --stop-strays\`.` : 'Find the owner with `ss -ltnp` as root.',
  }
}
