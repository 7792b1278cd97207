import type {Facts, GatewayConfig} from './facts.js'
import {productConfig, resolveParties, resolveServer, type Parties, type PartyToken} from './parties.js'

// What follows from the facts, derived once per run and handed to checks, renderers, sync and
// restart. Nothing else recomputes these (and nothing builds a stand-in Facts to get at them).

export interface Views {
  /** The gateway config as the gateway sees it: undefined when it discards the file and runs on `{}`. */
  productConfig?: GatewayConfig
  /** Which token each party uses now (the server: the running process' environment when known). */
  parties: Parties
  /**
   * The token the server takes at its next start: the files only, without what the running
   * process still holds (a rotation written but not restarted yet counts as done).
   */
  serverNextStart: PartyToken
}

/** The facts of one run and the views derived from them. Checks, renderers, sync and restart take this. */
export interface Diagnosis {
  facts: Facts
  views: Views
}

export function deriveViews(facts: Facts): Views {
  return {productConfig: productConfig(facts), parties: resolveParties(facts), serverNextStart: resolveServer(facts, 'next-start')}
}

export function diagnose(facts: Facts): Diagnosis {
  return {facts, views: deriveViews(facts)}
}
