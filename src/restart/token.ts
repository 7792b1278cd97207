import type {Facts} from '../model/facts.js'
import type {RestartOutcome, TokenCheck} from './types.js'

/**
 * Does the running gateway's env token agree with the token its server uses?
 * In-gateway tools send the env token first (src/docs/CLAWDBOT.md §4), so a stale unit env breaks them
 * even when the server accepts the config token. Fingerprints only; Secret.equals compares.
 */
export function confirmToken(facts: Facts): NonNullable<RestartOutcome['token']> {
  const s = facts.service
  const proc = s.processToken?.value
  const usableConfig = facts.config.status === 'ok' && !facts.config.discardedByProduct
  const server = facts.unit.execToken?.value ?? (usableConfig ? facts.config.gateway.authToken?.value : undefined)
  const fp = (v?: {length: number; fingerprint: string}) => (v ? {length: v.length, sha256: v.fingerprint} : undefined)
  let check: TokenCheck
  if (facts.unit.execToken) check = 'exec-token'
  else if (s.processEnvStatus !== 'ok') check = 'unknown'
  else if (!server) check = 'no-config-token'
  else if (!proc) check = 'no-env-token'
  else check = proc.equals(server) ? 'match' : 'mismatch'
  return {check, process: fp(proc), server: fp(server)}
}
