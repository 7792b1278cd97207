import type {Check} from '../model/finding.js'
import {clawdoc, makeFinding} from './util.js'

export const serviceNoBus: Check = {
  id: 'service.no-bus',
  title: 'A systemd user manager is reachable',
  needs: 'systemd',
  run(facts) {
    const s = facts.service
    if (s.status !== 'no-bus' && s.status !== 'error') return []
    return [
      makeFinding('service.no-bus', 'warning', `Cannot ask systemd about ${s.unit}: ${(s.reason ?? 'no user bus').replace(/\.$/, '')}. The running service's state and environment are not checked.`, {
        places: [{kind: 'service', unit: s.unit}],
        fix: {summary: s.hint ?? 'Run clawdoc in a login session of the gateway\'s user.'},
      }),
    ]
  },
}

export const serviceNotActive: Check = {
  id: 'service.not-active',
  title: 'The gateway service is running',
  needs: 'service',
  run(facts) {
    const s = facts.service
    if (s.status !== 'ok' || facts.unit.status !== 'ok' || s.activeState === 'active' || s.activeState === undefined) return []
    const failed = s.activeState === 'failed' || s.activeState === 'activating'
    return [
      makeFinding('service.not-active', failed ? 'error' : 'warning', `${s.unit} is ${s.activeState}${s.subState ? ` (${s.subState})` : ''}.`, {
        places: [{kind: 'service', unit: s.unit}],
        fix: {summary: 'Start it through systemd and watch it come up.', command: clawdoc(facts, 'restart')},
      }),
    ]
  },
}
