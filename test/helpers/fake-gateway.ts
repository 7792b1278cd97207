import {randomUUID} from 'node:crypto'
import {createServer, type AddressInfo} from 'node:net'

import {WebSocketServer, type WebSocket} from 'ws'

import {Secret} from '../../src/model/secret.js'
import type {CopyId, TokenCopy} from '../../src/model/copy.js'
import type {Facts} from '../../src/model/facts.js'

/**
 * A capturing stand-in for the clawdbot gateway (src/docs/CLAWDBOT.md §4, §6): answers the
 * handshake the way the real one does (checked against it in test/interop), and
 * records every frame it receives and from where.
 */
export type FakeBehaviour =
  | 'real' // challenge, then judge the connect like the product
  | 'pairing' // every connect: NOT_PAIRED "pairing required"
  | 'garbage' // sends a non-JSON frame instead of the challenge
  | 'silent' // accepts the socket, never says anything
  | 'close-1002' // answers the connect with close 1002 "protocol mismatch"

export interface FakeGatewayOptions {
  behaviour?: FakeBehaviour
  /** The server's token; undefined with authMode 'token' gives "token not configured". */
  token?: string
  authMode?: 'token' | 'none'
}

export interface ReceivedFrame {
  conn: number
  remoteAddress: string
  text: string
  /** Parsed JSON, when it parses. */
  json?: {type?: string; method?: string; params?: {auth?: {token?: string}; client?: {id?: string; mode?: string}}}
}

export interface FakeGateway {
  port: number
  url: string
  frames: ReceivedFrame[]
  /** One entry per accepted socket: where from, and the close code the client sent (once closed). */
  connections: {remoteAddress: string; closeCode?: number}[]
  /** The `auth.token` values of every connect request received, in order. */
  connectTokens(): (string | undefined)[]
  close(): Promise<void>
}

const CLIENT_IDS = new Set(['cli', 'gateway-client', 'clawdbot-probe', 'clawdbot-control-ui', 'webchat-ui', 'webchat', 'node-host', 'test', 'fingerprint'])
const MODES = new Set(['cli', 'backend', 'probe', 'ui', 'webchat', 'node', 'test'])

function tokenHint(mode: string | undefined): string {
  if (mode === 'cli') return 'set gateway.remote.token to match gateway.auth.token'
  if (mode === 'ui' || mode === 'webchat') return 'open a tokenized dashboard URL or paste token in Control UI settings'
  return 'provide gateway auth token'
}

type Verdict = {ok: true} | {ok: false; code: string; message: string} | {close1002: string}

/** The product's decision for one connect request (message-handler.js order). */
function judge(frame: ReceivedFrame['json'], opts: FakeGatewayOptions): Verdict {
  if (frame?.type !== 'req' || frame.method !== 'connect') return {
    ok: false,
    code: 'INVALID_REQUEST',
    message: 'invalid handshake: first request must be connect',
  }
  const p = frame.params as Record<string, unknown> & {minProtocol?: number; maxProtocol?: number; client?: {id?: string; mode?: string}}
  if (typeof p?.minProtocol !== 'number' || typeof p.maxProtocol !== 'number') return {
    ok: false,
    code: 'INVALID_REQUEST',
    message: 'invalid connect params: protocol',
  }
  if (p.minProtocol > 3 || p.maxProtocol < 3 || opts.behaviour === 'close-1002') return {close1002: 'protocol mismatch'}
  if (!CLIENT_IDS.has(p.client?.id ?? '') || !MODES.has(p.client?.mode ?? '')) return {
    ok: false,
    code: 'INVALID_REQUEST',
    message: 'invalid connect params: client',
  }
  // Device-less clients (all we send) are judged before auth, even with auth off (message-handler.js).
  if (p.client?.id === 'clawdbot-control-ui') return {ok: false, code: 'INVALID_REQUEST', message: 'control ui requires HTTPS or localhost (secure context)'}
  const sent = (p as {auth?: {token?: string}}).auth?.token
  if (!sent) return {ok: false, code: 'NOT_PAIRED', message: 'device identity required'}
  if (opts.behaviour === 'pairing') return {ok: false, code: 'NOT_PAIRED', message: 'pairing required'}
  if (opts.authMode === 'none') return {ok: true}
  if (opts.token === undefined) return {
    ok: false,
    code: 'INVALID_REQUEST',
    message: 'unauthorized: gateway token not configured on gateway (set gateway.auth.token)',
  }
  if (sent !== opts.token) return {ok: false, code: 'INVALID_REQUEST', message: `unauthorized: gateway token mismatch (${tokenHint(p.client?.mode)})`}
  return {ok: true}
}

