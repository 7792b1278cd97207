import type {Facts} from '../model/facts.js'
import {SECTIONS, type Check, type CheckResult, type Finding, type Severity} from '../model/finding.js'
import type {Diagnosis} from '../model/views.js'
import {authEmptyTokenDisables} from './auth-empty-token-disables.js'
import {authModeConfusion} from './auth-mode-confusion.js'
import {authPasswordWins} from './auth-password-wins.js'
import {bindNoAuth} from './bind-no-auth.js'
import {channelDingtalk} from './channel-dingtalk.js'
import {configAlternate} from './config-alternate.js'
import {configInclude} from './config-include.js'
import {configInvalid} from './config-invalid.js'
import {configLegacyToken} from './config-legacy-token.js'
import {configMissing} from './config-missing.js'
import {configModeRemoteGateway} from './config-mode-remote-gateway.js'
import {configPermissions} from './config-permissions.js'
import {filesPermissions} from './files-permissions.js'
import {configUnparsable} from './config-unparsable.js'
import {configVarUnset} from './config-var-unset.js'
import {envLegacyNames} from './env-legacy-names.js'
import {envNewerNames} from './env-newer-names.js'
import {portStrayProcess} from './port-stray-process.js'
import {probeResult} from './probe-result.js'
import {productMixed} from './product-mixed.js'
import {stateBothDirs} from './state-both-dirs.js'
import {serviceNoBus} from './service-no-bus.js'
import {serviceNotActive} from './service-not-active.js'
import {tokenAuthMissing} from './token-auth-missing.js'
import {tokenAuthVsRemote} from './token-auth-vs-remote.js'
import {tokenClientMissing} from './token-client-missing.js'
import {tokenDeviceMasks} from './token-device-masks.js'
import {tokenEnvFileVsConfig} from './token-env-file-vs-config.js'
import {tokenDotenvVsConfig} from './token-dotenv-vs-config.js'
import {tokenGatewayTools} from './token-gateway-tools.js'
import {tokenLocalCli} from './token-local-cli.js'
import {tokenRemoteCli} from './token-remote-cli.js'
import {tokenServiceStale} from './token-service-stale.js'
import {tokenWeak} from './token-weak.js'
import {tokenWhitespace} from './token-whitespace.js'
import {unitInlineToken} from './unit-inline-token.js'
import {unitLegacyRunning} from './unit-legacy-running.js'
import {unitConfigPath} from './unit-config-path.js'
import {unitMissing} from './unit-missing.js'
import {unitNeedsDaemonReload} from './unit-needs-daemon-reload.js'
import {unitSyntax} from './unit-syntax.js'

/** Every check, in report order. Each id is declared once, in its check's file (named after it). */
export const CHECKS = [
  configMissing,
  configUnparsable,
  configInvalid,
  configVarUnset,
  configInclude,
  configLegacyToken,
  configPermissions,
  filesPermissions,
  configModeRemoteGateway,
  configAlternate,
  productMixed,
  stateBothDirs,
  envNewerNames,
  envLegacyNames,
  tokenAuthMissing,
  authEmptyTokenDisables,
  authPasswordWins,
  authModeConfusion,
  bindNoAuth,
  tokenWhitespace,
  tokenWeak,
  tokenLocalCli,
  tokenRemoteCli,
  tokenGatewayTools,
  tokenClientMissing,
  tokenAuthVsRemote,
  tokenDotenvVsConfig,
  tokenEnvFileVsConfig,
  tokenDeviceMasks,
  channelDingtalk,
  unitMissing,
  unitConfigPath,
  unitSyntax,
  unitInlineToken,
  unitNeedsDaemonReload,
  tokenServiceStale,
  serviceNoBus,
  serviceNotActive,
  unitLegacyRunning,
  portStrayProcess,
  probeResult,
] as const satisfies readonly Check[]

/** The closed set of check ids. Part of the JSON contract: never rename one. */
export type CheckId = (typeof CHECKS)[number]['id']

export const CHECK_IDS: readonly CheckId[] = CHECKS.map((c) => c.id)

/**
 * Ids of checks that were merged into others. Check ids are part of the JSON contract, so an old
 * script's `--only`/`--skip` with one of these still works: it selects the checks that now report
 * the same thing (doctor prints a note). A deprecated id never appears in a report.
 */
