import {randomBytes} from 'node:crypto'

import {allCopies} from '../model/copies.js'
import {Secret} from '../model/secret.js'
import type {CopyId, TokenCopy} from '../model/copy.js'
import type {Facts, ProbeFacts, ProbeResult} from '../model/facts.js'
import {profileById} from '../model/profiles/index.js'
import {mayReceiveTokens, probeTarget} from './target.js'
import {probeToken, type ProbeAnswer, type ProbeOptions} from './ws-probe.js'

export interface RunProbesOptions {
  timeoutMs?: number
  /** Probe `gateway.remote.url` instead of the loopback gateway (the user asked for it). */
  remote?: boolean
  /** Probes in flight at once. */
  concurrency?: number
  /** The ws client class (src/sources/websocket.ts); ws itself when absent. */
  webSocket?: ProbeOptions['webSocket']
}

/** Every copy of the gateway *token* in Facts (passwords are never sent as tokens; bridge copies are not probed). */
export function tokenCopies(facts: Facts): TokenCopy[] {
  return allCopies(facts).filter((c) => c.secret === 'token' && c.id !== 'config.channel')
}

/**
 * What may be sent to the target: every copy to loopback; to a remote host only the token meant
 * for it, gateway.remote.token. Local copies (shell, unit, auth.token) never leave the machine.
 */
export function probeCopies(facts: Facts, loopback: boolean): TokenCopy[] {
  const all = tokenCopies(facts)
  return loopback ? all : all.filter((c) => c.id === 'config.remote.token')
}

export interface ProbeValue {
  value: Secret
  copies: CopyId[]
  trimmed: boolean
}

/**
 * The distinct values to probe, each once. Empty values are skipped (the product's
 * clients treat "" as no token). A value with outer whitespace is probed as written
 * (what the server compares) *and* trimmed (what the clients send): that difference
 * is the whitespace trap. A trimmed variant is probed only when no copy holds it as
 * written; its result lists the copies that trim to it, with `trimmed: true`.
 */
export function distinctValues(copies: TokenCopy[]): ProbeValue[] {
  const out: ProbeValue[] = []
  const add = (value: Secret, id: CopyId, trimmed: boolean) => {
    if (value.isEmpty) return
    const hit = out.find((v) => v.value.equals(value))
    if (!hit) out.push({value, copies: [id], trimmed})
    // A trimmed variant never joins a group of copies that hold the value as written.
    else if (hit.trimmed === trimmed && !hit.copies.includes(id)) hit.copies.push(id)
  }
  for (const c of copies) add(c.value, c.id, false)
  for (const c of copies) if (c.value.hasOuterWhitespace) add(c.value.trimmed(), c.id, true)
  return out
}

/** Run `fn` over `items` with at most `limit` in flight, keeping order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker))
  return results
}

const DEAD = new Set(['refused', 'no-answer'])
/** ws-probe's own default. */
const DEFAULT_TIMEOUT_MS = 2000

/** Ask the running gateway which of the token values found on this machine it accepts. */
export async function runProbes(facts: Facts, opts: RunProbesOptions = {}): Promise<ProbeFacts> {
  const target = probeTarget(facts, opts.remote ?? false)
  if (!target.ok) return {status: 'skipped', target: target.display, reason: target.reason, results: []}
  // Belt and braces: whatever probeTarget returned, a token only goes to loopback or the asked-for remote.
  if (!mayReceiveTokens(target.url, opts.remote ? target.url : undefined)) {
    return {status: 'skipped', target: target.display, reason: 'Refusing to send tokens to a host that is not loopback.', results: []}
  }
  const values = distinctValues(probeCopies(facts, target.loopback))
  // A random value nobody holds: if the gateway takes it, auth is off.
  const bogus = new Secret(randomBytes(24).toString('hex'))
  // The handshake of the release in play (openclaw wants its own client id); clawdbot's when it was not detected.
  const handshake = facts.product ? profileById(facts.product.profile)?.probe : undefined
  const probeOpts = {timeoutMs: opts.timeoutMs, verifyTls: !target.loopback, handshake, webSocket: opts.webSocket}
  const all = [...values.map((v) => v.value), bogus]
  let answers: ProbeAnswer[] = await mapLimit(all, opts.concurrency ?? 3, (s) => probeToken(target.url, s, probeOpts))
  // The port took the connection but nothing answered the handshake in time (a busy or still-starting gateway: openclaw
  // 2026.9.6 on a loaded machine): ask once more, with three times the time, before calling it silent.
  if (answers.every((a) => a.outcome === 'no-answer')) {
    const patient = {...probeOpts, timeoutMs: 3 * (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)}
    answers = await mapLimit(all, opts.concurrency ?? 3, (s) => probeToken(target.url, s, patient))
  }
  const bogusAnswer = answers.pop()!
  const results: ProbeResult[] = values.map((v, i) => {
    const a = answers[i]!
    return {
      copies: v.copies,
      length: v.value.length,
      sha256: v.value.fingerprint,
      outcome: a.outcome,
      ...(a.message === undefined ? {} : {message: a.message}),
      ms: a.ms,
      ...(v.trimmed ? {trimmed: true} : {}),
    }
  })
  const probe: ProbeFacts = {status: 'ok', target: target.display, results}
  if (bogusAnswer.outcome === 'accepted') probe.authOff = true
  else if (!DEAD.has(bogusAnswer.outcome) && bogusAnswer.outcome !== 'protocol-error') probe.authOff = false
  if ([bogusAnswer, ...answers].every((a) => DEAD.has(a.outcome))) {
    probe.status = 'unreachable'
    const bind = facts.config.gateway.bind
    // With bind tailnet/custom the product listens on that address only, not on loopback.
    const why = target.loopback && (bind === 'tailnet' || bind === 'custom') ? ` gateway.bind is "${bind}", so the gateway may not listen on loopback.` : ''
    probe.reason = `Nothing answered on ${target.display} (${bogusAnswer.outcome}${bogusAnswer.message ? `: ${bogusAnswer.message}` : ''}).${why}`
  }
  return probe
}
