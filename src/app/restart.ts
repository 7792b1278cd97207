import type {Context} from '../sources/context.js'
import {EXIT} from '../model/errors.js'
import {createSystemctl} from '../sources/systemctl.js'
import type {Facts} from '../model/facts.js'
import {diagnose, type Diagnosis} from '../model/views.js'
import {preloadProbe} from '../sources/gather.js'
import {filesStamp} from '../sources/stamp.js'
import {journalTail} from '../restart/journal.js'
import {judgePreflight, strayBlocker} from '../restart/preflight.js'
import {stopStrays} from '../restart/strays.js'
import {confirmToken} from '../restart/token.js'
import type {PhaseName, ProbeVerdict, RestartDeps, RestartOptions, RestartOutcome} from '../restart/types.js'
import {verifyUp} from '../restart/verify.js'

/**
 * Preflight → (daemon-reload) → (stop strays) → restart → verify → confirm.
 * Never throws for an expected state: blockers and failures are in the outcome.
 */
export async function runRestart(ctx: Context, opts: RestartOptions, deps: RestartDeps): Promise<RestartOutcome> {
  const unit = opts.paths.unitName
  const out: RestartOutcome = {outcome: 'dry-run', unit, dryRun: opts.dryRun, phases: [], actions: [], blockers: [], strays: [], checks: []}
  const sc = createSystemctl(ctx, opts.timeoutMs)
  const phase = async <T extends {ok: boolean; note?: string}>(name: PhaseName, fn: () => Promise<T>): Promise<T> => {
    deps.onPhase?.(name)
    const t0 = ctx.now()
    const r = await fn()
    out.phases.push({name, ok: r.ok, ms: ctx.now() - t0, note: r.note})
    return r
  }

  // --- preflight: the one full gather (files and live state); later reads refresh only the live part.
  let facts!: Facts
  let stamp = ''
  const pre = await phase('preflight', async () => {
    facts = await deps.gather(ctx, {paths: opts.paths, product: opts.product, live: true, probe: false})
    // A unit file that was written but never loaded is "not-found" until daemon-reload.
    if (facts.service.status === 'ok' && facts.service.loadState === 'not-found' && facts.unit.status === 'ok') {
      out.actions.push(`${opts.dryRun ? 'Would run' : 'Ran'} systemctl --user daemon-reload: ${facts.unit.path} exists but the manager has not loaded it.`)
      if (!opts.dryRun && (await sc.daemonReload()).ok) facts = await deps.refresh(ctx, facts, {probe: false})
    }
    // What the config files look like now, to notice the gateway rewriting them at start.
    if (!opts.dryRun) stamp = await configStamp(ctx, facts)
    const v = judgePreflight(facts)
    if (opts.dryRun) v.blockers = v.blockers.filter((b) => !(b.code === 'UNIT_NOT_FOUND' && facts.unit.status === 'ok'))
    out.strays = v.strays
    if (v.strays.length && (!opts.stopStrays || v.strays.some((s) => s.pid === undefined))) {
      v.blockers.push(strayBlocker(facts.port.port, v.strays, unit, 'clawdoc restart'))
    }
    out.blockers.push(...v.blockers)
    return {ok: v.blockers.length === 0, note: v.blockers[0]?.message ?? 'ready to restart', v}
  })
  if (!pre.ok || opts.dryRun) {
    if (opts.dryRun && pre.ok) {
      if (pre.v.needsDaemonReload) out.actions.push('Would run systemctl --user daemon-reload: the unit file changed since the manager loaded it.')
      for (const s of out.strays) out.actions.push(`Would send SIGTERM to pid ${s.pid} (${s.command ?? 'unknown command'}).`)
      out.actions.push(`Would run systemctl --user restart ${unit}, then wait up to ${Math.round(opts.timeoutMs / 1000)} s for port ${facts.port.port}.`)
    }
    out.outcome = pre.ok ? 'dry-run' : 'preflight-failed'
    return finish(out, diagnose(facts), deps)
  }

  // The live facts as they are now (a failure changed the unit's state, not the files); `show`: a fresh systemctl show to reuse.
  const liveNow = async (show?: Record<string, string>) => diagnose(await deps.refresh(ctx, facts, {show, probe: false}))

  // --- daemon-reload, strays
  if (pre.v.needsDaemonReload) {
    const r = await phase('daemon-reload', async () => ({ok: (await sc.daemonReload()).ok}))
    out.actions.push(`Ran systemctl --user daemon-reload first: the unit file changed since the manager loaded it (NeedDaemonReload=yes).`)
    if (!r.ok) return failed(ctx, out, 'restart-failed', 'systemctl --user daemon-reload failed.', deps, await liveNow())
  }
  if (out.strays.length) {
    const s = await phase('stop-strays', async () => {
      const r = await stopStrays(ctx, deps, out.strays)
      out.actions.push(...r.actions)
      return {
        ok: r.survivors.length === 0,
        note: r.survivors.length ? `pid ${r.survivors.map((x) => x.pid).join(', ')} did not exit after SIGTERM` : 'strays stopped',
      }
    })
    if (!s.ok) {
      out.blockers.push({
        code: 'STRAY_SURVIVED',
        message: `${s.note}; clawdoc does not escalate to SIGKILL.`,
        hint: 'Check what it is; if it is safe, stop it yourself (kill -KILL <pid>), then run clawdoc restart again.',
      })
      out.outcome = 'preflight-failed'
      return finish(out, diagnose(facts), deps)
    }
  }

  // --- restart, verify (the probe's modules load meanwhile: clawdoc only waits there)
  if (opts.probe !== false) preloadProbe()
  const rs = await phase('restart', async () => {
    const r = await sc.restart(unit)
    return {
      ok: r.ok,
      note: r.ok ? undefined : r.timedOut ? `systemctl --user restart timed out after ${opts.timeoutMs} ms` : `systemctl --user restart exited ${r.code}`,
    }
  })
  out.actions.push(`Ran systemctl --user restart ${unit}.`)
  if (!rs.ok) return failed(ctx, out, 'restart-failed', rs.note ?? 'restart failed', deps, await liveNow())
  const deadline = ctx.now() + opts.timeoutMs
  const vf = await phase('verify', () => verifyUp(ctx, deps, unit, facts.port.port, opts.timeoutMs))
  out.final = {activeState: vf.activeState, subState: vf.subState, mainPid: vf.mainPid, port: facts.port.port, portAccepts: vf.portAccepts}
  if (!vf.ok) return failed(ctx, out, 'not-healthy', vf.note, deps, await liveNow(vf.props))

  // --- confirm: the env the new process really got, and the doctor's view (plus the live-probe hook).
  // Only what the restart changed is read again (the manager's view, /proc, the port), then one probe.
  // The port took a connection, which is when the default probe runs: asked for outright, it runs beside the port's read.
  const probe = opts.probe ?? true
  let after!: Diagnosis
  await phase('confirm', async () => {
    const rereadConfig = (await configStamp(ctx, facts)) !== stamp
    after = diagnose(await deps.refresh(ctx, facts, {show: vf.props, probe, rereadConfig}))
    // A gateway may take TCP connections before it answers the WebSocket handshake (openclaw 2026.9.6 under its unit:
    // tens of seconds, src/docs/OPENCLAW.md §8). Within the restart's deadline, a probe that got no answer asks again.
    // While it starts, it may also close or refuse the handshake for another reason than the token: only an answer about
    // the token (accepted, mismatch, missing) ends the wait early.
    for (let wait = 250; !settled(probeVerdict(after).serverToken) && ctx.now() + wait < deadline; wait = Math.min(wait * 2, 2000)) {
      await deps.sleep(wait)
      after = diagnose(await deps.refresh(ctx, facts, {show: vf.props, probe, rereadConfig}))
    }
    out.token = confirmToken(after)
    return {ok: out.token.check !== 'mismatch', note: `process env token vs server token: ${out.token.check}`}
  })
  out.probe = probeVerdict(after)
  if (out.probe.serverToken !== undefined && out.probe.serverToken !== 'accepted' && !out.probe.authOff) {
    // These facts hold the probe's answer, which explains the failure best.
    const note = out.probe.serverToken === 'no-answer'
      ? `The gateway takes connections on port ${facts.port.port} but did not answer the WebSocket handshake within ${Math.round(opts.timeoutMs / 1000)} s.`
      : `The gateway is up but rejects its own configured token (${out.probe.serverToken}${serverMessage(after)}).`
    return failed(ctx, out, 'not-healthy', note, deps, after)
  }
  out.outcome = 'restarted'
  return finish(out, after, deps)
}

