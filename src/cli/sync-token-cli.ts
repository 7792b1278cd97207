import {runSync, syncExitCode} from '../app/sync-token.js'
import type {TokenChoice} from '../fix/token-value.js'
import type {TokenPlan} from '../fix/plan.js'
import {fileDiff, renameLines, renderSyncHuman, syncResult, unitStopLine, type SyncTokenResult} from '../render/sync.js'
import {realRestartDeps} from '../restart/deps.js'
import {createContext} from '../sources/context.js'
import {locate} from '../app/locate.js'
import type {Parsed} from './flag-spec.js'
import {confirmChange} from './confirm.js'
import {readSecret} from './read-secret.js'
import type {Answer, Io} from './output.js'
import type {SYNC_TOKEN_FLAGS} from './specs.js'

export type SyncTokenFlags = Parsed<typeof SYNC_TOKEN_FLAGS>

/** `clawdoc sync-token` for a front end: flags → choice and confirmation → use case → text or JSON. */
export async function syncTokenFront(flags: SyncTokenFlags, io: Io): Promise<Answer<SyncTokenResult>> {
  const ctx = createContext()
  const choice: TokenChoice = flags.generate
    ? {kind: 'generate'}
    : flags.from
      ? {kind: 'from', source: flags.from}
      : flags['token-stdin']
        ? {kind: 'value', value: await readSecret(process.stdin, (t) => process.stderr.write(t)), via: 'stdin'}
        : flags.token !== undefined
          ? {kind: 'value', value: flags.token, via: 'flag'}
          : {kind: 'server'}
  const confirm = (plan: TokenPlan): Promise<boolean> =>
    confirmChange({
      yes: flags.yes,
      canAsk: io.stdinIsTTY && !flags['token-stdin'] && !io.json,
      preview: [...plan.files.map((f) => [f.path, ...renameLines(plan, f.path), ...fileDiff(f)].join('\n')), ...(plan.unitStops ?? []).map(unitStopLine)],
      question: plan.unitStops?.length
        ? `Write ${plan.files.length} file(s) and stop ${plan.unitStops.length} legacy unit(s)?`
        : `Write ${plan.files.length} file(s)?`,
      log: io.log,
    })
  // The release in play decides the names written and the unit restarted (its profile), as for doctor.
  const {paths, product} = await locate(ctx, flags)
  const o = await runSync(
    ctx,
    {
      paths,
      product: product.facts,
      choice,
      dryRun: flags['dry-run'],
      live: !flags.offline,
      restart: flags.restart,
      timeoutMs: flags.timeout * 1000,
      allowWeak: flags['allow-weak'],
      rotate: flags.rotate,
      migrateLegacyNames: flags['migrate-legacy-names'],
    },
    {confirm, restart: realRestartDeps()},
  )
  const result = syncResult(o)
  io.log(renderSyncHuman(o, result, flags['dry-run'], flags.restart))
  return {doc: result, exitCode: syncExitCode(o)}
}
