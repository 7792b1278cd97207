import type {ProductFacts} from './product.js'
import type {TokenCopy, CopyId} from './copy.js'
import type {Place, Problem, FileStatus} from './place.js'

// Facts: everything the readers found, gathered once, handed to every check.

export interface Paths {
  home: string
  cwd: string
  /** Profile from --profile / --dev (moves the config) or the release's `<PREFIX>PROFILE` (moves only the unit name). */
  profile?: string
  profileSource?: 'flag' | 'env'
  stateDir: string
  configPath: string
  /** `<PREFIX>CONFIG_PATH` / `<PREFIX>STATE_DIR` name the release's variable (CLAWDBOT_CONFIG_PATH, OPENCLAW_STATE_DIR, ...). */
  configPathSource: 'flag' | `${string}CONFIG_PATH` | `${string}STATE_DIR` | 'profile' | 'default'
  unitName: string
  unitNameSource: 'flag' | `${string}SYSTEMD_UNIT` | 'profile' | 'default'
  /** Directory the product writes its unit to, and the other user unit dirs searched. */
  unitDir: string
  unitSearchDirs: string[]
}

/** The variables an environment defines, by name only (never values): enough to resolve `${VAR}` status. */
export interface EnvNames {
  nonEmpty: string[]
  empty: string[]
}

/** One `${VAR}` reference in the config (escaped `$${X}` and invalid names excluded). */
export interface ConfigVarRef {
  variable: string
  keyPath: string[]
  place: Place
}

export interface ConfigSchemaProblem extends Problem {
  /** True when the product would throw the whole config away and run on `{}`. */
  fatal: boolean
}

export interface GatewayConfig {
  mode?: string
  bind?: string
  port?: number
  tlsEnabled?: boolean
  authMode?: string
  authToken?: TokenCopy
  authPassword?: TokenCopy
  remoteUrl?: string
  remoteToken?: TokenCopy
  remotePassword?: TokenCopy
  legacyToken?: TokenCopy
  reloadMode?: string
  /** Places of the keys above, for messages (key path -> place). */
  places: Record<string, Place>
}

export interface ChannelConfig {
  id: string
  enabled?: boolean
  place: Place
  /** Keys present directly under the channel object (names only, never values). */
  keys: string[]
  /** Token-like values stored in the channel (e.g. a gateway token kept by a bridge). */
  tokens: TokenCopy[]
}

export interface ConfigFacts {
  path: string
  status: FileStatus
  /** Read or parse error of the main file (parse errors carry line and column). */
  error?: Problem
  /** Why the main file could not be read (status unreadable): its errno (EISDIR for a directory), or `not-regular`. */
  unreadable?: string
  /** Every file read: the config and its `$include`s, in order. */
  files: string[]
  includeErrors: Problem[]
  /**
   * `${VAR}` references that are unset or empty in the environment of a CLI started from this shell
   * (a CLI then discards the whole config). The gateway resolves them from its own service
   * environment: see model/config-vars.ts for its view.
   */
  varErrors: (Problem & {variable: string; reason: 'unset' | 'empty'})[]
  schemaErrors: ConfigSchemaProblem[]
  /** Why the config was not checked against a schema (the release has none clawdoc knows); config.invalid is skipped. */
  schemaUnchecked?: string
  /** Every `${VAR}` reference, for resolving them per party (model/config-vars.ts). */
  varRefs?: ConfigVarRef[]
  /** True when a CLI started from this shell would run on an empty config (any fatal problem above). */
  discardedByProduct: boolean
  gateway: GatewayConfig
  /** `env.<PREFIX>GATEWAY_TOKEN` / `env.vars.…` (and password, and the legacy-prefix names, with `legacyName`). */
  envBlock: TokenCopy[]
  channels: ChannelConfig[]
  /** Channel ids declared by plugins the config loads (best effort; undefined when unknown). */
  pluginChannels?: string[]
  /** File mode of the main config (e.g. 0o600), when readable. */
  mode?: number
}

export interface DotenvFacts {
  path: string
  status: FileStatus
  error?: Problem
  copies: TokenCopy[]
}

export interface EnvFacts {
  /** `<PREFIX>GATEWAY_TOKEN` / `_PASSWORD` of the shell clawdoc runs in, then the legacy-prefix names (with `legacyName`). */
  shell: TokenCopy[]
  cwdDotenv: DotenvFacts
  stateDirDotenv: DotenvFacts
  /** Names (never values) of variables under another product's prefix that this release does not read (on clawdbot: OPENCLAW_*, MOLTBOT_*). */
  newerNames: string[]
}

export interface EnvFileRef {
  path: string
  optional: boolean
  status: FileStatus
  place: Place
}

