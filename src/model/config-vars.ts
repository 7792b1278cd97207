// `${VAR}` in the config is resolved by each party from its OWN environment (src/docs/CLAWDBOT.md §2):
// the gateway from its service environment (the running process when readable, else the unit's
// Environment=, drop-ins and EnvironmentFile=), a CLI from the shell it is started in. The config
// reader records every reference once (ConfigFacts.varRefs) and the CLI's view (varErrors); this
// pure module gives the gateway's view from the same facts, so nothing is read twice.

import type {ConfigFacts, EnvNames, Facts} from './facts.js'

export type VarParty = 'gateway' | 'cli'

/** What the views need; `service` is absent before systemd was asked (the port is chosen first). */
export type LiveView = Pick<Facts, 'config' | 'unit'> & Partial<Pick<Facts, 'service'>>

export type VarError = ConfigFacts['varErrors'][number]

/** Names only, never values: which variables are set, and which of those are empty. */
export function envNames(env: ReadonlyMap<string, string>): EnvNames {
  const nonEmpty: string[] = []
  const empty: string[] = []
  for (const [k, v] of env) (v === '' ? empty : nonEmpty).push(k)
  return {nonEmpty, empty}
}

/**
 * The environment names the gateway sees, or undefined when unknown (no unit and no readable
 * process). The running process wins: it is what resolved the config at its last (re)load.
 */
export function gatewayEnvNames(facts: Omit<LiveView, 'config'>): EnvNames | undefined {
  if (facts.service?.processEnvStatus === 'ok' && facts.service.processEnvNames) return facts.service.processEnvNames
  return facts.unit.status === 'ok' ? facts.unit.envNames : undefined
}

/** `${VAR}` references that `party` cannot resolve (unset or empty in its environment). */
export function varErrorsFor(facts: LiveView, party: VarParty): VarError[] {
  const cfg = facts.config
  if (party === 'cli') return cfg.varErrors
  const names = gatewayEnvNames(facts)
  // Without the service's environment (or the references), the shell's view is the best guess.
  if (!names || !cfg.varRefs) return cfg.varErrors
  const out: VarError[] = []
  for (const r of cfg.varRefs) {
    if (names.nonEmpty.includes(r.variable)) continue
    const reason = names.empty.includes(r.variable) ? 'empty' : 'unset'
    out.push({
      variable: r.variable,
      reason,
      message: `Missing env var "${r.variable}" referenced at config path: ${r.keyPath.join('.')} (${reason === 'unset' ? 'not set' : 'set but empty'} in ` +
        `the gateway service's environment).`,
      place: r.place,
    })
  }
  return out
}

/** True when `party` runs on an empty config: a fatal include/schema problem, or a `${VAR}` it cannot resolve. */
export function configDiscardedFor(facts: LiveView, party: VarParty): boolean {
  const cfg = facts.config
  if (cfg.status !== 'ok') return cfg.discardedByProduct
  if (party === 'cli') return cfg.discardedByProduct
  if (cfg.includeErrors.length > 0 || cfg.schemaErrors.some((e) => e.fatal) || varErrorsFor(facts, 'gateway').length > 0) return true
  // Discarded for the CLI only because of its own `${VAR}`s: the gateway keeps the config.
  return cfg.discardedByProduct && cfg.varErrors.length === 0
}
