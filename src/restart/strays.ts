import type {Context} from '../sources/context.js'
import {isAlive} from '../sources/proc.js'
import type {RestartDeps, Stray} from './types.js'

/**
 * SIGTERM each stray by its exact pid and wait for it to exit. No SIGKILL: a process that
 * ignores SIGTERM may be doing something the user cares about; we report and stop.
 */
export async function stopStrays(
  ctx: Pick<Context, 'fs' | 'procRoot' | 'procFs' | 'now'>,
  deps: Pick<RestartDeps, 'kill' | 'sleep'>,
  strays: Stray[],
  waitMs = 5000,
): Promise<{survivors: Stray[]; actions: string[]}> {
  const actions: string[] = []
  const sent: Stray[] = []
  for (const s of strays) {
    if (s.pid === undefined) continue
    try {
      deps.kill(s.pid, 'SIGTERM')
      actions.push(`Sent SIGTERM to pid ${s.pid} (${s.command ?? 'unknown command'}), which held the port outside the unit.`)
      sent.push(s)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      // ESRCH: it exited on its own meanwhile, which is what we wanted.
      if (code === 'ESRCH') s.stopped = true
      else actions.push(`Could not signal pid ${s.pid} (${code ?? 'error'}).`)
    }
  }
  const deadline = ctx.now() + waitMs
  for (const s of sent) {
    while ((await isAlive(ctx, s.pid as number)) && ctx.now() < deadline) await deps.sleep(50)
    s.stopped = !(await isAlive(ctx, s.pid as number))
  }
  return {survivors: strays.filter((s) => s.stopped !== true), actions}
}
