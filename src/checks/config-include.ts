import {defineCheck} from '../model/finding.js'
import {discard, makeFinding, stripDot} from './util.js'

export const configInclude = defineCheck({
  id: 'config.include',
  title: '$include files load',
  section: 'config',
  run({facts}) {
    const {config} = facts
    return config.includeErrors.map((e) =>
      makeFinding('error', `${stripDot(e.message)}: ${discard(facts)}.`, {
        places: [e.place],
        fix: {summary: 'Fix the $include path, or break the cycle.'},
      }),
    )
  },
})
