import type {Context} from '../sources/context.js'
import {createSystemctl} from '../systemd/systemctl.js'
import type {RestartDeps} from './types.js'

export interface VerifyResult {
  ok: boolean
  note: string
  activeState?: string
  subState?: string
  mainPid?: number
  portAccepts: boolean
}

const POLL_MS = 100

/**
 * Poll ActiveState with a deadline until the unit is active *and* the port accepts TCP, or it
 * has failed. `auto-restart` counts as failed: the main process exited and Restart= will try
 * again in RestartSec (5 s for the product's unit), a crash loop rather than a start.
 */
export async function verifyUp(
  ctx: Pick<Context, 'env' | 'exec' | 'now'>,
  deps: Pick<RestartDeps, 'tcpAccepts' | 'sleep'>,
  unit: string,
  port: number,
  timeoutMs: number,
): Promise<VerifyResult> {
  const sc = createSystemctl(ctx)
  const deadline = ctx.now() + timeoutMs
  let last: VerifyResult = {ok: false, note: 'no answer from systemd', portAccepts: false}
  for (;;) {
    const show = await sc.show(unit, ['ActiveState', 'SubState', 'MainPID'])
    const pid = Number(show.props.MainPID)
    last = {
      ok: false,
      note: '',
      activeState: show.props.ActiveState,
      subState: show.props.SubState,
      mainPid: pid > 0 ? pid : undefined,
      portAccepts: false,
    }
    if (last.activeState === 'failed' || last.subState === 'auto-restart') {
      return {...last, note: `${unit} failed to start (${last.activeState}/${last.subState}).`}
    }
    if (last.activeState === 'active') {
      last.portAccepts = await deps.tcpAccepts(port, Math.min(1000, Math.max(1, deadline - ctx.now())))
      if (last.portAccepts) return {...last, ok: true, note: `${unit} is active and port ${port} accepts connections.`}
    }
    if (ctx.now() >= deadline) break
    await deps.sleep(POLL_MS)
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
