import * as path from 'node:path'

import {expandHome} from '../sources/paths.js'
import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding, shellQuote} from './util.js'
import type {Paths, UnitFacts} from '../model/facts.js'
import {profileOf, type ReleaseProfile} from '../model/profiles/index.js'

/**
 * The config file the gateway service reads: the release's `<PREFIX>CONFIG_PATH`, else `<PREFIX>STATE_DIR` (when that
 * moves the config on this release), from the unit's environment (the product bakes them in at install time), else the
 * default under HOME (on a release that picks a legacy name by what exists, this run's own default answer).
 * undefined when the unit's value uses systemd specifiers we do not expand.
 */
export function serviceConfigPath(
  unit: Pick<UnitFacts, 'locations'>,
  paths: Pick<Paths, 'home' | 'configPath' | 'configPathSource'>,
  profile: ReleaseProfile,
): string | undefined {
  const {home} = paths
  const N = profile.names
  const get = (role: string) => unit.locations?.find((l) => l.role === role)?.value
  const cfg = get('configPath')
  const dir = get('stateDir')
  if ([cfg, dir].some((v) => v !== undefined && /[%$]/.test(v))) return undefined
  if (cfg) return expandHome(cfg, home)
  if (dir && profile.paths.stateDirVarMovesConfig) return path.join(expandHome(dir, home), N.configFileName)
  const own = path.join(home, N.stateDirName)
  // A release that takes a legacy file name or state dir by what exists (openclaw): this run's default answer is the service's too.
  const defaultDirs = [own, ...(profile.paths.legacyFallback ? [path.join(home, profile.paths.legacyFallback.dir)] : [])]
  const byExistence = N.legacyConfigFileNames.length > 0 || profile.paths.legacyFallback !== undefined
  if (byExistence && paths.configPathSource === 'default' && defaultDirs.includes(path.dirname(paths.configPath))) return paths.configPath
  return path.join(own, N.configFileName)
}

export const unitConfigPath = defineCheck({
  id: 'unit.config-path',
  title: 'The service reads the config this run reads',
  section: 'service',
  run({facts}) {
    if (facts.unit.status !== 'ok') return []
    const profile = profileOf(facts)
    const N = profile.names
    const gw = serviceConfigPath(facts.unit, facts.paths, profile)
    if (gw === undefined || path.resolve(gw) === path.resolve(facts.paths.configPath)) return []
    const at = (role: string) => facts.unit.locations?.find((l) => l.role === role)
    const loc = at('configPath') ?? at('stateDir')
    const why = loc ? `${loc.variable} in the unit` : `the default, as the unit sets no ${N.configPathVar}/${N.stateDirVar}`
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
