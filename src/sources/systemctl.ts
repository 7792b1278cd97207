import * as path from 'node:path'

import type {Context} from './context.js'
import type {ExecResult} from './exec.js'
import {parseShow} from '../formats/systemctl-show.js'
import {debugCaught} from '../model/debug.js'
import {errnoCode} from '../model/errors.js'

export interface BusStatus {
  ok: boolean
  /** How the bus is reached (for messages), when ok. */
  via?: 'bus-socket' | 'private-socket' | 'DBUS_SESSION_BUS_ADDRESS'
  reason?: string
  hint?: string
}

type StatFs = Pick<Context['fs'], 'stat'>

const SSH_HINT =
  'Run clawdoc in the user\'s login session, or over SSH: `loginctl enable-linger $USER` and `export XDG_RUNTIME_DIR=/run/user/$(id -u)`.'

/**
 * Is a user manager reachable? systemctl --user talks to `$XDG_RUNTIME_DIR/systemd/private`
 * (or the session bus). Without XDG_RUNTIME_DIR it cannot even find it, which is the usual
 * state over SSH / sudo / cron.
 */
export async function busStatus(env: Context['env'], fs: StatFs): Promise<BusStatus> {
  const runtime = env.XDG_RUNTIME_DIR?.trim()
  if (runtime) {
    for (const [rel, via] of [['systemd/private', 'private-socket'], ['bus', 'bus-socket']] as const) {
      if (await isSocket(fs, path.join(runtime, rel))) return {ok: true, via}
    }
  }
  if (env.DBUS_SESSION_BUS_ADDRESS?.trim()) return {ok: true, via: 'DBUS_SESSION_BUS_ADDRESS'}
  return {
    ok: false,
    reason: runtime
      ? `No systemd user manager listens in XDG_RUNTIME_DIR=${runtime} (no systemd/private or bus socket).`
      : 'XDG_RUNTIME_DIR is not set, so systemctl --user cannot reach a user manager.',
    hint: SSH_HINT,
  }
}

async function isSocket(fs: StatFs, p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isSocket()
  } catch (err) {
    // Absent or not accessible (ENOENT, EACCES...): this candidate is simply not usable; the caller tries the next one.
    if (errnoCode(err) === undefined) throw err
    debugCaught(`stat ${p}`, err)
    return false
  }
}

export interface ShowResult {
  ok: boolean
  props: Record<string, string>
  result: ExecResult
}

export interface Systemctl {
  show(unit: string, props: readonly string[]): Promise<ShowResult>
  daemonReload(): Promise<ExecResult>
  restart(unit: string): Promise<ExecResult>
  start(unit: string): Promise<ExecResult>
  stop(unit: string): Promise<ExecResult>
  /** `disable --now`: remove the unit's enablement links and stop it (waits for the stop job). */
  disableNow(unit: string): Promise<ExecResult>
  /** `is-active` exits 0 only when active; other states are a non-zero exit, not an error. */
  isActive(unit: string): Promise<{active: boolean; state: string; result: ExecResult}>
}

/** A systemctl --user wrapper that never throws: every call resolves to the exec result. */
export function createSystemctl(ctx: Pick<Context, 'env' | 'exec'>, timeoutMs = 15_000): Systemctl {
  const env = {...ctx.env}
  const run = (args: string[], t = timeoutMs) => ctx.exec('systemctl', ['--user', ...args], {env, timeoutMs: t})
  return {
    async show(unit, props) {
      const result = await run(['show', `--property=${props.join(',')}`, '--', unit])
      return {ok: result.ok, props: result.ok ? parseShow(result.stdout) : {}, result}
    },
    daemonReload: () => run(['daemon-reload'], Math.max(timeoutMs, 30_000)),
    // --no-block would return before the job ran; we want the job's outcome, bounded by the timeout.
    restart: (unit) => run(['restart', '--', unit]),
    start: (unit) => run(['start', '--', unit]),
    stop: (unit) => run(['stop', '--', unit]),
    disableNow: (unit) => run(['disable', '--now', '--', unit], Math.max(timeoutMs, 30_000)),
    async isActive(unit) {
      const result = await run(['is-active', '--', unit])
      return {active: result.code === 0, state: result.stdout.trim(), result}
    },
  }
}
