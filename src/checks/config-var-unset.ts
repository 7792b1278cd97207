import {defineCheck} from '../model/finding.js'
import {DISCARD, makeFinding} from './util.js'

export const configVarUnset = defineCheck({
  id: 'config.var-unset',
  title: '${VAR} references resolve',
  section: 'config',
  run({facts: {config}}) {
    return config.varErrors.map((e) =>
      makeFinding('error', `\${${e.variable}} is ${e.reason === 'unset' ? 'not set' : 'empty'} in this environment: ${DISCARD}.`, {
        places: [e.place],
        fix: {
          summary: `Set ${e.variable} where the gateway runs (the unit's Environment= or <stateDir>/.env), or replace the reference.`,
        },
      }),
    )
  },
})
