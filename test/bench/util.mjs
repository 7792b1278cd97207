// Small helpers of the benchmark (plain JS: Node 20 cannot run the TS test helpers directly).
import {appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const RUN = path.join(ROOT, 'bin', 'run.js')

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const {port} = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function tempHome() {
  const h = mkdtempSync(path.join(tmpdir(), 'clawdoc-bench-'))
  return {home: h, cleanup: () => rmSync(h, {recursive: true, force: true})}
}

function write(h, rel, text) {
  const p = path.join(h, rel)
  mkdirSync(path.dirname(p), {recursive: true})
  writeFileSync(p, text, {mode: 0o600})
}

const TOKEN = 'be0c'.repeat(12)
const unitText = (token = TOKEN, port = 18789) =>
  `[Unit]\nDescription=bench\n\n[Service]\nExecStart=/usr/bin/node /x/entry.js gateway --port ` +
    `${port}\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${token}\n\n[Install]\nWantedBy=default.target\n`

export const home = {
  /** A copy of test/example/home (the README's typical drifted setup). */
  example() {
    const t = tempHome()
    cpSync(path.join(ROOT, 'test', 'example', 'home'), t.home, {recursive: true})
    chmodSync(path.join(t.home, '.clawdbot', 'clawdbot.json'), 0o600)
    return t
  },
  /** test/example's home with `lines` more assignments in its state-dir .env (the token line stays first). */
  withDotenv(lines) {
    const t = home.example()
    let text = ''
    for (let i = 0; i < lines; i++) text += i % 10 === 9 ? `# comment ${i}\n` : `BENCH_VAR_${i}="value ${i}"\n`
    appendFileSync(path.join(t.home, '.clawdbot', '.env'), text)
    return t
  },
  /** openclaw 2026.9.6's layout as `openclaw gateway install` leaves it: the token in the config and in the unit's env file. */
  openclaw() {
    const t = tempHome()
    const envFile = path.join(t.home, '.openclaw', 'gateway.systemd.env')
    const config = {gateway: {mode: 'local', port: 18789, bind: 'loopback', auth: {mode: 'token', token: TOKEN}}}
    write(t.home, '.openclaw/openclaw.json', JSON.stringify(config, null, 2) + '\n')
    write(t.home, '.openclaw/gateway.systemd.env', `OPENCLAW_GATEWAY_TOKEN=${TOKEN}\n`)
    write(t.home, '.config/systemd/user/openclaw-gateway.service',
      `[Unit]\nDescription=OpenClaw Gateway\n\n[Service]\nExecStart=/usr/bin/node /x/openclaw/dist/index.js gateway --port 18789\n` +
        `EnvironmentFile=-${envFile}\n\n[Install]\nWantedBy=default.target\n`)
    return t
  },
  withConfig(config) {
    return home.withConfigText(JSON.stringify(config, null, 2) + '\n')
  },
  withConfigText(text) {
    const t = tempHome()
    write(t.home, '.clawdbot/clawdbot.json', text)
    write(t.home, '.config/systemd/user/clawdbot-gateway.service', unitText())
    return t
  },
  /** k profiles, each with its own state dir, config and unit. */
  withProfiles(k) {
    const t = tempHome()
    for (let i = 1; i <= k; i++) {
      write(t.home, `.clawdbot-p${i}/clawdbot.json`, JSON.stringify({gateway: {mode: 'local', port: 20000 + i, auth: {token: TOKEN}}}, null, 2))
      write(t.home, `.config/systemd/user/clawdbot-gateway-p${i}.service`, unitText(TOKEN, 20000 + i))
    }
    return t
  },
}

/** A valid config of about `bytes` bytes: the token plus `env.vars` padding (as product-written JSON, or JSON5 with comments). */
export function sizedConfig(bytes, json5) {
  const vars = {}
  const per = 100
  for (let i = 0; i * per < bytes; i++) vars[`BENCH_VAR_${i}`] = 'v'.repeat(per - 24)
  const doc = {gateway: {mode: 'local', port: 18789, bind: 'loopback', auth: {mode: 'token', token: TOKEN}}, env: {vars}}
  const text = JSON.stringify(doc, null, 2)
  return json5 ? `// bench config\n${text.replace(/"gateway": \{/, "gateway: { // the gateway")}\n` : text + '\n'
}
