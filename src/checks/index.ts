import type {Facts} from '../model/facts.js'
import type {Check, CheckResult, Finding, Severity} from '../model/finding.js'
import {authEmptyTokenDisables, authModeConfusion, authPasswordWins} from './auth-mode.js'
import {bindNoAuth} from './bind-no-auth.js'
import {channelDingtalk} from './channels.js'
import {configAlternate, configLegacyToken, configModeRemoteGateway, configPermissions, envNewerNames} from './config-extras.js'
import {configInclude, configInvalid, configVarUnset} from './config-invalid.js'
import {configMissing} from './config-missing.js'
import {filesPermissions} from './files-permissions.js'
import {configUnparsable} from './config-unparsable.js'
import {portStrayProcess} from './port-stray.js'
import {probeResult} from './probe-result.js'
import {serviceNoBus, serviceNotActive} from './service-state.js'
import {tokenAuthMissing} from './token-auth-missing.js'
import {tokenAuthVsRemote} from './token-auth-vs-remote.js'
import {tokenDeviceMasks} from './token-device-masks.js'
import {tokenDotenvVsConfig, tokenShellEnvVsConfig} from './token-env-vs-config.js'
import {tokenServiceStale, unitNeedsDaemonReload} from './token-service-stale.js'
import {tokenUnitVsConfig} from './token-unit-vs-config.js'
import {tokenWeak} from './token-weak.js'
import {tokenWhitespace} from './token-whitespace.js'
import {unitConfigPath} from './unit-config-path.js'
import {unitSyntax} from './unit-syntax.js'
import {unitMissing} from './unit-missing.js'

/** Every check, in report order. Ids are part of the JSON contract: never rename one. */
export const CHECKS: readonly Check[] = [
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
  envNewerNames,
  tokenAuthMissing,
  authEmptyTokenDisables,
  authPasswordWins,
  authModeConfusion,
  bindNoAuth,
  tokenWhitespace,
  tokenWeak,
  tokenAuthVsRemote,
  tokenShellEnvVsConfig,
  tokenDotenvVsConfig,
  tokenUnitVsConfig,
  tokenDeviceMasks,
  channelDingtalk,
  unitMissing,
  unitConfigPath,
  unitSyntax,
  unitNeedsDaemonReload,
  tokenServiceStale,
  serviceNoBus,
  serviceNotActive,
  portStrayProcess,
  probeResult,
]

export const CHECK_IDS = CHECKS.map((c) => c.id)

/** Checks whose findings mean the token copies disagree (what sync-token must clear). */
export const TOKEN_CHECK_IDS = [
  'token.auth-vs-remote',
  'token.shell-env-vs-config',
  'token.dotenv-vs-config',
  'token.unit-vs-config',
  'token.whitespace',
  'config.legacy-token',
  'channel.dingtalk',
] as const

const RANK: Record<Severity, number> = {error: 3, warning: 2, info: 1}

export function severityRank(s: Severity): number {
  return RANK[s]
}

/**
 * Run the checks in scope. Each check runs on its own: one that crashes becomes an error
 * finding ("check X crashed") and the others still run.
 */
export function runChecks(facts: Facts, opts: {only?: string[]; skip?: string[]} = {}): CheckResult[] {
  return CHECKS.map((check): CheckResult => {
    const inScope = (!opts.only || opts.only.includes(check.id)) && !opts.skip?.includes(check.id)
    if (!inScope) return {id: check.id, title: check.title, status: 'skipped', findings: [], skipReason: opts.skip?.includes(check.id) ? 'skipped with --skip' : 'not in --only'}
    const missing = missingFacts(check, facts)
    if (missing) return {id: check.id, title: check.title, status: 'skipped', findings: [], skipReason: missing}
    let findings: Finding[]
    try {
      findings = check.run(facts)
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
      return service.status === 'ok' ? undefined : `not checked: ${service.status === 'skipped' ? (service.reason ?? 'systemd was not asked') : 'systemd did not answer'}`
    case 'port':
      return port.status === 'ok' ? undefined : `not checked: ${port.reason ?? (port.status === 'skipped' ? '--offline' : 'the port owner could not be read')}`
    case 'probe':
      if (!probe || probe.status === 'skipped') return `not checked: ${probe?.reason ?? 'the gateway was not probed (its port does not answer, or --no-probe)'}`
      return undefined
    default:
      return undefined
  }
}

export function unknownCheckIds(ids: string[]): string[] {
  return ids.filter((id) => !CHECK_IDS.includes(id))
}