export const DEPRECATED_CHECK_IDS: Readonly<Record<string, {replacedBy: readonly CheckId[]; since: string}>> = {
  // Both reported a party's mismatch from a pair of sources; the party checks now say it once.
  'token.shell-env-vs-config': {replacedBy: ['token.local-cli'], since: '0.2.0'},
  'token.unit-vs-config': {replacedBy: ['token.gateway-tools', 'token.local-cli'], since: '0.2.0'},
}

/**
 * Replace deprecated ids in an --only/--skip list by the ids that took over (unknown ids are kept:
 * unknownCheckIds reports them). Returns the notes to print, one per deprecated id used.
 */
export function resolveCheckIds(ids: readonly string[] | undefined): {ids: string[] | undefined; notes: string[]} {
  if (!ids) return {ids, notes: []}
  const notes: string[] = []
  const out = ids.flatMap((id) => {
    const dep = DEPRECATED_CHECK_IDS[id]
    if (!dep) return [id]
    notes.push(`${id} is deprecated (merged into ${dep.replacedBy.join(', ')}); using those instead.`)
    return [...dep.replacedBy]
  })
  return {ids: [...new Set(out)], notes}
}

export function isCheckId(id: string): id is CheckId {
  return (CHECK_IDS as readonly string[]).includes(id)
}

/** Checks whose findings mean the token copies disagree (what sync-token must clear). */
export const TOKEN_CHECK_IDS: readonly CheckId[] = CHECKS.filter((c: Check) => c.tokenGroup).map((c) => c.id)

/** The report section each check is listed under, in the words the human report prints. */
export function sectionTitle(id: string): string | undefined {
  const check: Check | undefined = CHECKS.find((c) => c.id === id)
  return check && SECTIONS[check.section]
}

const RANK: Record<Severity, number> = {error: 3, warning: 2, info: 1}

export function severityRank(s: Severity): number {
  return RANK[s]
}

/**
 * Run the checks in scope. Each check runs on its own: one that crashes becomes an error
 * finding ("check X crashed") and the others still run.
 */
export function runChecks(d: Diagnosis, opts: {only?: readonly string[]; skip?: readonly string[]} = {}): CheckResult<CheckId>[] {
  const {facts} = d
  return CHECKS.map((check: Check<CheckId>): CheckResult<CheckId> => {
    const inScope = (!opts.only || opts.only.includes(check.id)) && !opts.skip?.includes(check.id)
    if (!inScope) return {
      id: check.id,
      title: check.title,
      status: 'skipped',
      findings: [],
      skipReason: opts.skip?.includes(check.id) ? 'skipped with --skip' : 'not in --only',
    }
    const missing = missingFacts(check, facts)
    if (missing) return {id: check.id, title: check.title, status: 'skipped', findings: [], skipReason: missing}
    let findings: Finding<CheckId>[]
    try {
      findings = check.run(d).map((f) => ({check: check.id, ...f}))
    } catch (error) {
      findings = [
        {
          check: check.id,
          severity: 'error',
          message: `The check itself failed (${(error as Error)?.name ?? 'Error'}); this is a clawdoc bug.`,
          places: [],
        },
      ]
    }
    const worst = findings.reduce<Severity | undefined>((w, f) => (w === undefined || RANK[f.severity] > RANK[w] ? f.severity : w), undefined)
    return {id: check.id, title: check.title, status: worst ?? 'pass', findings}
  })
}

function missingFacts(check: Check, facts: Facts): string | undefined {
  const {service, port, probe} = facts
  switch (check.needs) {
    case 'systemd':
      return service.status === 'skipped' ? `not checked: ${service.reason ?? 'systemd was not asked'}` : undefined
    case 'service':
      return service.status === 'ok' ? undefined : `not checked: ` +
        `${service.status === 'skipped' ? (service.reason ?? 'systemd was not asked') : 'systemd did not answer'}`
    case 'port':
      return port.status === 'ok' ? undefined : `not checked: ${port.reason ?? (port.status === 'skipped' ? '--offline' : 'the port owner could not be read')}`
    case 'schema':
      return facts.config.schemaUnchecked ? `not checked: ${facts.config.schemaUnchecked}` : undefined
    case 'probe':
      if (!probe || probe.status === 'skipped') return `not checked: ${probe?.reason ?? 'the gateway was not probed (its port does not answer, or --no-probe)'}`
      return undefined
    default:
      return undefined
  }
}

export function unknownCheckIds(ids: string[]): string[] {
  return ids.filter((id) => !isCheckId(id))
}
