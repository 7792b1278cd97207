import type {Party, TokenSource} from '../parties.js'
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

function order(p: PartyPrecedence, envSource: TokenSource): TokenSource[] {
  const out: TokenSource[] = []
  for (const s of p.order) {
    const mapped = partySource(s, envSource)
    if (mapped && !out.includes(mapped)) out.push(mapped)
  }
  return out
}

/**
 * The PARTY_RULES order of each party from the measured rows. The in-gateway tools read the gateway's own
 * environment: the release's data gives their order (parties.gatewayTools), else they get the server's without `--token`.
 */
export function partiesFromData(d: Pick<ReleaseProfileData, 'parties'>): Record<Party, readonly TokenSource[]> {
  const server = order(d.parties.server, 'service-env')
  return {
    server,
    'local-cli': order(d.parties.localCli, 'shell-env'),
    'remote-cli': order(d.parties.remoteCli, 'shell-env'),
    'gateway-tools': d.parties.gatewayTools ? order(d.parties.gatewayTools, 'service-env') : server.filter((s) => s !== 'exec-start'),
  }
}

/** The PARTY_RULES sources in which a party's measured order holds a `legacy.*` step (the legacy name, after the primary one). */
function legacySources(p: PartyPrecedence, envSource: TokenSource): TokenSource[] {
  const out: TokenSource[] = []
  for (const s of p.order) {
    if (!s.startsWith('legacy.')) continue
    const mapped = partySource(s, envSource)
    if (mapped && !out.includes(mapped)) out.push(mapped)
  }
  return out
}

/** Where each party also reads a legacy name; the in-gateway tools take the server's (as in partiesFromData). */
export function legacyReadsFromData(d: Pick<ReleaseProfileData, 'parties'>): Record<Party, readonly TokenSource[]> {
  const server = legacySources(d.parties.server, 'service-env')
  return {
    server,
    'local-cli': legacySources(d.parties.localCli, 'shell-env'),
    'remote-cli': legacySources(d.parties.remoteCli, 'shell-env'),
    'gateway-tools': d.parties.gatewayTools ? legacySources(d.parties.gatewayTools, 'service-env') : server,
  }
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
