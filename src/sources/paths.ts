import * as path from 'node:path'

import {ClawdocError} from '../model/errors.js'
import type {Context} from './context.js'
import type {Paths} from '../model/facts.js'
import {CLAWDBOT, type ReleaseProfile} from '../model/profiles/index.js'

export interface PathFlags {
  profile?: string
  dev?: boolean
  config?: string
  unit?: string
}

const PROFILE_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/i
/** systemd's unit name characters (unit_name_is_valid); notably no '/'. */
const UNIT_RE = /^[A-Za-z0-9:_.\\@-]{1,255}$/

/** Expand a leading `~` the way the product does (config/paths.js, utils.js). */
export function expandHome(p: string, home: string): string {
  const t = p.trim()
  if (t === '~') return home
  if (t.startsWith('~/')) return path.join(home, t.slice(2))
  return path.resolve(t)
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v : undefined
}

/**
 * The user's own unit dirs, as systemd searches them: $XDG_CONFIG_HOME/systemd/user, then
 * $HOME/.config/systemd/user (where the product writes its unit, ignoring XDG_CONFIG_HOME).
 */
export function userUnitDirs(ctx: Pick<Context, 'env' | 'home'>): string[] {
  const xdgConfig = nonEmpty(ctx.env.XDG_CONFIG_HOME)
  const own = path.join(ctx.home, '.config', 'systemd', 'user')
  const dirs = [xdgConfig ? path.join(path.resolve(xdgConfig), 'systemd', 'user') : own, own]
  return dirs.filter((d, i) => dirs.indexOf(d) === i)
}

/** Which files exist, for a release that picks its config by what is there (openclaw); clawdbot needs none. */
export type Exists = (p: string) => boolean

/**
 * Resolve state dir, config path and unit name as the release of `profile` does (its names and
 * PathRules; test/unit/paths-profile.test.ts replays the measured `config file` cases). clawdbot 2026.1.24:
 * - `--profile` / `--dev` fill only *empty* CLAWDBOT_STATE_DIR / CLAWDBOT_CONFIG_PATH.
 * - CLAWDBOT_PROFILE alone does not move the config, but does rename the unit.
 * - CLAWDBOT_SYSTEMD_UNIT overrides the unit name.
 * - The product writes units to $HOME/.config/systemd/user (it ignores XDG_CONFIG_HOME);
 *   systemd reads $XDG_CONFIG_HOME/systemd/user first, so both are searched.
 * openclaw uses its own names the same way; 2026.3.2's OPENCLAW_STATE_DIR does not move the config, and
 * 2026.9.6 reads ~/.clawdbot in place while ~/.openclaw is missing.
 */
export function resolvePaths(
  ctx: Pick<Context, 'env' | 'home' | 'cwd'>,
  flags: PathFlags = {},
  profile: ReleaseProfile = CLAWDBOT,
  exists: Exists = () => false,
): Paths {
  const {env, home} = ctx
  const N = profile.names
  if (flags.dev && flags.profile) {
    throw new ClawdocError('USAGE', 'Use either --dev or --profile, not both.', {hint: '--dev is the same as --profile dev.'})
  }
  const flagProfile = flags.dev ? 'dev' : flags.profile
  if (flagProfile !== undefined && !PROFILE_RE.test(flagProfile)) {
    throw new ClawdocError('USAGE', `Invalid profile name "${flagProfile}".`, {
      hint: 'A profile name is 1-64 letters, digits, "_" or "-", starting with a letter or digit.',
    })
  }
  const envProfile = nonEmpty(env[N.profileVar])?.trim()
  const profileName = flagProfile ?? envProfile
  const profileSource = flagProfile === undefined ? (envProfile === undefined ? undefined : 'env') : 'flag'
  const named = (p: string | undefined): p is string => p !== undefined && p.toLowerCase() !== 'default'

  let stateDir: string
  let configPath: string
  let configPathSource: Paths['configPathSource']
  const envStateDir = nonEmpty(env[N.stateDirVar])
  const envConfigPath = nonEmpty(env[N.configPathVar])
  const defaultStateDir = path.join(home, N.stateDirName)
  const fallback = profile.paths.legacyFallback
  let legacyConfig: string | undefined
  if (envStateDir) stateDir = expandHome(envStateDir, home)
  else if (named(flagProfile)) stateDir = path.join(home, profile.paths.profileDirName.replace('<profile>', flagProfile))
  else {
    stateDir = defaultStateDir
    if (fallback && !exists(defaultStateDir)) {
      const dir = path.join(home, fallback.dir)
      legacyConfig = fallback.configFileNames.map((f) => path.join(dir, f)).find(exists)
      if (legacyConfig) stateDir = dir
    }
  }

  if (flags.config) {
    configPath = expandHome(flags.config, home)
    configPathSource = 'flag'
  } else if (envConfigPath) {
    configPath = expandHome(envConfigPath, home)
    configPathSource = N.configPathVar
  } else if (legacyConfig) {
    configPath = legacyConfig
    configPathSource = 'default'
  } else {
    const movesConfig = !envStateDir || profile.paths.stateDirVarMovesConfig
    const dir = movesConfig ? stateDir : defaultStateDir
    // The release's own name wins; a legacy name only when that one is missing (clawdbot has none: no stat at all).
    const own = N.legacyConfigFileNames.length === 0 || exists(path.join(dir, N.configFileName))
    const legacy = own ? undefined : N.legacyConfigFileNames.find((f) => exists(path.join(dir, f)))
    configPath = path.join(dir, legacy ?? N.configFileName)
    configPathSource = envStateDir && movesConfig ? N.stateDirVar : flagProfile ? 'profile' : 'default'
  }

  let unitName: string
  let unitNameSource: Paths['unitNameSource']
  const envUnit = nonEmpty(env[N.unitVar])?.trim()
  if (flags.unit) {
    unitName = flags.unit
    unitNameSource = 'flag'
  } else if (envUnit) {
    unitName = envUnit
    unitNameSource = N.unitVar
  } else if (named(profileName)) {
    unitName = N.unitNameWithProfile.replace('<profile>', profileName)
    unitNameSource = 'profile'
  } else {
    unitName = N.unitName
    unitNameSource = 'default'
  }
  if (!unitName.endsWith('.service')) unitName += '.service'
  // A name with '/' (`--unit ../../x`) would make clawdoc read, and sync-token edit, a file outside the unit dirs.
  if (!UNIT_RE.test(unitName) || unitName.startsWith('.')) {
    throw new ClawdocError('USAGE', `Invalid unit name "${unitName}" (from ${unitNameSource === 'flag' ? '--unit' : unitNameSource}).`, {
      hint: `A systemd unit name has no "/" or spaces, e.g. ${N.unitNameWithProfile.replace('<profile>', 'work')}.`,
    })
  }

  const unitDir = path.join(home, '.config', 'systemd', 'user')
  const xdgData = nonEmpty(env.XDG_DATA_HOME) ?? path.join(home, '.local', 'share')
  const unitSearchDirs = [
    ...userUnitDirs(ctx),
    '/etc/systemd/user',
    path.join(path.resolve(xdgData), 'systemd', 'user'),
    '/usr/local/lib/systemd/user',
    '/usr/lib/systemd/user',
  ].filter((d, i, all) => all.indexOf(d) === i)

  return {
    home,
    cwd: ctx.cwd,
    profile: profileName,
    profileSource,
    stateDir,
    configPath,
    configPathSource,
    unitName,
    unitNameSource,
    unitDir,
    unitSearchDirs,
  }
}
