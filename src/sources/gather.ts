import type {Context} from './context.js'
import {loopbackRemoteUrl} from '../probe/target.js'
import {readAlternates, readDevices} from './devices.js'
import {readConfig} from './config/read.js'
import {readEnv} from './env.js'
import {readFileModes} from './file-modes.js'
import {readPort, readTcpTables, tagLegacyListeners} from './port.js'
import {readLegacyUnits, readService, serviceFromShow} from './service.js'
import {readUnit} from './unit/read.js'
import {loadWebSocket} from './websocket.js'
import type {Facts, LegacyUnitsFacts, Paths, PortFacts, ProbeFacts, ServiceFacts} from '../model/facts.js'
import type {ProductFacts} from '../model/profiles/detect.js'
import {productConfig} from '../model/parties.js'
import {debugCaught} from '../model/debug.js'
import {CLAWDBOT, profileOf, type ProfileNamesView} from '../model/profiles/index.js'

export interface GatherOptions {
  paths: Paths
  /** The product and release in play (src/app/locate.ts). */
  product?: ProductFacts
  /** Ask systemd and /proc about the running service and the port. */
  live: boolean
  /** Probe the gateway: true = always, false = never, undefined = when the port answers on loopback. */
  probe?: boolean
  /** Allow probing gateway.remote.url (the user asked for it). */
  remote?: boolean
  probeTimeoutMs?: number
}

const DEFAULT_PORT = 18789

/** The port the gateway listens on: unit (ExecStart --port / its env) > the release's `<PREFIX>GATEWAY_PORT` > gateway.port > 18789. */
export function gatewayPort(
  f: Pick<Facts, 'unit' | 'config'>,
  env: Context['env'],
  portVar: ProfileNamesView['portVar'] = CLAWDBOT.names.portVar,
): {port: number; source: PortFacts['portSource']} {
  if (f.unit.port !== undefined) return {port: f.unit.port, source: 'unit'}
  const envPort = Number.parseInt(env[portVar] ?? '', 10)
  if (Number.isInteger(envPort) && envPort > 0 && envPort < 65536) return {port: envPort, source: portVar as PortFacts['portSource']}
  const cfg = productConfig(f)?.port
  if (cfg !== undefined) return {port: cfg, source: 'config'}
  return {port: DEFAULT_PORT, source: 'default'}
}

/** Read every source once. Readers never throw for broken user input; their problems are data. */
export async function gatherFacts(ctx: Context, opts: GatherOptions): Promise<Facts> {
  const {paths} = opts
  // The names of the release in play: every reader looks for its variables, primary and legacy (src/model/profiles/names.ts).
  const {names, configSchema} = profileOf(opts)
  // systemd is asked (child processes) and the kernel's TCP tables are read while the files are read: the unit's
  // names are all they need.
  const legacyNames = names.legacyUnitNames
  const live = opts.live ? readService(ctx, paths.unitName, names) : undefined
  const legacy = opts.live && legacyNames.length > 0 ? readLegacyUnits(ctx, legacyNames, paths.unitName) : undefined
  const tables = opts.live ? readTcpTables(ctx) : undefined
  // (Their failures are awaited below; until then they must not count as unhandled.)
  live?.catch(() => undefined)
  legacy?.catch(() => undefined)
  const [config, env, unit, devices, alternates] = await Promise.all([
    readConfig(ctx, paths, names, configSchema),
    readEnv(ctx, paths, names),
    readUnit(ctx, paths, names),
    readDevices(ctx.fs, paths),
    readAlternates(ctx.fs, paths),
  ])
  const {port, source} = gatewayPort({unit, config}, ctx.env, names.portVar)
  let service: ServiceFacts
  let portFacts: PortFacts
  let legacyUnits: LegacyUnitsFacts | undefined
  if (live) {
    ;[service, legacyUnits] = await Promise.all([live, legacy])
    portFacts = await tagLegacyListeners(ctx, await readPort(ctx, port, source, service, tables), legacyUnits)
  } else {
    service = {unit: paths.unitName, status: 'skipped', reason: '--offline'}
    portFacts = {port, portSource: source, status: 'skipped', listening: false, listeners: [], reason: '--offline'}
    if (legacyNames.length > 0) legacyUnits = {status: 'skipped', reason: '--offline', units: []}
  }
  const facts: Facts = {paths, config, env, unit, service, port: portFacts, devices, alternates, fileModes: await readFileModes(ctx.fs, {config, unit, env})}
  if (opts.product) facts.product = opts.product
  if (legacyUnits) facts.legacyUnits = legacyUnits
  facts.probe = await probeStep(facts, opts)
  return facts
}

