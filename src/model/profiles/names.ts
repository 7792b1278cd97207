import type {Facts} from '../facts.js'
import {PROFILES, profileOf} from './index.js'
import type {ProfileNamesView} from './types.js'

// The variable names of the release in play, for the readers (src/sources) and the messages (src/checks,
// src/render): one place turns a profile's names into the lists they read, so no reader or check spells
// CLAWDBOT_* or OPENCLAW_* itself.

/** A legacy-prefix name: `read` = does this release read that prefix at all (ProfileNamesView.legacyPrefixes). */
export interface LegacyName {
  prefix: string
  read: boolean
}

/** One secret variable a reader looks for: the primary name, then each legacy prefix's. */
export interface SecretName {
  variable: string
  secret: 'token' | 'password'
  /** Set for a name under a legacy prefix (copied onto TokenCopy.legacyName). */
  legacyName?: LegacyName
}

export {profileOf}

/** The names of the release in play: the one helper messages use to name a variable. */
export function names(facts: {product?: Pick<NonNullable<Facts['product']>, 'profile'>}): ProfileNamesView {
  return profileOf(facts).names
}

/** `<prefix>GATEWAY_TOKEN` from the primary token variable's suffix (the same suffix under every prefix). */
function renamed(variable: string, n: ProfileNamesView, prefix: string): string {
  return prefix + variable.slice(n.envPrefix.length)
}

/** The token and password variables, primary first (token, password), then each legacy prefix's in profile order. */
export function secretNames(n: ProfileNamesView): SecretName[] {
  const out: SecretName[] = [
    {variable: n.tokenVar, secret: 'token'},
    {variable: n.passwordVar, secret: 'password'},
  ]
  for (const {prefix, read} of n.legacyPrefixes) {
    out.push({variable: renamed(n.tokenVar, n, prefix), secret: 'token', legacyName: {prefix, read}})
    out.push({variable: renamed(n.passwordVar, n, prefix), secret: 'password', legacyName: {prefix, read}})
  }
  return out
}

/** The variables that tell the gateway where its config is, and which of them each is. */
export function locationNames(n: ProfileNamesView): {variable: string; role: 'configPath' | 'stateDir' | 'profile'}[] {
  return [
    {variable: n.configPathVar, role: 'configPath'},
    {variable: n.stateDirVar, role: 'stateDir'},
    {variable: n.profileVar, role: 'profile'},
  ]
}

/** The variables whose every assignment a unit reader remembers (secrets under every name, and the port). */
export function watchedNames(n: ProfileNamesView): string[] {
  return [...secretNames(n).map((s) => s.variable), n.portVar]
}

/**
 * Prefixes of the other product names clawdoc knows that this release neither reads nor lists as legacy
 * (on clawdbot 2026.1.24: OPENCLAW_ and MOLTBOT_, the names of a newer release), from every profile's names.
 */
export function otherPrefixes(n: ProfileNamesView): string[] {
  const own = new Set([n.envPrefix, ...n.legacyPrefixes.map((l) => l.prefix)])
  const all = PROFILES.flatMap((p) => [p.names.envPrefix, ...p.names.legacyPrefixes.map((l) => l.prefix)])
  return [...new Set(all)].filter((p) => !own.has(p))
}

/** The variable suffixes a release reads under its prefix (what `env.newer-names` looks for under the other prefixes). */
export function variableSuffixes(n: ProfileNamesView): string[] {
  return [n.tokenVar, n.passwordVar, n.stateDirVar, n.configPathVar, n.portVar, n.profileVar].map((v) => v.slice(n.envPrefix.length))
}

/** Does the CLI read `./.env` in its working directory (names.envFiles)? */
export function readsCwdDotenv(n: ProfileNamesView): boolean {
  return n.envFiles.includes('./.env')
}
