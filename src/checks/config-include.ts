import {defineCheck} from '../model/finding.js'
import {DISCARD, makeFinding, stripDot} from './util.js'

export const configInclude = defineCheck({
  id: 'config.include',
  title: '$include files load',
  section: 'config',
  run({facts: {config}}) {
    return config.includeErrors.map((e) =>
      makeFinding('error', `${stripDot(e.message)}: ${DISCARD}.`, {
        places: [e.place],
        fix: {summary: 'Fix the $include path, or break the cycle.'},
      }),
    )
  },
})
