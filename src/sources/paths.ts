import * as path from 'node:path'

import {ClawdocError} from '../model/errors.js'
import type {Context} from './context.js'
import type {Paths} from '../model/facts.js'

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
  const dirs = [path.join(xdgConfig ? path.resolve(xdgConfig) : path.join(ctx.home, '.config'), 'systemd', 'user'), path.join(ctx.home, '.config', 'systemd', 'user')]
  return dirs.filter((d, i) => dirs.indexOf(d) === i)
}

/**
 * Resolve state dir, config path and unit name as clawdbot 2026.1.24 does:
 * - `--profile` / `--dev` fill only *empty* CLAWDBOT_STATE_DIR / CLAWDBOT_CONFIG_PATH.
 * - CLAWDBOT_PROFILE alone does not move the config, but does rename the unit.
 * - CLAWDBOT_SYSTEMD_UNIT overrides the unit name.
 * - The product writes units to $HOME/.config/systemd/user (it ignores XDG_CONFIG_HOME);
 *   systemd reads $XDG_CONFIG_HOME/systemd/user first, so both are searched.
 */
export function resolvePaths(ctx: Pick<Context, 'env' | 'home' | 'cwd'>, flags: PathFlags = {}): Paths {
  const {env, home} = ctx
  if (flags.dev && flags.profile) {
    throw new ClawdocError('USAGE', 'Use either --dev or --profile, not both.', {hint: '--dev is the same as --profile dev.'})
  }
  const flagProfile = flags.dev ? 'dev' : flags.profile
  if (flagProfile !== undefined && !PROFILE_RE.test(flagProfile)) {
    throw new ClawdocError('USAGE', `Invalid profile name "${flagProfile}".`, {
      hint: 'A profile name is 1-64 letters, digits, "_" or "-", starting with a letter or digit.',
    })
  }
  const envProfile = nonEmpty(env.CLAWDBOT_PROFILE)?.trim()
  const profile = flagProfile ?? envProfile
  const profileSource = flagProfile === undefined ? (envProfile === undefined ? undefined : 'env') : 'flag'

  let stateDir: string
  let configPath: string
  let configPathSource: Paths['configPathSource']
  const envStateDir = nonEmpty(env.CLAWDBOT_STATE_DIR)
  const envConfigPath = nonEmpty(env.CLAWDBOT_CONFIG_PATH)
  if (envStateDir) stateDir = expandHome(envStateDir, home)
  else if (flagProfile && flagProfile.toLowerCase() !== 'default') stateDir = path.join(home, `.clawdbot-${flagProfile}`)
  else stateDir = path.join(home, '.clawdbot')

  if (flags.config) {
    configPath = expandHome(flags.config, home)
    configPathSource = 'flag'
  } else if (envConfigPath) {
    configPath = expandHome(envConfigPath, home)
    configPathSource = 'CLAWDBOT_CONFIG_PATH'
  } else {
    configPath = path.join(stateDir, 'clawdbot.json')
    configPathSource = envStateDir ? 'CLAWDBOT_STATE_DIR' : flagProfile ? 'profile' : 'default'
  }

  let unitName: string
  let unitNameSource: Paths['unitNameSource']
  const envUnit = nonEmpty(env.CLAWDBOT_SYSTEMD_UNIT)?.trim()
  if (flags.unit) {
    unitName = flags.unit
    unitNameSource = 'flag'
  } else if (envUnit) {
    unitName = envUnit
    unitNameSource = 'CLAWDBOT_SYSTEMD_UNIT'
  } else if (profile && profile.toLowerCase() !== 'default') {
    unitName = `clawdbot-gateway-${profile}`
    unitNameSource = 'profile'
  } else {
    unitName = 'clawdbot-gateway'
    unitNameSource = 'default'
  }
  if (!unitName.endsWith('.service')) unitName += '.service'
  // A name with '/' (`--unit ../../x`) would make clawdoc read, and sync-token edit, a file outside the unit dirs.
  if (!UNIT_RE.test(unitName) || unitName.startsWith('.')) {
    throw new ClawdocError('USAGE', `Invalid unit name "${unitName}" (from ${unitNameSource === 'flag' ? '--unit' : unitNameSource}).`, {
      hint: 'A systemd unit name has no "/" or spaces, e.g. clawdbot-gateway-work.service.',
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
    profile,
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
