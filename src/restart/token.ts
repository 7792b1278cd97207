import type {Diagnosis} from '../model/views.js'
import type {RestartOutcome, TokenCheck} from './types.js'
import {names} from '../model/profiles/names.js'

/**
 * Does the running gateway's env token agree with the token its server uses?
 * In-gateway tools send the env token first (src/docs/CLAWDBOT.md §4), so a stale unit env breaks them
 * even when the server accepts the config token. Fingerprints only; Secret.equals compares.
 * The server's token is the parties model's (views.parties.server): when it comes from the
 * environment itself there is nothing to compare (`no-config-token`).
 */
export function confirmToken({facts, views}: Diagnosis): NonNullable<RestartOutcome['token']> {
  const s = facts.service
  const proc = s.processToken?.value
  const server = views.parties.server
  const fromFiles = server.source === 'exec-start' || server.source === 'auth-token' ? server.value : undefined
  const fp = (v?: {length: number; fingerprint: string}) => (v ? {length: v.length, sha256: v.fingerprint} : undefined)
  let check: TokenCheck
  if (facts.unit.execToken) check = 'exec-token'
  else if (s.processEnvStatus !== 'ok') check = 'unknown'
  else if (!fromFiles) check = 'no-config-token'
  else if (!proc) check = 'no-env-token'
  else check = proc.equals(fromFiles) ? 'match' : 'mismatch'
  return {check, variable: names(facts).tokenVar, process: fp(proc), server: fp(fromFiles)}
}
