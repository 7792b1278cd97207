import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {discard, makeFinding, stripDot} from './util.js'

/** A config full of junk would give thousands of lines: show the first ones and a count. */
const MAX_SCHEMA_FINDINGS = 20

export const configInvalid = defineCheck({
  id: 'config.invalid',
  title: 'Config passes the product\'s schema',
  section: 'config',
  needs: 'schema',
  run({facts}) {
    const {config} = facts
    const product = profileOf(facts).product
    if (config.status !== 'ok') return []
    const more = config.schemaErrors.length - MAX_SCHEMA_FINDINGS
    const shown = config.schemaErrors.slice(0, MAX_SCHEMA_FINDINGS).map((e) =>
      makeFinding(e.fatal ? 'error' : 'warning', e.fatal ? `${stripDot(e.message)}: ${discard(facts)}.` : `${stripDot(e.message)}.`, {
        places: [e.place],
        fix: {summary: e.fatal ? `Remove or correct that key (then check with: ${product} doctor).` : 'Correct that value.'},
      }),
    )
    if (more > 0) shown.push(makeFinding('info', `…and ${more} more schema problems.`, {places: [{kind: 'config', file: config.path}]}))
    return shown
  },
})
