import * as path from 'node:path'

import {expandHome} from '../sources/paths.js'
import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding, shellQuote} from './util.js'

/**
 * The config file the gateway service reads: CLAWDBOT_CONFIG_PATH, else CLAWDBOT_STATE_DIR, from
 * the unit's environment (the product bakes them in at install time), else the default under HOME.
 * undefined when the unit's value uses systemd specifiers we do not expand.
 */
export function serviceConfigPath(unit: {locations?: {variable: string; value: string}[]}, home: string): string | undefined {
  const get = (v: string) => unit.locations?.find((l) => l.variable === v)?.value
  const cfg = get('CLAWDBOT_CONFIG_PATH')
  const dir = get('CLAWDBOT_STATE_DIR')
  if ([cfg, dir].some((v) => v !== undefined && /[%$]/.test(v))) return undefined
  if (cfg) return expandHome(cfg, home)
  if (dir) return path.join(expandHome(dir, home), 'clawdbot.json')
  return path.join(home, '.clawdbot', 'clawdbot.json')
}

export const unitConfigPath = defineCheck({
  id: 'unit.config-path',
  title: 'The service reads the config this run reads',
  section: 'service',
  run({facts}) {
    if (facts.unit.status !== 'ok') return []
    const gw = serviceConfigPath(facts.unit, facts.paths.home)
    if (gw === undefined || path.resolve(gw) === path.resolve(facts.paths.configPath)) return []
    const at = (v: string) => facts.unit.locations?.find((l) => l.variable === v)
    const loc = at('CLAWDBOT_CONFIG_PATH') ?? at('CLAWDBOT_STATE_DIR')
    const why = loc ? `${loc.variable} in the unit` : 'the default, as the unit sets no CLAWDBOT_CONFIG_PATH/CLAWDBOT_STATE_DIR'
    return [
      makeFinding(
        'error',
        `The gateway service reads ${gw} (${why}), but this run — and a CLI started from this shell — reads ${facts.paths.configPath}: their tokens are not ` +
          `the same copies.`,
        {
          places: [loc?.place ?? {kind: 'unit', file: facts.unit.path, unit: facts.unit.name}, {kind: 'config', file: facts.paths.configPath}],
          fix: {
            summary: 'Check the file the service really uses, then point the unit and your shell at one config.',
            command: clawdoc(facts, 'doctor', '--config', shellQuote(gw)),
          },
        },
      ),
    ]
  },
})
