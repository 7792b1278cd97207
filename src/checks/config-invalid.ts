import type {Check, Finding} from '../model/finding.js'
import {makeFinding} from './util.js'
import {varErrorsFor} from '../model/config-vars.js'

const DISCARD = 'clawdbot discards the whole config and runs on an empty one (default port, env token only), which looks exactly like a token problem'

export const configInvalid: Check = {
  id: 'config.invalid',
  title: 'Config passes the product\'s schema',
  run({config}) {
    if (config.status !== 'ok') return []
    // A config full of junk would give thousands of lines: show the first ones and a count.
    const more = config.schemaErrors.length - MAX_SCHEMA_FINDINGS
    const shown = config.schemaErrors.slice(0, MAX_SCHEMA_FINDINGS).map((e): Finding =>
      makeFinding('config.invalid', e.fatal ? 'error' : 'warning', e.fatal ? `${stripDot(e.message)}: ${DISCARD}.` : `${stripDot(e.message)}.`, {
        places: [e.place],
        fix: {summary: e.fatal ? 'Remove or correct that key (then check with: clawdbot doctor).' : 'Correct that value.'},
      }),
    )
    if (more > 0) shown.push(makeFinding('config.invalid', 'info', `…and ${more} more schema problems.`, {places: [{kind: 'config', file: config.path}]}))
    return shown
  },
}

const MAX_SCHEMA_FINDINGS = 20

export const configVarUnset: Check = {
  id: 'config.var-unset',
  title: '${VAR} references resolve',
  run(facts) {
    // Each party resolves ${VAR} from its own environment (model/config-vars.ts).
    const gateway = varErrorsFor(facts, 'gateway')
    const out = gateway.map((e) =>
      makeFinding('config.var-unset', 'error', `\${${e.variable}} is ${e.reason === 'unset' ? 'not set' : 'empty'} in the gateway service's environment: ${DISCARD}.`, {
        places: [e.place],
        fix: {summary: `Set ${e.variable} where the gateway runs (the unit's Environment= or <stateDir>/.env), or replace the reference.`},
      }),
    )
    for (const e of varErrorsFor(facts, 'cli')) {
      if (gateway.some((g) => g.variable === e.variable && g.place.key === e.place.key)) continue
      out.push(
        makeFinding('config.var-unset', 'warning', `\${${e.variable}} is ${e.reason === 'unset' ? 'not set' : 'empty'} in this shell, though the gateway service sets it: a CLI started here discards the config and runs on an empty one (default port, env token only).`, {
          places: [e.place],
          fix: {summary: `Export ${e.variable} in your shell too (or in <stateDir>/.env), or replace the reference.`},
        }),
      )
    }
    return out
  },
}

export const configInclude: Check = {
  id: 'config.include',
  title: '$include files load',
  run({config}) {
    return config.includeErrors.map((e) =>
      makeFinding('config.include', 'error', `${stripDot(e.message)}: ${DISCARD}.`, {
        places: [e.place],
        fix: {summary: 'Fix the $include path, or break the cycle.'},
      }),
    )
  },
}

function stripDot(s: string): string {
  return s.replace(/[.\s]+$/, '')
}
