#!/usr/bin/env node
/**
 * A stand-in for `clawdbot gateway` used as a systemd unit's ExecStart in e2e tests.
 * Like the product, the unit's MainPID is a launcher and the process listening on the port is
 * its child (src/docs/CLAWDBOT.md §10). The child speaks the minimal handshake (§6).
 *
 *   stand-in-gateway.mjs [--port N] [--token T] [--fail-at-start]
 * Env: CLAWDBOT_GATEWAY_PORT, CLAWDBOT_GATEWAY_TOKEN, CLAWDBOT_CONFIG_PATH, HOME,
 *      STANDIN_FAIL_AT_START=1 (exit 1 at once, for the failure tests).
 * Never prints a token.
 */
import {spawn} from 'node:child_process'
import {randomUUID} from 'node:crypto'
import {readFileSync} from 'node:fs'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

const args = process.argv.slice(2)
const flag = (name) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1]
}

if (!args.includes('--child')) {
  if (args.includes('--fail-at-start') || process.env.STANDIN_FAIL_AT_START === '1') {
    console.error('stand-in gateway: failing at start as asked')
    process.exit(1)
  }
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', ...args], {stdio: 'inherit'})
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)))
} else {
  await serve()
}

async function expectedToken() {
  const fromFlag = flag('token')
  if (fromFlag !== undefined) return fromFlag
  const cfgPath = process.env.CLAWDBOT_CONFIG_PATH || path.join(process.env.HOME ?? '/', '.clawdbot', 'clawdbot.json')
  try {
    const JSON5 = (await import('json5')).default
    const tok = JSON5.parse(readFileSync(cfgPath, 'utf8'))?.gateway?.auth?.token
    if (tok !== undefined && tok !== null) return String(tok)
  } catch (err) {
    // No or broken config: fall through to the env token, as the product does with `{}`.
    console.error(`stand-in gateway: config not used (${err.code ?? 'parse error'})`)
  }
  return process.env.CLAWDBOT_GATEWAY_TOKEN
}

async function serve() {
  const {WebSocketServer} = await import('ws')
  const port = Number(flag('port') ?? process.env.CLAWDBOT_GATEWAY_PORT ?? 18789)
  const token = await expectedToken()
  const wss = new WebSocketServer({host: '127.0.0.1', port})
  wss.on('listening', () => console.log(`stand-in gateway: pid ${process.pid} listening on 127.0.0.1:${port}`))
  wss.on('error', (err) => {
    console.error(`stand-in gateway: ${err.code ?? err.message}`)
    process.exit(1)
  })
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({type: 'event', event: 'connect.challenge', payload: {nonce: randomUUID(), ts: Date.now()}}))
    ws.on('message', (data) => {
      let frame
      try {
        frame = JSON.parse(String(data))
      } catch (err) {
        // Not JSON: the real gateway closes with a protocol error too.
        if (!(err instanceof SyntaxError)) throw err
        ws.close(1002, 'protocol mismatch')
        return
      }
      if (frame.type !== 'req' || frame.method !== 'connect') {
        ws.close(1008, 'invalid handshake: first request must be connect')
        return
      }
      const given = frame.params?.auth?.token
      if (token === undefined || token === '' || given === token) {
        ws.send(JSON.stringify({
          type: 'res',
          id: frame.id,
          ok: true,
          payload: {
            type: 'hello-ok',
            protocol: 3,
            server: {version: 'stand-in', host: 'localhost', connId: randomUUID()},
            features: {},
            snapshot: {},
            policy: {},
          },
        }))
        return
      }
      const message = `unauthorized: gateway token ${given ? 'mismatch' : 'missing'} (provide gateway auth token)`
      ws.send(JSON.stringify({type: 'res', id: frame.id, ok: false, error: {code: 'INVALID_REQUEST', message}}))
      ws.close(1008, message)
    })
  })
  // Exit at once: wss.close() would wait for every open client.
  process.on('SIGTERM', () => process.exit(0))
}
