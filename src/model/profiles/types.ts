import type {Party, TokenSource} from '../party.js'
import type {ErrorTexts, ProbeHandshake, ReleaseRuntimeData, UnitTokenLayout} from './data/types.js'
import type {Product, ProfileId} from '../product.js'

export type {Product, ProfileId}

/** The profiles clawdoc knows, cut at the release boundaries of src/docs/OPENCLAW.md §1. */


/** The names one release line uses: files, variables, units. */
export interface ProfileNamesView {
  stateDirName: string
  configFileName: string
  /** Config file names the release also accepts in its state dir, first match wins (after configFileName). */
  legacyConfigFileNames: readonly string[]
  envPrefix: string
  /** The variables, full names (`<envPrefix>GATEWAY_TOKEN` …). */
  tokenVar: string
  passwordVar: string
  stateDirVar: `${string}STATE_DIR`
  configPathVar: `${string}CONFIG_PATH`
  profileVar: string
  unitVar: `${string}SYSTEMD_UNIT`
  portVar: string
  /** Legacy prefixes: read (as a fallback after envPrefix) or ignored. */
  legacyPrefixes: readonly {prefix: string; read: boolean}[]
  unitName: string
  /** `<profile>` is the placeholder. */
  unitNameWithProfile: string
  legacyUnitNames: readonly string[]
  /** Env files, `$STATE_DIR` relative (and `./.env` when the CLI reads it). */
  envFiles: readonly string[]
}

/** How the release resolves its state dir and config path (asserted against the measured `config file` cases). */
export interface PathRules {
  /** Does `<prefix>STATE_DIR` move the config (openclaw 2026.3.2: it does not)? */
  stateDirVarMovesConfig: boolean
  /** Does `--profile NAME` fill only an *empty* state-dir variable (clawdbot) or win over it? */
  profileDirName: string
  /** A legacy state dir used as is while the new one is missing (openclaw 2026.9.6: ~/.clawdbot). */
  legacyFallback?: {dir: string; configFileNames: readonly string[]}
}

export interface ReleaseProfile {
  id: ProfileId
  product: Product
  /** The release the rows were measured on. */
  representative: string
  /** The releases the profile covers, inclusive lower bound; `until` exclusive (undefined = open). */
  range: {from: string; until?: string}
  names: ProfileNamesView
  paths: PathRules
  /** The PARTY_RULES source order per party (src/model/parties.ts), first usable wins. */
  parties: Record<Party, readonly TokenSource[]>
  /**
   * The sources in which a party also takes a legacy-prefix name (read: true), right after the primary name there
   * (openclaw 2026.3.2: the local CLI's shell, `environment` then `legacy.environment`). Empty: legacy names never win.
   */
  legacyReads: Record<Party, readonly TokenSource[]>
  /**
   * What a gateway with no token anywhere does: `auth-none` (clawdbot 2026.1.24-3: mode none, any client gets in) or
   * `generates-token` (openclaw: a token of its own at start, errors.runtimeTokenWarning; only a paired device gets in).
   */
  withoutToken: 'auth-none' | 'generates-token'
  unitLayout: {tokenFromConfig: UnitTokenLayout; tokenFromEnv: UnitTokenLayout; environmentFile?: string}
  errors: ErrorTexts
  probe: Pick<ProbeHandshake, 'clientId' | 'minProtocol' | 'maxProtocol'>
  /** The command that rewrites the unit the release installs. */
  reinstallCommand: string
  /**
   * The config schema clawdoc validates the config against (`schemas/…`); undefined when the release has none clawdoc can
   * generate (config.invalid is then skipped, never passed). `checkChannelIds`: are `channels.*` keys checked against the
   * release's known channel ids (clawdbot's list; openclaw's generated subset leaves them open).
   */
  configSchema: {file?: string; note: string; checkChannelIds: boolean}
  /**
   * The run-time part of the measured data the profile was built from (undefined: clawdbot, whose rows live in
   * src/docs/CLAWDBOT.md §4). The measured tables (precedence rows, servers, unit sample) stay in ./data/<release>.ts.
   */
  data?: ReleaseRuntimeData
}
