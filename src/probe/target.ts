import {displayUrl, isLoopbackHost} from '../formats/url.js'
import type {Facts} from '../model/facts.js'

export type Target = {ok: true; url: string; display: string; loopback: boolean} | {ok: false; display: string; reason: string}

/**
 * In remote mode with a loopback `gateway.remote.url` (an SSH tunnel, or this machine's own gateway), the CLI here
 * connects to that URL: the default probe goes there, since no token leaves this machine. Else undefined.
 */
export function loopbackRemoteUrl(facts: Facts): string | undefined {
  const gw = facts.config.gateway
  if (gw.mode !== 'remote' || !gw.remoteUrl) return undefined
  try {
    const u = new URL(gw.remoteUrl.trim())
    return (u.protocol === 'ws:' || u.protocol === 'wss:') && isLoopbackHost(u.hostname) ? u.toString() : undefined
  } catch (err) {
    // Not a URL: config checks report it; there is no loopback remote to probe.
    if (!(err instanceof TypeError)) throw err
    return undefined
  }
}

/**
 * Where to send probes. Local: `ws[s]://127.0.0.1:<port>` as the product's CLI does; in remote mode with a loopback
 * `gateway.remote.url`, that URL (loopbackRemoteUrl). Remote (only when asked): `gateway.remote.url`, which must be ws: or wss:.
 */
export function probeTarget(facts: Facts, remote: boolean): Target {
  const gw = facts.config.gateway
  const tunnel = remote ? undefined : loopbackRemoteUrl(facts)
  if (tunnel !== undefined) return {ok: true, url: tunnel, display: displayUrl(new URL(tunnel)), loopback: true}
  if (!remote) {
    const scheme = gw.tlsEnabled ? 'wss' : 'ws'
    const url = `${scheme}://127.0.0.1:${facts.port.port}`
    return {ok: true, url, display: url, loopback: true}
  }
  if (!gw.remoteUrl) {
    return {ok: false, display: '(gateway.remote.url not set)', reason: 'gateway.remote.url is not set, so there is no remote gateway to probe.'}
  }
  let u: URL
  try {
    u = new URL(gw.remoteUrl.trim())
  } catch (err) {
    // Not a URL at all: a finding for the user, not a crash.
    if (!(err instanceof TypeError)) throw err
    return {ok: false, display: '(invalid gateway.remote.url)', reason: 'gateway.remote.url is not a valid URL.'}
  }
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
    return {ok: false, display: displayUrl(u), reason: `gateway.remote.url must start with ws:// or wss:// (found ${u.protocol}).`}
  }
  return {ok: true, url: u.toString(), display: displayUrl(u), loopback: isLoopbackHost(u.hostname)}
}

/** Last line of defence: a token leaves this machine only for the remote URL the user asked for. */
export function mayReceiveTokens(url: string, allowedRemote: string | undefined): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch (err) {
    if (err instanceof TypeError) return false
    throw err
  }
  if (isLoopbackHost(u.hostname)) return true
  return allowedRemote !== undefined && url === allowedRemote
}
