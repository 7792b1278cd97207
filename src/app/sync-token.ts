import {runChecks, TOKEN_CHECK_IDS} from '../checks/index.js'
import type {Context} from '../sources/context.js'
import {ClawdocError, errnoCode, EXIT} from '../model/errors.js'
import {gatherFacts} from '../sources/gather.js'
import {busStatus, createSystemctl} from '../sources/systemctl.js'
import {assertRegularFile} from '../sources/regular-file.js'
import type {Paths} from '../model/facts.js'
import type {ProductFacts} from '../model/product.js'
import type {Finding} from '../model/finding.js'
import {diagnose, type Diagnosis} from '../model/views.js'
import {applyEdits, type ApplyResult} from '../fix/apply.js'
import {lockDirCandidates} from '../fix/lock.js'
import {setJsonString} from '../formats/json5/edit.js'
import {editDotenvAssignment} from '../formats/dotenv/edit.js'
import {editEnvFileAssignment, editUnitAssignment, renameEnvFileVariables, renameUnitVariables} from '../formats/unit/edit.js'
import {renameDotenvVariables} from '../formats/dotenv/edit.js'
import {mergeRenames, planLegacyRename, planLegacyUnitStops, type LegacyRenamePlan, type RenameEditors} from '../fix/legacy-names.js'
import {overlayFs} from '../sources/overlay.js'
import {filesToRead, planTokenSync, type Editors, type PlannedUnitStop, type TokenPlan} from '../fix/plan.js'
import {assertRotationAllowed, rotationChecklist, rotationReason} from '../fix/rotation.js'
import {chooseToken, type ChosenToken, type TokenChoice} from '../fix/token-value.js'
import type {RestartDeps, RestartOutcome} from '../restart/types.js'
import {restartExitCode, runRestart} from './restart.js'
import {partyScope} from '../checks/util.js'
import {rotateCommand, weakness} from '../checks/token-weak.js'

export interface SyncOptions {
  paths: Paths
  /** The product and release in play (src/app/locate.ts): its profile names the variables written and the unit restarted. */
  product?: ProductFacts
  choice: TokenChoice
  dryRun: boolean
  live: boolean
  /** Then restart the service and verify it (clawdoc restart), when the files were synced. */
  restart?: boolean
  /** With `restart`: how long the service may take to come up and answer (--timeout). */
  timeoutMs?: number
  /** --allow-weak: accept a new value shorter than MIN_TOKEN_LENGTH. */
  allowWeak?: boolean
  /** --rotate: `generate` may replace a token in use (fix/rotation.ts); the outcome then lists what clawdoc cannot reach. */
  rotate?: boolean
  /** --migrate-legacy-names: rename CLAWDBOT_* / MOLTBOT_* assignments to the release's prefix first (fix/legacy-names.ts). */
  migrateLegacyNames?: boolean
}

export interface SyncDeps {
  /** Asked only when there is something to write; resolves true to go ahead. */
  confirm: (plan: TokenPlan) => Promise<boolean>
  /** Needed only with `restart`. */
  restart?: RestartDeps
}

export interface SyncOutcome {
  dryRun: boolean
  chosen: ChosenToken
  plan: TokenPlan
  apply?: ApplyResult
  daemonReload?: {ran: boolean; ok?: boolean; reason?: string}
  findingsAfter: Finding[]
  /**
   * What is worth saying about the value itself, but never a refusal: a weak token already in use is
   * adopted (refusing it leaves the stale copies broken; changing it breaks every other client).
   */
  warnings: {check: string; message: string}[]
  /** After a rotation: the copies clawdoc could not reach, one line each (no secret). */
  checklist?: string[]
  /** Notes of the plan itself (e.g. --migrate-legacy-names found nothing to rename). */
  notes: string[]
  restart?: RestartOutcome
  /** With --migrate-legacy-names, once applied: each legacy unit stopped and disabled (`systemctl --user disable --now`). */
  unitStops?: (PlannedUnitStop & {ok: boolean; error?: string})[]
}

const EDITORS: Editors = {
  json: (t, k, v, o) => setJsonString(t, k, v, o),
  // Each file in its own grammar: unit (systemd.syntax), EnvironmentFile= (systemd), .env (dotenv).
  assignment: (text, at, kind) =>
    kind === 'unit' ? editUnitAssignment(text, at) : kind === 'dotenv' ? editDotenvAssignment(text, at) : editEnvFileAssignment(text, at),
}

const RENAMERS: RenameEditors = {unit: renameUnitVariables, 'env-file': renameEnvFileVariables, dotenv: renameDotenvVariables}

