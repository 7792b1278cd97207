import type {Context} from '../sources/context.js'
import {readAlternates, readDevices} from '../sources/devices.js'
import {readConfig} from '../sources/config/read.js'
import {readEnv} from '../sources/env.js'
import {readFileModes} from '../sources/file-modes.js'
import {readPort} from '../sources/port.js'
import {readService} from '../sources/service.js'
import {readUnit} from '../sources/unit/read.js'
import type {Facts, Paths, PortFacts, ServiceFacts} from '../model/facts.js'

export interface GatherOptions {
  paths: Paths
  /** Ask systemd and /proc about the running service and the port. */
  live: boolean
  /** Probe the gateway: true = always, false = never, undefined = when the port answers on loopback. */
  probe?: boolean
  /** Allow probing gateway.remote.url (the user asked for it). */
  remote?: boolean
  probeTimeoutMs?: number
}

const DEFAULT_PORT = 18789

/** The port the gateway listens on: unit (ExecStart --port / its env) > CLAWDBOT_GATEWAY_PORT > gateway.port > 18789. */
export function gatewayPort(f: Pick<Facts, 'unit' | 'config'>, env: Context['env']): {port: number; source: PortFacts['portSource']} {
  if (f.unit.port !== undefined) return {port: f.unit.port, source: 'unit'}
  const envPort = Number.parseInt(env.CLAWDBOT_GATEWAY_PORT ?? '', 10)
  if (Number.isInteger(envPort) && envPort > 0 && envPort < 65536) return {port: envPort, source: 'CLAWDBOT_GATEWAY_PORT'}
  const cfg = f.config.status === 'ok' && !f.config.discardedByProduct ? f.config.gateway.port : undefined
  if (cfg !== undefined) return {port: cfg, source: 'config'}
  return {port: DEFAULT_PORT, source: 'default'}
}

/** Read every source once. Readers never throw for broken user input; their problems are data. */
export async function gatherFacts(ctx: Context, opts: GatherOptions): Promise<Facts> {
  const {paths} = opts
  const [config, env, unit, devices, alternates] = await Promise.all([
    readConfig(ctx, paths),
    readEnv(ctx, paths),
    readUnit(ctx, paths),
    readDevices(ctx.fs, paths),
    readAlternates(ctx.fs, paths),
  ])
  const {port, source} = gatewayPort({unit, config}, ctx.env)
  let service: ServiceFacts
  let portFacts: PortFacts
  if (opts.live) {
    service = await readService(ctx, paths.unitName)
    portFacts = await readPort(ctx, port, source, service)
  } else {
    service = {unit: paths.unitName, status: 'skipped', reason: '--offline'}
    portFacts = {port, portSource: source, status: 'skipped', listening: false, listeners: [], reason: '--offline'}
  }
  const facts: Facts = {paths, config, env, unit, service, port: portFacts, devices, alternates, fileModes: await readFileModes(ctx.fs, {config, unit, env})}
  const wantProbe = opts.probe ?? (portFacts.status === 'ok' && portFacts.listening)
  if (!wantProbe) {
    const reason = opts.probe === false ? '--no-probe' : !opts.live ? '--offline' : `nothing listens on port ${port}`
    facts.probe = {status: 'skipped', target: `ws://127.0.0.1:${port}`, reason, results: []}
  } else {
    // ws is only loaded when a probe runs.
    const {runProbes} = await import('../probe/run-probes.js')
    facts.probe = await runProbes(facts, {timeoutMs: opts.probeTimeoutMs, remote: opts.remote})
  }
  return facts
}
