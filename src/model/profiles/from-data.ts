import type {Party, TokenSource} from '../party.js'
import type {PartyPrecedence, ReleaseProfileData, TokenSource as DataSource} from './data/types.js'
import type {ProfileNamesView} from './types.js'

// Turn a measured data file (./data/*.ts) into the pieces of a ReleaseProfile, so that no measured value is retyped.

/** Where a data source lands in PARTY_RULES; `environment` is the party's own environment. */
function partySource(s: DataSource, envSource: TokenSource): TokenSource | undefined {
  switch (s) {
    case 'unit.exec-start':
      return 'exec-start'
    case 'config.auth.token':
      return 'auth-token'
    case 'config.remote.token':
      return 'remote-token'
    case 'config.env':
      return 'config-env-block'
    case 'environment':
    case 'legacy.environment': // the same environment under a legacy name: the reader takes both names (names.legacyPrefixes)
      return envSource
    case 'cwd.dotenv':
      return 'cwd-dotenv'
    case 'statedir.dotenv':
    case 'legacy.statedir.dotenv':
      return 'statedir-dotenv'
    case 'cli.flag': // clawdoc never sees a client's own --token
      return undefined
  }
}

/** A party's measured order as PARTY_RULES sources, first usable wins; `only` keeps some steps (the legacy ones). */
function order(p: PartyPrecedence, envSource: TokenSource, only: (s: DataSource) => boolean): TokenSource[] {
  const out: TokenSource[] = []
  for (const s of p.order) {
    const mapped = only(s) ? partySource(s, envSource) : undefined
    if (mapped && !out.includes(mapped)) out.push(mapped)
  }
  return out
}

/**
 * Every party's sources from the measured rows. The in-gateway tools read the gateway's own environment: the
 * release's data gives their order (parties.gatewayTools), else they get the server's without `--token`.
 */
function byParty(d: Pick<ReleaseProfileData, 'parties'>, only: (s: DataSource) => boolean = () => true): Record<Party, readonly TokenSource[]> {
  const server = order(d.parties.server, 'service-env', only)
  return {
    server,
    'local-cli': order(d.parties.localCli, 'shell-env', only),
    'remote-cli': order(d.parties.remoteCli, 'shell-env', only),
    'gateway-tools': d.parties.gatewayTools ? order(d.parties.gatewayTools, 'service-env', only) : server.filter((s) => s !== 'exec-start'),
  }
}

/** The PARTY_RULES order of each party from the measured rows. */
export function partiesFromData(d: Pick<ReleaseProfileData, 'parties'>): Record<Party, readonly TokenSource[]> {
  return byParty(d)
}

/** Where each party also reads a legacy name (a `legacy.*` step of its measured order, after the primary name). */
export function legacyReadsFromData(d: Pick<ReleaseProfileData, 'parties'>): Record<Party, readonly TokenSource[]> {
  return byParty(d, (s) => s.startsWith('legacy.'))
}

/** Other file names the release reads in its own state dir, from the measured `config file` cases. */
function legacyConfigNames(d: Pick<ReleaseProfileData, 'names'>): string[] {
  const dir = `${d.names.stateDirName}/`
  const out: string[] = []
  for (const c of d.names.configFileCases) {
    const [only] = c.files
    if (c.files.length !== 1 || c.env || c.args || !only.startsWith(dir)) continue
    const name = only.slice(dir.length)
    if (name !== d.names.configFileName && c.answer === `$HOME/${only}` && !out.includes(name)) out.push(name)
  }
  return out
}

/** The names of a measured release, with the variable names built from its prefix. */
export function namesFromData(d: Pick<ReleaseProfileData, 'names'>): ProfileNamesView {
  const n = d.names
  const p = n.envPrefix
  return {
    stateDirName: n.stateDirName,
    configFileName: n.configFileName,
    legacyConfigFileNames: legacyConfigNames(d),
    envPrefix: p,
    tokenVar: `${p}GATEWAY_TOKEN`,
    passwordVar: `${p}GATEWAY_PASSWORD`,
    stateDirVar: `${p}STATE_DIR`,
    configPathVar: `${p}CONFIG_PATH`,
    profileVar: n.profile.variable,
    unitVar: `${p}SYSTEMD_UNIT`,
    portVar: `${p}GATEWAY_PORT`,
    legacyPrefixes: n.legacyPrefixes.map(({prefix, read}) => ({prefix, read})),
    unitName: n.unitName,
    unitNameWithProfile: n.unitNameWithProfile,
    legacyUnitNames: n.legacyUnitNames,
    envFiles: n.envFiles.filter((f) => !f.readBy.startsWith('nobody')).map((f) => f.path),
  }
}