/** An answer about the token itself; anything else (no answer, a refusal for another reason) may be a gateway still starting. */
function settled(outcome: ProbeVerdict['serverToken']): boolean {
  return outcome === undefined || outcome === 'accepted' || outcome === 'token-mismatch' || outcome === 'token-missing'
}

/** The product's own text for the server token's probe (never a token: ws-probe keeps it safe), as ": <text>". */
function serverMessage({facts, views}: Diagnosis): string {
  const server = views.parties.server.value
  const hit = server ? facts.probe?.results.find((r) => r.sha256 === server.fingerprint && r.length === server.length) : undefined
  return hit?.message ? `: ${hit.message}` : ''
}

/** The live answer for the server's token: the proof that clients holding it get in. */
function probeVerdict({facts, views}: Diagnosis): ProbeVerdict {
  const p = facts.probe
  if (!p) return {status: 'skipped', reason: 'not probed'}
  const server = views.parties.server.value
  const hit = server ? p.results.find((r) => r.sha256 === server.fingerprint && r.length === server.length) : undefined
  return {status: p.status, serverToken: hit?.outcome, authOff: p.authOff, reason: p.reason}
}

/** End with a failure: its journal and the doctor's view of it, from facts read after the failure. */
async function failed(
  ctx: Context,
  out: RestartOutcome,
  outcome: RestartOutcome['outcome'],
  note: string,
  deps: RestartDeps,
  d: Diagnosis,
): Promise<RestartOutcome> {
  out.outcome = outcome
  out.actions.push(note)
  out.journal = await journalTail(ctx, out.unit, d.facts)
  return finish(out, d, deps)
}

/** The config's files (the main file and its includes) as they are on disk now. */
function configStamp(ctx: Context, facts: Facts): Promise<string> {
  return filesStamp(ctx.fs, [...new Set([facts.config.path, ...facts.config.files])])
}

function finish(out: RestartOutcome, d: Diagnosis, deps: RestartDeps): RestartOutcome {
  out.facts = d.facts
  out.checks = deps.runChecks(d)
  return out
}

/** Exit code: 0 ok, 1 restarted but the running env token disagrees, 2 preflight blocked, 3 restart failed. */
export function restartExitCode(o: RestartOutcome): number {
  if (o.outcome === 'restart-failed' || o.outcome === 'not-healthy') return EXIT.FAILED
  if (o.outcome === 'preflight-failed') return EXIT.ERROR
  if (o.token?.check === 'mismatch') return EXIT.FINDINGS
  return EXIT.OK
}