export interface UnitFacts {
  name: string
  /** The unit file found (first match in the search dirs), or the expected path when missing. */
  path: string
  status: FileStatus
  error?: Problem
  dropIns: string[]
  envFiles: EnvFileRef[]
  /** The effective `<PREFIX>GATEWAY_TOKEN` of the release (last assignment wins; EnvironmentFile= overrides Environment=). */
  token?: TokenCopy
  password?: TokenCopy
  /** Token and password copies under a legacy-prefix name (each has `legacyName`), in the profile's order. */
  legacyCopies?: TokenCopy[]
  /** `--token` in ExecStart (overrides everything for the server). */
  execToken?: TokenCopy
  /** `--port` from ExecStart, else `<PREFIX>GATEWAY_PORT` from the unit env. */
  port?: number
  execStart?: {args: string[]; place: Place}
  /** `--allow-unconfigured` in ExecStart: the product then starts without a config or in remote mode. */
  allowUnconfigured?: boolean
  /** Non-fatal syntax notes (unknown escapes, continuation at EOF, ...). */
  warnings: Problem[]
  /** Names the unit's environment defines (Environment=, drop-ins, EnvironmentFile=, after UnsetEnvironment=). */
  envNames?: EnvNames
  /** Where the unit tells the gateway to look (`<PREFIX>CONFIG_PATH` / `_STATE_DIR` / `_PROFILE` in its env): paths, not secrets. */
  locations?: {variable: string; role: 'configPath' | 'stateDir' | 'profile'; value: string; place: Place}[]
}

export interface ServiceFacts {
  unit: string
  /** ok: `systemctl --user show` answered. */
  status: 'ok' | 'no-bus' | 'error' | 'skipped'
  /** Why not ok, and what to do (no secret). */
  reason?: string
  hint?: string
  loadState?: string
  activeState?: string
  subState?: string
  mainPid?: number
  needDaemonReload?: boolean
  controlGroup?: string
  fragmentPath?: string
  /** Token in the environment the manager has loaded for the unit (stale until daemon-reload). */
  managerToken?: TokenCopy
  /** Token in the running process' environment (/proc/<MainPID>/environ; stale until restart). */
  processToken?: TokenCopy
  /** Tokens under a legacy-prefix name in the running process' environment (each has `legacyName`). */
  processLegacyCopies?: TokenCopy[]
  /** Names the running process' environment defines, when it could be read. */
  processEnvNames?: EnvNames
  /** Whether the process env could be read (absent process, permission). */
  processEnvStatus?: 'ok' | 'no-process' | 'unreadable'
}

/** A legacy unit name of the release (profile names.legacyUnitNames) as the user manager knows it. */
export interface LegacyUnitState {
  unit: string
  loadState?: string
  activeState?: string
  subState?: string
  /** enabled, disabled, static, linked, masked... (`UnitFileState`). */
  unitFileState?: string
  mainPid?: number
  controlGroup?: string
  fragmentPath?: string
}

/** What `systemctl --user show` says about the release's legacy unit names (never throws: a status). */
export interface LegacyUnitsFacts {
  status: 'ok' | 'no-bus' | 'error' | 'skipped'
  reason?: string
  /** Only the names the manager knows (LoadState other than not-found), or that have a process. */
  units: LegacyUnitState[]
}

export interface PortListener {
  pid?: number
  /** Command line with arguments that look like secrets removed. */
  command?: string
  /** Inside the unit's cgroup or a descendant of its MainPID. undefined: could not tell. */
  belongsToService?: boolean
  /** Not the service's: inside a legacy unit's cgroup or process tree (clawdbot-gateway.service beside openclaw's). */
  legacyUnit?: string
}

export interface PortFacts {
  port: number
  portSource: 'unit' | `${string}GATEWAY_PORT` | 'config' | 'default' | 'flag'
  status: 'ok' | 'error' | 'skipped'
  listening: boolean
  listeners: PortListener[]
  reason?: string
}

export interface DeviceFacts {
  path: string
  present: boolean
  tokenCount: number
}

export interface AlternateConfig {
  path: string
  product: 'openclaw' | 'moltbot' | 'clawdbot'
  /** True when it was modified after the live config. */
  newer: boolean
}

export type ProbeOutcome =
  | 'accepted'
  | 'token-mismatch'
  | 'token-missing'
  | 'rejected'
  | 'protocol-error'
  | 'no-answer'
  | 'refused'

export interface ProbeResult {
  /** Copies that hold this exact value. */
  copies: CopyId[]
  length: number
  sha256: string
  outcome: ProbeOutcome
  /** The product's own rejection text (never contains a token). */
  message?: string
  ms: number
  /** The value probed is a copy's value with outer whitespace removed (what the product's clients send). */
  trimmed?: boolean
}

export interface ProbeFacts {
  status: 'ok' | 'skipped' | 'unreachable'
  target: string
  reason?: string
  /** The gateway accepts a bogus token: auth is off. */
  authOff?: boolean
  results: ProbeResult[]
}

/** Mode of a file that may hold a token (from stat, following links). */
export interface FileMode {
  path: string
  mode: number
  /** 0o070 when the group, 0o007 when others can search every directory above it (else they cannot open it, whatever its mode). */
  reach: number
}

/** All facts, gathered once by the readers. Checks read only this. */
export interface Facts {
  paths: Paths
  config: ConfigFacts
  env: EnvFacts
  unit: UnitFacts
  service: ServiceFacts
  port: PortFacts
  devices: DeviceFacts
  alternates: AlternateConfig[]
  probe?: ProbeFacts
  /** Modes of the other files that may hold a token (includes, unit, drop-ins, EnvironmentFile=, .env). */
  fileModes?: FileMode[]
  /** The product and release in play and how that was found (undefined: not detected, clawdbot assumed). */
  product?: ProductFacts
  /** The release's legacy units beside its own (undefined: not asked, e.g. a release with none). */
  legacyUnits?: LegacyUnitsFacts
}
