import {randomUUID} from 'node:crypto'
import {createRequire} from 'node:module'

import type WebSocketType from 'ws'

import type {Secret} from '../model/secret.js'
import {CLAWDBOT} from '../model/profiles/clawdbot.js'
import type {ReleaseProfile} from '../model/profiles/types.js'
import type {ProbeOutcome} from '../model/facts.js'
import {classifyRejection, safeMessage} from './classify.js'

/** ws itself (CommonJS, by require) when the caller passes no class: tests that dial a gateway directly. */
let packageWs: typeof WebSocketType | undefined
const defaultWebSocket = (): typeof WebSocketType => (packageWs ??= createRequire(import.meta.url)('ws') as typeof WebSocketType)

export interface ProbeOptions {
  /** Whole-probe deadline, from dialing to the answer. Default 2000 ms. */
  timeoutMs?: number
  /** `probe` gets the neutral hint "provide gateway auth token" (src/docs/CLAWDBOT.md §4). */
  clientMode?: 'probe'
  /** Verify the TLS certificate for wss. Default true; loopback gateways use self-signed certs. */
  verifyTls?: boolean
  /** The client id and protocol range the release accepts from a probe (its profile); default clawdbot 2026.1.24-3's. */
  handshake?: ReleaseProfile['probe']
  /** The ws client class: clawdoc's runs pass the build's code-cached copy (src/sources/websocket.ts). */
  webSocket?: typeof WebSocketType
}

export interface ProbeAnswer {
  outcome: ProbeOutcome
  /** The product's own text (rejection reason) or a short description of what went wrong. Never a token. */
  message?: string
  ms: number
}

/**
 * The `connect` request exactly as src/docs/CLAWDBOT.md §6 gives it: token only, no device. The client id and
 * protocol range are the release's (openclaw refuses `clawdbot-probe` with a protocol error).
 */
export function connectFrame(id: string, token: Secret | undefined, mode: 'probe', handshake: ReleaseProfile['probe'] = CLAWDBOT.probe): string {
  const params: Record<string, unknown> = {
    minProtocol: handshake.minProtocol,
    maxProtocol: handshake.maxProtocol,
    client: {id: handshake.clientId, version: 'clawdoc', platform: process.platform, mode},
    role: 'operator',
    scopes: ['operator.read'],
  }
  if (token && !token.isEmpty) params.auth = {token: token.reveal()}
  return JSON.stringify({type: 'req', id, method: 'connect', params})
}

function parseFrame(data: WebSocketType.RawData): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(data.toString())
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch (err) {
    // Not JSON: the caller reports it as a protocol error; the text itself is never kept.
    if (err instanceof SyntaxError) return undefined
    throw err
  }
}

/** Network errors that mean "nobody answered" rather than "something odd answered". */
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT'])

/**
 * Try one token against a gateway over its WebSocket handshake.
 * Never throws; the promise settles once the socket is closed and the timer cleared.
 */
export function probeToken(url: string, token: Secret | undefined, opts: ProbeOptions = {}): Promise<ProbeAnswer> {
  const timeoutMs = opts.timeoutMs ?? 2000
  const started = performance.now()
  const reqId = randomUUID()
  const mask = token?.mask()
  const secretText = token?.reveal()
  const sentToken = secretText !== undefined && secretText !== ''
  const WebSocket = opts.webSocket ?? defaultWebSocket()

  return new Promise((resolve) => {
    const elapsed = () => Math.round(performance.now() - started)
    let ws: WebSocketType
    try {
      ws = new WebSocket(url, {handshakeTimeout: timeoutMs, rejectUnauthorized: opts.verifyTls ?? true, followRedirects: false})
    } catch (err) {
      // Invalid URL or unsupported scheme: report it, never throw.
      const why = err instanceof Error ? err.message : 'invalid url'
      resolve({outcome: 'protocol-error', message: safeMessage(`cannot open: ${why}`, secretText, mask), ms: elapsed()})
      return
    }
    let answer: ProbeAnswer | undefined
    let settled = false
    let killTimer: NodeJS.Timeout | undefined
    const settle = () => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(killTimer)
      resolve(answer ?? {outcome: 'protocol-error', message: 'connection closed without an answer', ms: elapsed()})
    }
    const decide = (outcome: ProbeOutcome, message?: string) => {
      if (answer) return
      answer = {outcome, ms: elapsed(), ...(message === undefined ? {} : {message: safeMessage(message, secretText, mask)})}
      clearTimeout(timer)
      if (ws.readyState === WebSocket.OPEN) ws.close(1000)
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
      if (ws.readyState === WebSocket.CLOSED) return settle()
      // A peer that never completes the closing handshake must not keep us (or the event loop) waiting.
      killTimer = setTimeout(() => {
        ws.terminate()
        settle()
      }, 500)
      killTimer.unref()
    }
    const timer = setTimeout(() => decide('no-answer', `no answer within ${timeoutMs} ms`), timeoutMs)

    let connectSent = false
    ws.on('message', (data) => {
      const frame = parseFrame(data)
      if (!frame) return decide('protocol-error', 'gateway sent a frame that is not a JSON object')
      if (!connectSent) {
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          connectSent = true
          ws.send(connectFrame(reqId, token, opts.clientMode ?? 'probe', opts.handshake))
          return
        }
        return decide('protocol-error', 'expected a connect.challenge event first')
      }
      if (frame.type === 'event') return // ticks or presence may precede the answer
      if (frame.type !== 'res' || frame.id !== reqId) return decide('protocol-error', 'unexpected frame instead of the connect answer')
      const payload = frame.payload as {type?: unknown} | undefined
      if (frame.ok === true && payload?.type === 'hello-ok') return decide('accepted')
      if (frame.ok === true) return decide('protocol-error', 'connect answered ok without hello-ok')
      const error = frame.error as {message?: unknown} | undefined
      const text = typeof error?.message === 'string' ? error.message : 'connect refused without a message'
      decide(classifyRejection(text, sentToken), text)
    })
    ws.on('close', (code, reason) => {
      const text = reason.toString()
      if (code === 1008) decide(classifyRejection(text, sentToken), text)
      else if (code === 1002) decide('protocol-error', text || 'closed with 1002 (protocol error)')
      else decide('protocol-error', `closed (${code}) before answering`)
      settle()
    })
    ws.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') decide('refused', 'connection refused')
      else if (err.code && UNREACHABLE.has(err.code)) decide('no-answer', err.code)
      else decide('protocol-error', err.message)
    })
  })
}