/**
 * Start loading the probe (ws and its dependencies) now, for a probe that comes later: e.g.
 * while a restarted gateway boots, when clawdoc would otherwise sit idle. probeStep's import
 * then finds the module loaded.
 */
export function preloadProbe(): void {
  import('../probe/run-probes.js')
    .then(() => loadWebSocket())
    // Not lost: the same import or load fails again, and is reported, when the probe really runs.
    .catch((err: unknown) => debugCaught('preload probe', err))
}

/** The probe of gatherFacts and refreshLive: run it, or say why not. */
async function probeStep(facts: Facts, opts: Pick<GatherOptions, 'live' | 'probe' | 'remote' | 'probeTimeoutMs'>): Promise<ProbeFacts> {
  const {port} = facts.port
  // In remote mode with a loopback gateway.remote.url the CLI talks to that URL, not to the local port: probe it.
  const wantProbe = opts.probe ?? ((facts.port.status === 'ok' && facts.port.listening) || (opts.live === true && loopbackRemoteUrl(facts) !== undefined))
  if (!wantProbe) {
    const reason = opts.probe === false ? '--no-probe' : !opts.live ? '--offline' : `nothing listens on port ${port}`
    return {status: 'skipped', target: `ws://127.0.0.1:${port}`, reason, results: []}
  }
  // ws is only loaded when a probe runs.
  const {runProbes} = await import('../probe/run-probes.js')
  return runProbes(facts, {timeoutMs: opts.probeTimeoutMs, remote: opts.remote, webSocket: loadWebSocket()})
}

export interface RefreshOptions extends Pick<GatherOptions, 'probe' | 'remote' | 'probeTimeoutMs'> {
  /** Properties (SERVICE_PROPS) of a `systemctl --user show` made after the change: reused, not asked again. */
  show?: Record<string, string>
  /** Read the config again: its files changed on disk since `before` was gathered. */
  rereadConfig?: boolean
}

/**
 * The live facts after a restart, from the facts gathered before it. A restart changes what the
 * manager reports for the unit, the process (so its environment) and the port's listener; it
 * rewrites neither the unit file (src/docs/CLAWDBOT.md §5) nor the .env files, so those facts are reused.
 * The gateway may rewrite its config at start (legacy migration, plugin auto-enable, §2): the
 * caller compares the config files' stamps and asks for `rereadConfig`. Then probes once.
 */
export async function refreshLive(ctx: Context, before: Facts, opts: RefreshOptions = {}): Promise<Facts> {
  const {paths} = before
  const {names, configSchema} = profileOf(before)
  // The listener is looked up once the service is known; the kernel's tables are read meanwhile.
  const tables = readTcpTables(ctx)
  const config = opts.rereadConfig ? await readConfig(ctx, paths, names, configSchema) : before.config
  const {port, source} = gatewayPort({unit: before.unit, config}, ctx.env, names.portVar)
  const service = opts.show ? await serviceFromShow(ctx, paths.unitName, opts.show, names) : await readService(ctx, paths.unitName, names)
  const ownPort = () => readPort(ctx, port, source, service, tables).then((p) => tagLegacyListeners(ctx, p, before.legacyUnits))
  if (opts.probe !== true) {
    const facts: Facts = {...before, config, service, port: await ownPort(), probe: undefined}
    facts.probe = await probeStep(facts, {...opts, live: true})
    return facts
  }
  // An asked-for probe does not depend on who holds the port (only its number): it runs while /proc is read.
  const ask: Facts = {...before, config, service, port: {...before.port, port, portSource: source}, probe: undefined}
  const [portFacts, probe] = await Promise.all([ownPort(), probeStep(ask, {...opts, live: true})])
  return {...ask, port: portFacts, probe}
}
