import {varErrorsFor} from '../model/config-vars.js'
import {defineCheck} from '../model/finding.js'
import {discard, makeFinding} from './util.js'

const unsetOrEmpty = (reason: 'unset' | 'empty') => (reason === 'unset' ? 'not set' : 'empty')

export const configVarUnset = defineCheck({
  id: 'config.var-unset',
  title: '${VAR} references resolve',
  section: 'config',
  run({facts}) {
    // Each party resolves ${VAR} from its own environment (model/config-vars.ts).
    const gateway = varErrorsFor(facts, 'gateway')
    const out = gateway.map((e) =>
      makeFinding('error', `\${${e.variable}} is ${unsetOrEmpty(e.reason)} in the gateway service's environment: ${discard(facts)}.`, {
        places: [e.place],
        fix: {summary: `Set ${e.variable} where the gateway runs (the unit's Environment= or <stateDir>/.env), or replace the reference.`},
      }),
    )
    for (const e of varErrorsFor(facts, 'cli')) {
      if (gateway.some((g) => g.variable === e.variable && g.place.key === e.place.key)) continue
      out.push(
        makeFinding(
          'warning',
          `\${${e.variable}} is ${unsetOrEmpty(e.reason)} in this shell, though the gateway service sets it: a CLI started here ` +
            'discards the config and runs on an empty one (default port, env token only).',
          {places: [e.place], fix: {summary: `Export ${e.variable} in your shell too (or in <stateDir>/.env), or replace the reference.`}},
        ),
      )
    }
    return out
  },
})
