import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding, systemctl} from './util.js'

export const unitNeedsDaemonReload = defineCheck({
  id: 'unit.needs-daemon-reload',
  title: 'systemd has loaded the current unit file',
  section: 'service',
  needs: 'service',
  run({facts}) {
    if (facts.service.status !== 'ok' || !facts.service.needDaemonReload) return []
    return [
      makeFinding('warning', `${facts.unit.name} changed on disk since systemd loaded it (NeedDaemonReload=yes).`, {
        places: [{kind: 'unit', file: facts.unit.path, unit: facts.unit.name}],
        fix: {summary: 'Reload, then restart to apply it.', command: `${systemctl('daemon-reload')} && ${clawdoc(facts, 'restart')}`},
      }),
    ]
  },
})
