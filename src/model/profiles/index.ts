import {CLAWDBOT} from './clawdbot.js'
import {OPENCLAW_CURRENT} from './openclaw-current.js'
import {OPENCLAW_EARLY} from './openclaw-early.js'
import type {Facts} from '../facts.js'
import type {Product, ReleaseProfile} from './types.js'

export type {PathRules, Product, ProfileId, ProfileNamesView, ReleaseProfile} from './types.js'
export {CLAWDBOT, OPENCLAW_CURRENT, OPENCLAW_EARLY}

/** Every profile, oldest first per product. */
export const PROFILES: readonly ReleaseProfile[] = [CLAWDBOT, OPENCLAW_EARLY, OPENCLAW_CURRENT]

/** A release number `YYYY.M.D[-N]` as comparable numbers, or undefined when it is not one. */
export function parseRelease(v: string): number[] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-(\d+))?/.exec(v.trim())
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : undefined
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

export interface ProfileChoice {
  profile: ReleaseProfile
  /** Why this profile when the release is not inside a measured range, or unknown. */
  note?: string
}

/** The profile of a product release (pure: the one place a release number is compared). */
export function chooseProfile(product: Product, release?: string): ProfileChoice {
  const line = PROFILES.filter((p) => p.product === product)
  const newest = line.at(-1)!
  if (release === undefined) {
    return line.length > 1 ? {profile: newest, note: `${product} release unknown: using the newest profile (${newest.representative})`} : {profile: newest}
  }
  const v = parseRelease(release)
  if (!v) return {profile: newest, note: `${product} release "${release}" is not a release number: using the newest profile (${newest.representative})`}
  const covers = (p: ReleaseProfile) =>
    compare(v, parseRelease(p.range.from)!) >= 0 && (p.range.until === undefined || compare(v, parseRelease(p.range.until)!) < 0)
  const inRange = line.find(covers)
  if (!inRange) {
    const oldest = line[0]
    return {profile: oldest, note: `${product} ${release} is older than any profile: using the oldest (${oldest.representative})`}
  }
  if (inRange === newest && compare(v, parseRelease(newest.representative)!) > 0) {
    return {profile: newest, note: `${product} ${release} is newer than the newest measured release: using the profile of ${newest.representative}`}
  }
  return {profile: inRange}
}

export function profileById(id: string): ReleaseProfile | undefined {
  return PROFILES.find((p) => p.id === id)
}

/** The profile a run is about (clawdbot when nothing was detected: what clawdoc assumed before profiles). */
export function profileOf(facts: {product?: Pick<NonNullable<Facts['product']>, 'profile'>}): ReleaseProfile {
  return (facts.product && profileById(facts.product.profile)) || CLAWDBOT
}

/**
 * The product's own command that writes the gateway unit, named as the release in play names it (one name for doctor,
 * sync-token and restart; clawdbot 2026.1.24-3 ignores --token/--port on `gateway install`, so its `daemon install`).
 * `force`: rewrite an existing unit. A `--profile` given to clawdoc is passed on.
 */
export function installCommand(facts: Pick<Facts, 'product' | 'paths'>, opts: {force?: boolean} = {}): string {
  const profile = profileOf(facts)
  const [product, ...rest] = profile.reinstallCommand.replace(/ --force$/, '').split(' ')
  const named = facts.paths.profileSource === 'flag' && facts.paths.profile ? ['--profile', facts.paths.profile] : []
  return [product, ...named, ...rest, ...(opts.force ? ['--force'] : [])].join(' ')
}
