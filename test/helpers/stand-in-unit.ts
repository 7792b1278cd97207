import {createServer} from 'node:net'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

export const STAND_IN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stand-in-gateway.mjs')

/** A free TCP port on 127.0.0.1 (never 18789). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => (port === 18789 ? freePort().then(resolve, reject) : resolve(port)))
    })
  })
}

/** Unit text shaped like the product's (src/docs/CLAWDBOT.md §5): launcher as MainPID, Restart=always, env token, file log. */
export function standInUnit(o: {
  port: number
  token?: string
  logFile: string
  fail?: boolean
  restart?: 'always' | 'no'
  env?: Record<string, string>
}): string {
  const env: Record<string, string> = {CLAWDBOT_GATEWAY_PORT: String(o.port), ...o.env}
  if (o.token !== undefined) env.CLAWDBOT_GATEWAY_TOKEN = o.token
  if (o.fail) env.STANDIN_FAIL_AT_START = '1'
  return [
    '[Unit]',
    'Description=clawdoc e2e stand-in gateway',
    '',
    '[Service]',
    `ExecStart="${process.execPath}" "${STAND_IN}" gateway --port ${o.port}`,
    `Restart=${o.restart ?? 'always'}`,
    'RestartSec=5',
    'KillMode=process',
    `StandardOutput=append:${o.logFile}`,
    `StandardError=append:${o.logFile}`,
    ...Object.entries(env).map(([k, v]) => `Environment=${k}=${v}`),
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n')
}

/** Resolves when 127.0.0.1:port accepts a TCP connection; polls with a deadline (no fixed sleep). */
export async function waitForPort(port: number, deadlineMs = 15_000): Promise<void> {
  const {connect} = await import('node:net')
  const end = Date.now() + deadlineMs
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)))
      s.on('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > end) throw new Error(`port ${port} never answered`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
