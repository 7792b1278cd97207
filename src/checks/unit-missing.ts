import {installCommand} from '../model/profiles/index.js'
import {defineCheck} from '../model/finding.js'
import {makeFinding} from './util.js'

export const unitMissing = defineCheck({
  id: 'unit.missing',
  title: 'The gateway\'s systemd user unit exists',
  section: 'service',
  run({facts}) {
    const {unit, config, paths} = facts
    if (unit.status === 'unreadable' || unit.status === 'parse-error') {
      return [makeFinding(
        'error',
        `The unit file cannot be read: ${unit.error?.message ?? unit.status}.`,
        {places: [unit.error?.place ?? {kind: 'unit', file: unit.path}]},
      )]
    }
    if (unit.status !== 'missing' || config.status === 'missing' || config.gateway.mode === 'remote') return []
    const hint = paths.profile ? ` (profile "${paths.profile}" names it ${unit.name})` : ''
    return [
      makeFinding('warning', `No systemd user unit ${unit.name}${hint}: the gateway is not installed as a service here, or under another name.`, {
        places: [{kind: 'unit', file: unit.path, unit: unit.name}],
        fix: {
          summary: 'Install it with the product (it takes the token from gateway.auth.token), or pass --unit / --profile.',
          command: installCommand(facts),
        },
      }),
    ]
  },
})
