import type {Secret} from './secret.js'
import type {Place} from './place.js'

// Token copies: every place a gateway token or password can live.

/** Stable ids of every place a gateway token or password can live. Part of the JSON contract. */
export const COPY_IDS = [
  'config.auth.token',
  'config.remote.token',
  'config.legacy.token',
  'config.env',
  'shell.env',
  'cwd.dotenv',
  'statedir.dotenv',
  'unit.env',
  'unit.exec-start',
  'service.manager-env',
  'service.process-env',
  'config.auth.password',
  'config.remote.password',
  'shell.env.password',
  'unit.env.password',
  /** A gateway token kept by a channel (e.g. a bridge's `gatewayToken`) under `channels.<id>`. */
  'config.channel',
] as const
export type CopyId = (typeof COPY_IDS)[number]

/** How the value was written. */
export type CopyOrigin =
  | {type: 'literal'}
  /** `${VAR}` in the config; `template` is the raw string as written (may contain more than the reference). */
  | {type: 'config-var'; variable: string; template: string; resolvedFrom?: Place}
  /** A value set by systemd `EnvironmentFile=`. */
  | {type: 'env-file'}

/** One copy of the gateway token (or password) as found on disk, in the env, or in a process. */
export interface TokenCopy {
  id: CopyId
  secret: 'token' | 'password'
  /** Human label, e.g. `gateway.auth.token`. */
  label: string
  /** The value exactly as its consumer sees it (after `${VAR}` substitution), untrimmed. */
  value: Secret
  place: Place
  origin: CopyOrigin
  /** Set when the JSON value is not a string (e.g. a number from `config set`). */
  nonString?: 'number' | 'boolean' | 'null' | 'object'
  /** Other assignments of the same variable that this one overrides (unit: last one wins). */
  shadowed?: Place[]
  /**
   * Set only on a copy read under a legacy-prefix name (CLAWDBOT_GATEWAY_TOKEN on openclaw): the prefix, and whether
   * the release in play reads that prefix at all (its profile's names.legacyPrefixes). Copies under the primary name have none.
   */
  legacyName?: {prefix: string; read: boolean}
  /**
   * Every assignment of the same variable that reaches no party, with its value: those this one
   * overrides (`shadowed`, also listed above) and those an empty `Environment=` reset (`reset`). They
   * still hold a token on disk, and come back if the line that hides them is removed.
   */
  hidden?: HiddenCopy[]
}

export interface HiddenCopy {
  place: Place
  value: Secret
  why: 'shadowed' | 'reset'
  /** The winning copy's place (shadowed) or the empty `Environment=` line (reset). */
  by?: Place
}

/** Every place of a copy that holds its value or an older one: the winner, then what it hides. */
export function placesHolding(c: TokenCopy): Place[] {
  const hidden = (c.hidden ?? []).map((h) => h.place)
  return [c.place, ...(c.shadowed ?? []).filter((p) => !hidden.includes(p)), ...hidden]
}
