import {defineCheck} from '../model/finding.js'
import {makeFinding} from './util.js'

export const serviceNoBus = defineCheck({
  id: 'service.no-bus',
  title: 'A systemd user manager is reachable',
  section: 'service',
  needs: 'systemd',
  run({facts}) {
    const s = facts.service
    if (s.status !== 'no-bus' && s.status !== 'error') return []
    // A remote-mode machine without a gateway unit (a client only, as unit.missing judges it): nothing to ask systemd about.
    if (facts.config.gateway.mode === 'remote' && facts.unit.status === 'missing') return []
    return [
      makeFinding('warning', `Cannot ask systemd about ${s.unit}: ${(s.reason ?? 'no user bus').replace(/\.$/, '')}. The running service's state and ` +
        `environment are not checked.`, {
        places: [{kind: 'service', unit: s.unit}],
        fix: {summary: s.hint ?? 'Run clawdoc in a login session of the gateway\'s user.'},
      }),
    ]
  },
})