async function readAll(ctx: Pick<Context, 'fs'>, files: string[], configFiles: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const f of files) {
    try {
      // A FIFO would block and /dev/zero never ends: refuse them before reading.
      await assertRegularFile(ctx.fs, f)
      out.set(f, (await ctx.fs.readFile(f)) as Buffer)
    } catch (err) {
      // A copy that does not exist has nothing to edit; anything else must stop the sync.
      const code = errnoCode(err)
      if (code === 'ENOENT' || code === 'ENOTDIR') continue
      if (code === undefined) throw err
      throw new ClawdocError(configFiles.includes(f) ? 'CONFIG_READ' : 'UNIT_READ', `Cannot read ${f} (${code}); nothing was changed.`, {
        hint: 'Fix or remove that file (clawdoc doctor shows where it is used), then run sync-token again.',
      })
    }
  }
  return out
}

/** Gather → choose → plan → (confirm → apply → daemon-reload) → re-check → (restart). */
export async function runSync(ctx: Context, opts: SyncOptions, deps: SyncDeps): Promise<SyncOutcome> {
  const generate = opts.choice.kind === 'generate'
  // A new value: ask the live gateway (loopback only) whether the current token is in use.
  const gather = (c: Context) => gatherFacts(c, {...gatherOpts(opts), probe: generate && opts.live ? undefined : false})
  let d = diagnose(await gather(ctx))
  let texts = await readAll(ctx, filesToRead(d.facts), [d.facts.config.path, ...d.facts.config.files])
  const disk = texts
  let renamed: LegacyRenamePlan | undefined
  if (opts.migrateLegacyNames) {
    renamed = planLegacyRename(d.facts, texts, RENAMERS)
    if (renamed.after.size > 0) {
      // Judge the setup as it will be once renamed (the gateway then has the token it was meant to have): the readers
      // see the renamed bytes, and the token plan edits them. Nothing is written until the one apply below.
      d = diagnose(await gather({...ctx, fs: overlayFs(ctx.fs, renamed.after)}))
      texts = new Map([...disk, ...renamed.after])
    }
  }
  if (generate) assertRotationAllowed(d, opts.rotate)
  // In remote mode the clients here use gateway.remote.token to reach another machine's gateway: by default it is kept,
  // not replaced. When that URL is this machine's own gateway, its token is the one every other client holds: keep that.
  const remoteElsewhere = d.views.productConfig?.mode === 'remote' && !partyScope(d, 'remote-cli').localServer
  const choice: TokenChoice = opts.choice.kind === 'server' && remoteElsewhere ? {kind: 'from', source: 'remote'} : opts.choice
  const {facts} = d
  const chosen = chooseToken(d, choice, undefined, {allowWeak: opts.allowWeak})
  const tokenPlan = planTokenSync(facts, chosen.value, texts, EDITORS)
  const plan = renamed ? mergeRenames(tokenPlan, renamed, disk) : tokenPlan
  // The legacy units come from the facts as they are now (the rename changes files, not what runs).
  if (opts.migrateLegacyNames) plan.unitStops = planLegacyUnitStops(facts)
  const stops = plan.unitStops ?? []
  const out: SyncOutcome = {dryRun: opts.dryRun, chosen, plan, findingsAfter: tokenFindings(d), notes: renamed?.notes ?? [],
    warnings: valueWarnings(facts, chosen)}
  if (generate && rotationReason(d)) out.checklist = rotationChecklist(d)
  if (plan.blockers.length === 0 && (plan.files.length > 0 || stops.length > 0) && !opts.dryRun) {
    if (!(await deps.confirm(plan))) throw new ClawdocError('NOT_CONFIRMED', 'Nothing was changed.')
    if (plan.files.length > 0) {
      out.apply = await applyEdits(plan.files, {now: ctx.now, lockDir: await lockDirFor(ctx, opts.paths), uid: ctx.uid})
      if (out.apply.error) return out
      if (plan.needsDaemonReload) out.daemonReload = await daemonReload(ctx)
    }
    // Files first (a failed write stops here), then the old gateway leaves the port, then the restart.
    if (stops.length > 0) out.unitStops = await stopLegacyUnits(ctx, stops)
    if (out.unitStops?.some((u) => !u.ok)) return out
    // With --restart the running process changes next: judge the setup after that, not before.
    if (!opts.restart || clientOnly(d)) out.findingsAfter = tokenFindings(diagnose(await gatherFacts(ctx, {...gatherOpts(opts), probe: false})))
  }
  if (opts.restart && plan.blockers.length === 0 && clientOnly(d)) {
    // A remote-mode machine without a gateway unit only holds the client's copy: there is no service here to cycle.
    out.notes.push(`--restart: nothing to restart here (gateway.mode is remote and ${facts.unit.path} does not exist); ` +
      'the CLI reads the new value at its next run.')
  } else if (opts.restart && plan.blockers.length === 0) {
    if (!deps.restart) throw new Error('runSync: restart requested without restart deps')
    // The files now agree; cycle the service so the running process gets the value too.
    const restartOpts = {paths: opts.paths, product: opts.product, dryRun: false, stopStrays: false, timeoutMs: opts.timeoutMs ?? 60_000}
    out.restart = await runRestart(ctx, restartOpts, deps.restart)
    if (out.restart.facts) out.findingsAfter = tokenFindings(diagnose(out.restart.facts))
  }
  return out
}

