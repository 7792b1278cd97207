import type {Context} from '../sources/context.js'
import {isAlive} from '../sources/proc.js'
import {SERVICE_PROPS} from '../sources/service.js'
import {createSystemctl} from '../sources/systemctl.js'
import type {RestartDeps} from './types.js'

export interface VerifyResult {
  ok: boolean
  note: string
  activeState?: string
  subState?: string
  mainPid?: number
  portAccepts: boolean
  /** The last `systemctl show` (SERVICE_PROPS), for the facts after the restart. */
  props?: Record<string, string>
}

/** Without fs/procRoot (tests), every wait step asks systemd instead of looking at /proc. */
export type VerifyCtx = Pick<Context, 'env' | 'exec' | 'now'> & Partial<Pick<Context, 'fs' | 'procRoot' | 'procFs'>>

/** The wait between two looks: starts small (a gateway often binds within tens of ms) and backs off. */
export const WAIT_FIRST_MS = 2
/** A connect to loopback and a look at /proc cost well under a millisecond: a short gap shortens the wait after the bind. */
export const WAIT_MAX_MS = 5
const WAIT_GROWTH = 1.5
/** While the unit is not active yet, systemd is asked with its own backoff, up to this gap. */
const STATE_GAP_MAX_MS = 250
/** Ask systemd again at least this often, even while the main process lives. */
const SHOW_EVERY_MS = 1000

/**
 * Wait until the unit is active *and* the port accepts TCP, or it has failed.
 *
 * Called after a blocking `systemctl --user restart`, which returns once the start job is done:
 * for Type=simple/exec that is as soon as the main process runs, for Type=notify when it said
 * READY. So the unit is normally active at the first look, and what is left is the port. While
 * waiting for it, a crash shows as MainPID gone from /proc: only then (or every SHOW_EVERY_MS)
 * is systemd asked again. A unit not active yet is asked about with a backoff of its own, up to
 * STATE_GAP_MAX_MS. `auto-restart` counts as failed:
 * the main process exited and Restart= will try again in RestartSec (5 s for the product's
 * unit), a crash loop rather than a start. No fixed sleeps: the waits back off from
 * WAIT_FIRST_MS to WAIT_MAX_MS until the deadline.
 */
export async function verifyUp(
  ctx: VerifyCtx,
  deps: Pick<RestartDeps, 'tcpAccepts' | 'sleep'>,
  unit: string,
  port: number,
  timeoutMs: number,
): Promise<VerifyResult> {
  const sc = createSystemctl(ctx)
  const deadline = ctx.now() + timeoutMs
  let last: VerifyResult = {ok: false, note: 'no answer from systemd', portAccepts: false}
  let shownAt = -Infinity
  let ask = true
  let wait = WAIT_FIRST_MS
  let stateGap = WAIT_FIRST_MS
  // The first look tries the port while systemd answers: after a blocking restart the unit is
  // normally active already, and a gateway that binds fast is then seen without a second round trip.
  let early: Promise<boolean> | undefined = deps.tcpAccepts(port, Math.min(1000, Math.max(1, deadline - ctx.now())))
  for (;;) {
    if (ask) {
      const show = await sc.show(unit, SERVICE_PROPS)
      shownAt = ctx.now()
      const pid = Number(show.props.MainPID)
      last = {
        ok: false,
        note: '',
        activeState: show.props.ActiveState,
        subState: show.props.SubState,
        mainPid: pid > 0 ? pid : undefined,
        portAccepts: false,
        props: show.ok ? show.props : undefined,
      }
      if (last.activeState === 'failed' || last.subState === 'auto-restart') {
        await early
        return {...last, note: `${unit} failed to start (${last.activeState}/${last.subState}).`}
      }
    }
    const tried = early
    early = undefined
    if (last.activeState === 'active') {
      last.portAccepts = await (tried ?? deps.tcpAccepts(port, Math.min(1000, Math.max(1, deadline - ctx.now()))))
      if (last.portAccepts) return {...last, ok: true, note: `${unit} is active and port ${port} accepts connections.`}
    } else await tried
    if (ctx.now() >= deadline) break
    await deps.sleep(wait)
    wait = Math.min(WAIT_MAX_MS, wait * WAIT_GROWTH)
    const since = ctx.now() - shownAt
    if (last.activeState === 'active') ask = since >= SHOW_EVERY_MS || !(await mainRuns(ctx, last.mainPid))
    else {
      ask = since >= stateGap
      if (ask) stateGap = Math.min(STATE_GAP_MAX_MS, stateGap * 2)
    }
  }
  const state = `${last.activeState ?? '?'}/${last.subState ?? '?'}`
  return {
    ...last,
    note:
      last.activeState === 'active'
        ? `${unit} is active but port ${port} did not accept connections within ${Math.round(timeoutMs / 1000)} s.`
        : `${unit} did not become active within ${Math.round(timeoutMs / 1000)} s (${state}).`,
  }
}

/** Does the unit's main process still run? Unknown (no pid, no procfs access) counts as no: ask systemd. */
async function mainRuns(ctx: VerifyCtx, pid: number | undefined): Promise<boolean> {
  if (pid === undefined || ctx.fs === undefined || ctx.procRoot === undefined) return false
  return isAlive({fs: ctx.fs, procRoot: ctx.procRoot, procFs: ctx.procFs}, pid)
}
