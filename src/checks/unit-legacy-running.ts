import {defineCheck} from '../model/finding.js'
import {legacyUnitActivity} from '../model/legacy-units.js'
import {makeFinding, systemctl} from './util.js'

export const unitLegacyRunning = defineCheck({
  id: 'unit.legacy-running',
  title: 'No legacy gateway unit beside the release\'s own',
  section: 'service',
  needs: 'service',
  run({facts}) {
    const lu = facts.legacyUnits
    if (!lu || lu.status !== 'ok') return []
    return lu.units.flatMap((u) => {
      const {running, enabled} = legacyUnitActivity(u)
      if (!running && !enabled) return []
      const state = [running ? `${u.activeState ?? 'running'}${u.mainPid ? ` (pid ${u.mainPid})` : ''}` : undefined, enabled ? u.unitFileState : undefined]
        .filter(Boolean)
        .join(', ')
      const holds = facts.port.listeners.some((l) => l.legacyUnit === u.unit) ? ` It holds port ${facts.port.port} now.` : ''
      const msg = running
        ? `The legacy unit ${u.unit} is ${state} beside ${facts.unit.name}: two gateways, one port. Whichever starts second fails or crash-loops on ` +
          `EADDRINUSE, and clients reach whichever one holds the port, with its own token and names.${holds}`
        : `The legacy unit ${u.unit} is ${state}: at the next login or reboot it starts beside ${facts.unit.name} and the two fight over one port.`
      return [
        makeFinding(running ? 'error' : 'warning', msg, {
          places: [{kind: 'unit', unit: u.unit, file: u.fragmentPath}],
          fix: {summary: `Stop and disable the legacy unit through systemd (never kill by name); ${facts.unit.name} stays. ` +
            `\`clawdoc sync-token --yes --restart --migrate-legacy-names\` does it and restarts ${facts.unit.name}.`,
            command: systemctl('disable', '--now', u.unit)},
        }),
      ]
    })
  },
})
