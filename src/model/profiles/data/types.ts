/**
 * The shape of a release profile's measured data (issue 12 item 2): plain data, no logic. Each
 * data file in this folder describes one real release and is asserted against that release by
 * test/interop/openclaw-*.test.ts (or product-precedence.test.ts for clawdbot).
 */

/** Symbols for distinct fake tokens, as in test/interop/precedence-table.ts; 'A ' = A with a trailing space. */
export type Sym = 'A' | 'B' | 'U' | 'X' | 'Z' | 'A ' | '""'

/**
 * A place a party reads a gateway token from. Ids follow src/model/copy.ts (CopyId) where one
 * exists; `legacy.*` are the same places under the legacy name (CLAWDBOT_GATEWAY_TOKEN).
 */
export type TokenSource =
  | 'cli.flag' // --token on the command line
  | 'unit.exec-start' // --token in the unit's ExecStart
  | 'config.auth.token'
  | 'config.remote.token'
  | 'config.env' // the config's `env` block
  | 'environment' // the process environment: a unit's Environment= / EnvironmentFile=, or the shell for a CLI
  | 'cwd.dotenv'
  | 'statedir.dotenv'
  | 'legacy.environment'
  | 'legacy.statedir.dotenv'

/** The order in which one party takes its token: the first source that holds a non-empty value wins. */
export interface PartyPrecedence {
  order: readonly TokenSource[]
  /** Does the party trim the value (clients do; the clawdbot server does not)? */
  trims: boolean | 'unmeasured'
  note: string
}

export interface ProfileNames {
  product: 'clawdbot' | 'openclaw'
  release: string
  /** The Node the release needs (package.json engines). */
  engines: string
  stateDirName: string
  configFileName: string
  /** How the config path resolves, first match wins (measured with the release's `config file`). */
  configResolution: readonly {when: string; path: string}[]
  /** The cases behind configResolution, as measured: files under HOME, env, argv → `config file` (`$HOME` = the HOME it ran with). */
  configFileCases: readonly {files: readonly string[]; env?: Readonly<Record<string, string>>; args?: readonly string[]; answer: string}[]
  envPrefix: string
  /** Legacy prefixes and what the release does with each. */
  legacyPrefixes: readonly {prefix: string; read: boolean; note: string}[]
  /** Legacy state dirs (relative to HOME) the release falls back to or migrates. */
  legacyStateDirs: readonly {dir: string; behaviour: 'read-if-new-missing' | 'migrated-on-any-command' | 'ignored'; note: string}[]
  profile: {flag: string; flagEffect: string; variable: string; variableEffect: string}
  unitName: string
  /** Unit name with a profile; `<profile>` is the placeholder. */
  unitNameWithProfile: string
  legacyUnitNames: readonly string[]
  /** Env files the product itself reads or writes, `$STATE_DIR` relative. */
  envFiles: readonly {path: string; readBy: string}[]
  /** Variables that turn off outward-facing parts; `applies` = read by this release. */
  switches: readonly {name: string; applies: boolean; note: string}[]
}

/** Where the token lives in the unit the release installs. */
export type UnitTokenLayout = 'inline' | 'env-file' | 'none'

export interface UnitLayout {
  /** What the release's own `buildSystemdUnit` / installer wrote, and how it was obtained. */
  renderedWith: string
  /** Where a token that lives only in the config ends up. */
  tokenFromConfig: UnitTokenLayout
  /** Where a token given to the installer by the environment (shell or state-dir .env) ends up. */
  tokenFromEnv: UnitTokenLayout
  /** EnvironmentFile= line, with `$STATE_DIR` for the state dir; undefined when the unit has none. */
  environmentFile?: string
  killMode: string
  restart: string
  /** Environment= names the installer always writes (values vary). */
  markerVariables: readonly string[]
  /** Does the renderer quote values with whitespace (clawdbot 2026.1.24-3 did not)? */
  quotesWhitespace: boolean
  /** The whole unit, rendered for a fixed input; paths replaced by <NODE>, <ENTRY>, <STATE_DIR>, <HOME>. */
  sample: string
}

export interface ErrorTexts {
  /** What the release's CLI prints (the gateway tailors the hint to the client). */
  tokenMismatch: string
  /** What the gateway answers a probe client (client.mode probe) that sends a wrong token. */
  tokenMismatchProbe: string
  /** What the gateway answers a probe client that sends no token, when that is not a token verdict. */
  noTokenProbe?: string
  tokenMissing?: string
  noCredentials?: string
  /** Logged by the gateway when legacy variables are present (undefined: it says nothing). */
  legacyEnvWarning?: string
  /** Logged by the gateway when it runs without a configured token. */
  runtimeTokenWarning?: string
}

/** One gateway process: its config token and the variables in its own environment (a unit's Environment=). */
export interface ProfileServerSetup {
  authToken?: Sym
  /** `<PREFIX>GATEWAY_TOKEN` of the release (OPENCLAW_GATEWAY_TOKEN). */
  envToken?: Sym
  /** CLAWDBOT_GATEWAY_TOKEN. */
  legacyEnvToken?: Sym
}

/** What the real `gateway health` said. */
export type HealthResult = 'ok' | 'token-mismatch' | 'token-missing' | 'no-credentials'

/** A direct probe's verdict; 'device-identity-required' = refused before any token check (a tokenless client without a device). */
export type ProbeVerdict = 'accepted' | 'token-mismatch' | 'token-missing' | 'device-identity-required'

export interface ProfilePrecedenceRow {
  id: string
  server: string
  mode: 'local' | 'remote'
  authToken?: Sym
  remoteToken?: Sym
  /** OPENCLAW_GATEWAY_TOKEN in the client's shell, in `<stateDir>/.env`, in `./.env`. */
  shellEnv?: Sym
  stateDirDotenv?: Sym
  cwdDotenv?: Sym
  /** CLAWDBOT_GATEWAY_TOKEN in the client's shell. */
  legacyShellEnv?: Sym
  /** What the CLI sends (trimmed), or undefined for no token; proven by probing the gateway with it. */
  clientSends?: Sym
  /** How the gateway answers that token (or no token) when probed directly. */
  probe: ProbeVerdict
  result: HealthResult
  note: string
}

/** The WebSocket `connect` a token probe must send to be judged on its token (not refused as a protocol error). */
export interface ProbeHandshake {
  clientId: string
  minProtocol: number
  maxProtocol: number
  note: string
}

export interface ReleaseProfileData {
  names: ProfileNames
  probe: ProbeHandshake
  /**
   * `gatewayTools`: the in-gateway agent tools (they call the gateway as a client, from the gateway's own environment);
   * without it they take the server's order (src/model/profiles/from-data.ts).
   */
  parties: {server: PartyPrecedence; localCli: PartyPrecedence; remoteCli: PartyPrecedence; gatewayTools?: PartyPrecedence}
  unit: UnitLayout
  errors: ErrorTexts
  /** Can the release print its own config JSON schema, and with what command? */
  configSchema: {exportable: boolean; command?: string; generatedCopy?: string; note: string}
  servers: Record<string, ProfileServerSetup>
  precedence: readonly ProfilePrecedenceRow[]
}

/** The part of a release's data the CLI reads at run time (the profile wiring); the measured tables are read by the tests. */
export type ReleaseRuntimeData = Omit<ReleaseProfileData, 'servers' | 'precedence' | 'unit'> & {unit: Omit<UnitLayout, 'sample'>}