/**
 * Exit code: 3 when applying failed (rolled back) or the chained restart failed, 2 when a copy blocks
 * the sync (or the restart preflight did), 1 when token findings remain after writing, else 0.
 */
export function syncExitCode(o: SyncOutcome): number {
  if (o.apply?.error || o.unitStops?.some((u) => !u.ok)) return EXIT.FAILED
  if (o.plan.blockers.length > 0) return EXIT.ERROR
  const restart = o.restart ? restartExitCode(o.restart) : EXIT.OK
  // After a sync, a restart that did not happen (preflight blocked) means the change did not land.
  if (restart !== EXIT.OK) return restart === EXIT.ERROR ? EXIT.FAILED : restart
  return !o.dryRun && o.findingsAfter.length > 0 ? EXIT.FINDINGS : EXIT.OK
}

/** `systemctl --user disable --now` each planned legacy unit, one after the other, through the systemctl wrapper (never a kill). */
async function stopLegacyUnits(ctx: Context, stops: PlannedUnitStop[]): Promise<NonNullable<SyncOutcome['unitStops']>> {
  const sc = createSystemctl(ctx)
  const out: NonNullable<SyncOutcome['unitStops']> = []
  for (const s of stops) {
    const r = await sc.disableNow(s.unit)
    const why = r.spawnError ? `systemctl could not be started (${r.spawnError})` : r.timedOut ? 'it timed out' : `exit ${r.code}`
    out.push(r.ok ? {...s, ok: true} : {...s, ok: false, error: `systemctl --user disable --now ${s.unit} failed (${why}).`})
  }
  return out
}

/** A client of another machine's gateway: remote mode and no gateway unit installed here. */
function clientOnly(d: Diagnosis): boolean {
  // The mode as written (even in a config the product would discard): no unit file here is what leaves nothing to restart.
  return (d.views.productConfig?.mode ?? d.facts.config.gateway.mode) === 'remote' && d.facts.unit.status === 'missing'
}

function gatherOpts(opts: SyncOptions) {
  return {paths: opts.paths, product: opts.product, live: opts.live}
}

/** token.weak's own rule, said about the value this sync writes. */
function valueWarnings(facts: Diagnosis['facts'], chosen: ChosenToken): SyncOutcome['warnings'] {
  const weak = weakness(chosen.value)
  if (!weak) return []
  return [{
    check: 'token.weak',
    message: `The token is weak (${weak.length} characters, about ${weak.bits} bits). It is used as it is: rotate to a strong one when every client ` +
      `can get it (\`${rotateCommand(facts)}\`).`,
  }]
}

function tokenFindings(d: Diagnosis): Finding[] {
  return runChecks(d, {only: TOKEN_CHECK_IDS}).flatMap((r) => r.findings)
}

/** One lock place for a set (fix/lock.ts): the state dir when it exists, else the config's dir, else home. */
export async function lockDirFor(ctx: Pick<Context, 'fs'>, paths: Paths): Promise<string> {
  const candidates = lockDirCandidates(paths)
  for (const dir of candidates) {
    try {
      if ((await ctx.fs.stat(dir)).isDirectory()) return dir
    } catch (err) {
      // Missing or unreachable: try the next place.
      if (errnoCode(err) === undefined) throw err
    }
  }
  return candidates[0]
}

export async function daemonReload(ctx: Context): Promise<NonNullable<SyncOutcome['daemonReload']>> {
  const bus = await busStatus(ctx.env, ctx.fs)
  if (!bus.ok) return {ran: false, reason: 'no user bus: run `systemctl --user daemon-reload` in your login session'}
  const r = await createSystemctl(ctx).daemonReload()
  return r.ok ? {ran: true, ok: true} : {ran: true, ok: false, reason: `systemctl --user daemon-reload failed (exit ${r.code ?? 'none'})`}
}