function answer(ws: WebSocket, id: unknown, v: Verdict): void {
  if ('close1002' in v) {
    ws.send(JSON.stringify({type: 'res', id, ok: false, error: {code: 'INVALID_REQUEST', message: v.close1002}}))
    return ws.close(1002, v.close1002)
  }
  if (v.ok) {
    ws.send(JSON.stringify({
      type: 'res',
      id,
      ok: true,
      payload: {type: 'hello-ok', protocol: 3, server: {version: 'fake', host: 'fake', connId: randomUUID()}},
    }))
    // Like the product: an event right after hello-ok.
    ws.send(JSON.stringify({type: 'event', event: 'health', payload: {ok: true}}))
    return
  }
  ws.send(JSON.stringify({type: 'res', id, ok: false, error: {code: v.code, message: v.message}}))
  ws.close(1008, v.message.slice(0, 120))
}

/** The fakes started and not yet closed: closeFakeGateways() ends them (a test file's afterEach). */
const running = new Set<FakeGateway>()

export async function closeFakeGateways(): Promise<void> {
  const all = [...running]
  running.clear()
  await Promise.all(all.map((g) => g.close()))
}

export async function startFakeGateway(opts: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const behaviour = opts.behaviour ?? 'real'
  const wss = new WebSocketServer({host: '127.0.0.1', port: 0})
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  const frames: ReceivedFrame[] = []
  const connections: FakeGateway['connections'] = []
  wss.on('connection', (ws, req) => {
    const conn = connections.length
    const entry: FakeGateway['connections'][number] = {remoteAddress: req.socket.remoteAddress ?? '?'}
    connections.push(entry)
    ws.on('close', (code) => (entry.closeCode = code))
    ws.on('message', (data) => {
      const text = data.toString()
      let json: ReceivedFrame['json']
      try {
        json = JSON.parse(text) as ReceivedFrame['json']
      } catch (err) {
        // Recorded as text only: the test decides whether garbage is an error.
        if (!(err instanceof SyntaxError)) throw err
      }
      frames.push({conn, remoteAddress: entry.remoteAddress, text, json})
      if (frames.filter((f) => f.conn === conn).length === 1) answer(ws, json && (json as {id?: unknown}).id, judge(json, opts))
    })
    if (behaviour === 'silent') return
    if (behaviour === 'garbage') return ws.send('<html>not a gateway</html>')
    ws.send(JSON.stringify({type: 'event', event: 'connect.challenge', payload: {nonce: randomUUID(), ts: Date.now()}}))
  })
  const port = (wss.address() as AddressInfo).port
  const gw: FakeGateway = {
    port,
    url: `ws://127.0.0.1:${port}`,
    frames,
    connections,
    connectTokens: () => frames.filter((f) => f.json?.method === 'connect').map((f) => f.json?.params?.auth?.token),
    close: () =>
      new Promise<void>((resolve) => {
        running.delete(gw)
        for (const c of wss.clients) c.terminate()
        wss.close(() => resolve())
      }),
  }
  running.add(gw)
  return gw
}

/** A loopback port with nothing listening on it (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const {port} = srv.address() as AddressInfo
  await new Promise<void>((resolve) => srv.close(() => resolve()))
  return port
}

// ---------------------------------------------------------------------------
// Facts for probe tests: only what runProbes reads is filled in.
// ---------------------------------------------------------------------------

export function tokenCopy(id: CopyId, value: string, secret: 'token' | 'password' = 'token'): TokenCopy {
  return {id, secret, label: id, value: new Secret(value), place: {kind: 'config'}, origin: {type: 'literal'}}
}

/** Facts whose copies are `copies` (by id) and whose gateway listens on `port`. */
export function probeFacts(port: number, copies: TokenCopy[] = [], gateway: Partial<Facts['config']['gateway']> = {}): Facts {
  const by = (id: CopyId) => copies.find((c) => c.id === id)
  const dotenv = (path: string) => ({path, status: 'missing' as const, copies: [] as TokenCopy[]})
  return {
    paths: {} as Facts['paths'],
    config: {
      path: '/fake/clawdbot.json', status: 'ok', files: [], includeErrors: [], varErrors: [], schemaErrors: [], discardedByProduct: false,
      gateway: {places: {}, authToken: by('config.auth.token'), remoteToken: by('config.remote.token'), authPassword: by('config.auth.password'), ...gateway},
      envBlock: copies.filter((c) => c.id === 'config.env'),
      channels: [],
    },
    env: {
      shell: copies.filter((c) => c.id === 'shell.env'),
      cwdDotenv: dotenv('/fake/.env'),
      stateDirDotenv: {...dotenv('/fake/state/.env'), copies: copies.filter((c) => c.id === 'statedir.dotenv')},
      newerNames: [],
    },
    unit: {name: 'u', path: '/fake/u', status: 'ok', dropIns: [], envFiles: [], warnings: [], token: by('unit.env'), execToken: by('unit.exec-start')},
    service: {unit: 'u', status: 'ok', managerToken: by('service.manager-env'), processToken: by('service.process-env')},
    port: {port, portSource: 'config', status: 'ok', listening: true, listeners: []},
    devices: {path: '/fake/d', present: false, tokenCount: 0},
    alternates: [],
  }
}
