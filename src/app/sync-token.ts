import * as path from 'node:path'

import {runChecks, TOKEN_CHECK_IDS} from '../checks/index.js'
import type {Context} from '../sources/context.js'
import {ClawdocError, errnoCode} from '../model/errors.js'
import {gatherFacts} from './gather.js'
import {busStatus, createSystemctl} from '../systemd/systemctl.js'
import {assertRegularFile} from '../sources/regular-file.js'
import type {Paths} from '../model/facts.js'
import type {Finding} from '../model/finding.js'
import {applyEdits, type ApplyResult} from '../fix/apply.js'
import {setJsonString} from '../formats/json5/edit.js'
import {editDotenvAssignment} from '../formats/dotenv/edit.js'
import {editEnvFileAssignment, editUnitAssignment} from '../formats/unit/edit.js'
import {filesToRead, planTokenSync, type Editors, type TokenPlan} from '../fix/plan.js'
import {chooseToken, type ChosenToken, type TokenChoice} from '../fix/token-value.js'

export interface SyncOptions {
  paths: Paths
  choice: TokenChoice
  dryRun: boolean
  /** Asked only when there is something to write; resolves true to go ahead. */
  confirm: (plan: TokenPlan) => Promise<boolean>
  live: boolean
  /** --allow-weak: accept a new value shorter than MIN_TOKEN_LENGTH. */
  allowWeak?: boolean
}

export interface SyncOutcome {
  chosen: ChosenToken
  plan: TokenPlan
  apply?: ApplyResult
  daemonReload?: {ran: boolean; ok?: boolean; reason?: string}
  findingsAfter: Finding[]
}

const EDITORS: Editors = {
  json: (t, k, v, o) => setJsonString(t, k, v, o),
  // Each file in its own grammar: unit (systemd.syntax), EnvironmentFile= (systemd), .env (dotenv).
  assignment: (text, at, kind) =>
    kind === 'unit' ? editUnitAssignment(text, at) : kind === 'dotenv' ? editDotenvAssignment(text, at) : editEnvFileAssignment(text, at),
}

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

/** Gather → choose → plan → (confirm → apply → daemon-reload) → re-check. */
export async function runSync(ctx: Context, opts: SyncOptions): Promise<SyncOutcome> {
  const facts = await gatherFacts(ctx, {paths: opts.paths, live: opts.live, probe: false})
  const chosen = chooseToken(facts, opts.choice, undefined, {allowWeak: opts.allowWeak})
  const texts = await readAll(ctx, filesToRead(facts), [facts.config.path, ...facts.config.files])
  const plan = planTokenSync(facts, chosen.value, texts, EDITORS)
  const out: SyncOutcome = {chosen, plan, findingsAfter: tokenFindings(facts)}
  if (plan.blockers.length > 0 || plan.files.length === 0 || opts.dryRun) return out
  if (!(await opts.confirm(plan))) throw new ClawdocError('NOT_CONFIRMED', 'Nothing was changed.')
  out.apply = await applyEdits(plan.files, {now: ctx.now, lockDir: lockDirFor(opts.paths, plan), uid: ctx.uid})
  if (out.apply.error) return out
  if (plan.needsDaemonReload) out.daemonReload = await daemonReload(ctx)
  const after = await gatherFacts(ctx, {paths: opts.paths, live: opts.live, probe: false})
  out.findingsAfter = tokenFindings(after)
  return out
}

function tokenFindings(facts: Parameters<typeof runChecks>[0]): Finding[] {
  const ids: readonly string[] = TOKEN_CHECK_IDS
  return runChecks(facts, {only: [...ids]}).flatMap((r) => r.findings)
}

/** The state dir when it exists (it holds the config); else the first edited file's dir. */
function lockDirFor(paths: Paths, plan: TokenPlan): string {
  return plan.files.some((f) => path.dirname(f.path) === paths.stateDir) ? paths.stateDir : path.dirname(plan.files[0].path)
}

async function daemonReload(ctx: Context): Promise<NonNullable<SyncOutcome['daemonReload']>> {
  const bus = await busStatus(ctx.env, ctx.fs)
  if (!bus.ok) return {ran: false, reason: 'no user bus: run `systemctl --user daemon-reload` in your login session'}
  const r = await createSystemctl(ctx).daemonReload()
  return r.ok ? {ran: true, ok: true} : {ran: true, ok: false, reason: `systemctl --user daemon-reload failed (exit ${r.code ?? 'none'})`}
}
