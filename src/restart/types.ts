import type {Context} from '../sources/context.js'
import type {GatherOptions, RefreshOptions} from '../sources/gather.js'
import type {Facts, Paths, ProbeOutcome} from '../model/facts.js'
import type {ProductFacts} from '../model/product.js'
import type {CheckResult} from '../model/finding.js'
import type {Diagnosis} from '../model/views.js'

export type PhaseName = 'preflight' | 'daemon-reload' | 'stop-strays' | 'restart' | 'verify' | 'confirm'

export interface Phase {
  name: PhaseName
  ok: boolean
  ms: number
  /** One sentence: what happened (no secret). */
  note?: string
}

export interface Blocker {
  code: 'NO_BUS' | 'SYSTEMD_ERROR' | 'UNIT_NOT_FOUND' | 'UNIT_NOT_LOADED' | 'CONFIG_BROKEN' | 'CONFIG_MISSING' | 'PORT_HELD' | 'STRAY_SURVIVED'
  message: string
  hint?: string
}

export interface Stray {
  pid?: number
  command?: string
  /** Set with --stop-strays: true when it exited after SIGTERM. */
  stopped?: boolean
}

export type TokenCheck =
  | 'match'
  | 'mismatch'
  /** The unit passes --token: the gateway overwrites its env with it, nothing to compare. */
  | 'exec-token'
  /** No gateway.auth.token: the env token is the server token. */
  | 'no-config-token'
  /** No `<PREFIX>GATEWAY_TOKEN` in the process: everything falls back to gateway.auth.token. */
  | 'no-env-token'
  | 'unknown'

export interface RestartOutcome {
  outcome: 'dry-run' | 'preflight-failed' | 'restart-failed' | 'not-healthy' | 'restarted'
  unit: string
  dryRun: boolean
  phases: Phase[]
  /** What clawdoc did or, with --dry-run, would do. */
  actions: string[]
  blockers: Blocker[]
  strays: Stray[]
  final?: {activeState?: string; subState?: string; mainPid?: number; port: number; portAccepts: boolean}
  /** `variable`: the release's token variable (names.tokenVar), which the human text names. */
  token?: {check: TokenCheck; variable?: string; process?: {length: number; sha256: string}; server?: {length: number; sha256: string}}
  journal?: {available: boolean; lines: string[]}
  /** What the live gateway said about the server's own token after the restart. */
  probe?: ProbeVerdict
  /** Doctor results after the run (or for the failure). */
  checks: CheckResult[]
  facts?: Facts
}

/** Everything runRestart needs from outside, so tests can inject fakes. */
export interface RestartDeps {
  /** Every fact (the preflight). */
  gather: (ctx: Context, opts: GatherOptions) => Promise<Facts>
  /** Only the live facts, on top of earlier ones (after daemon-reload, restart, failure). */
  refresh: (ctx: Context, before: Facts, opts: RefreshOptions) => Promise<Facts>
  runChecks: (d: Diagnosis) => CheckResult[]
  /** Send a signal to one exact pid. Never by name. */
  kill: (pid: number, signal: 'SIGTERM') => void
  /** Resolves true when something accepts a TCP connection on 127.0.0.1:port. */
  tcpAccepts: (port: number, timeoutMs: number) => Promise<boolean>
  sleep: (ms: number) => Promise<void>
  /** Progress for a spinner (TTY only; never with --json). */
  onPhase?: (name: PhaseName) => void
}

export interface RestartOptions {
  paths: Paths
  /** The product and release in play (src/app/locate.ts): its profile names the unit and the variables. */
  product?: ProductFacts
  dryRun: boolean
  stopStrays: boolean
  timeoutMs: number
  /** Probe the gateway after the restart (undefined: when the port answers). Hook for the live-probe module. */
  probe?: boolean
}

export interface ProbeVerdict {
  status: 'ok' | 'skipped' | 'unreachable'
  /** The probe's answer for the token the server is configured with. */
  serverToken?: ProbeOutcome
  authOff?: boolean
  reason?: string
}
