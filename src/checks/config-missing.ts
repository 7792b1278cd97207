import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {makeFinding} from './util.js'

export const configMissing = defineCheck({
  id: 'config.missing',
  title: 'Config file exists',
  section: 'config',
  run({facts}) {
    const {config, unit, paths} = facts
    const {product} = profileOf(facts)
    if (config.status !== 'missing') return []
    const why =
      paths.configPathSource === 'default'
        ? ''
        : ` (path from ${paths.configPathSource === 'flag' ? '--config' : paths.configPathSource === 'profile' ? '--profile' : paths.configPathSource})`
    return [
      makeFinding(unit.status === 'ok' ? 'error' : 'warning', `No ${product} config at ${config.path}${why}; the gateway refuses to start without one and ` +
        `the CLI runs on defaults.`, {
        places: [{kind: 'config', file: config.path}],
        fix: {
          summary: 'Create it with the product\'s setup wizard, or point clawdoc at the right file with --config or --profile.',
          command: `${product} setup`,
        },
      }),
    ]
  },
})
