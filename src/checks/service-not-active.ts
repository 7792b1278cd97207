import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding} from './util.js'

export const serviceNotActive = defineCheck({
  id: 'service.not-active',
  title: 'The gateway service is running',
  section: 'service',
  needs: 'service',
  run({facts}) {
    const s = facts.service
    if (s.status !== 'ok' || facts.unit.status !== 'ok' || s.activeState === 'active' || s.activeState === undefined) return []
    const failed = s.activeState === 'failed' || s.activeState === 'activating'
    return [
      makeFinding(failed ? 'error' : 'warning', `${s.unit} is ${s.activeState}${s.subState ? ` (${s.subState})` : ''}.`, {
        places: [{kind: 'service', unit: s.unit}],
        fix: {summary: 'Start it through systemd and watch it come up.', command: clawdoc(facts, 'restart')},
      }),
    ]
  },
})
