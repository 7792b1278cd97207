// The hostile-input corpus (issues 7.1, 7.2): data only. Each case is a HOME tree plus what the
// real CLI must do with it. Generated families (truncations, random bytes) plus hand-written ones.
import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync} from 'node:fs'
import * as path from 'node:path'

export const CFG = '.clawdbot/clawdbot.json'
export const UNIT = '.config/systemd/user/clawdbot-gateway.service'
export const DOTENV = '.clawdbot/.env'
/** Obviously fake 48-hex tokens. */
export const TOK_A = 'fa4e'.repeat(12)
export const TOK_B = 'bad0'.repeat(12)

export interface HostileCase {
  name: string
  family: string
  /** Files relative to HOME (`../outside/...` lands next to HOME, still inside the case's temp root). */
  files: Record<string, string | Buffer>
  /** Extra setup on the real tree (FIFOs, symlinks), given HOME. */
  setup?: (home: string) => void
  env?: Record<string, string>
  /** Extra doctor flags. */
  flags?: string[]
  doctor?: {
    /** Allowed exit codes (default [0, 1]). */
    exit?: number[]
    /** A check that must not pass, with (optionally) a place in that file/line. */
    check?: string
    place?: {file: string; line?: number | 'any'}
    /** Expected line of the config's gateway.auth.token copy. */
    authTokenLine?: number
  }
  /** Run `sync-token --dry-run --offline --json` too (with `--token-stdin` when stdin is given). */
  sync?: {args?: string[]; stdin?: string; exit: number[]; code?: string}
}

export const productConfig = (token: string | unknown = TOK_A) =>
  JSON.stringify({gateway: {mode: 'local', port: 18789, bind: 'loopback', auth: {mode: 'token', token}}}, null, 2) + '\n'

export const json5Config = (token = TOK_A) =>
  `// written by hand\n{\n  gateway: {\n    mode: 'local', /* local */\n    auth: {token: '${token}',},\n    remote: {token: "${token}"},\n  },\n}\n`

export const productUnit = (envLine = `Environment=CLAWDBOT_GATEWAY_TOKEN=${TOK_A}`, extra = '') =>
  [
    '[Unit]',
    'Description=Clawdbot Gateway (profile: default, v2026.1.24-3)',
    '',
    '[Service]',
    'ExecStart="/usr/bin/node" "/usr/lib/node_modules/clawdbot/dist/entry.js" gateway --port 18789',
    'Restart=always',
    envLine,
    extra,
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n')

/** Deterministic PRNG (mulberry32) so every run sees the same "random" bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomBytes(seed: number, n: number): Buffer {
  const r = prng(seed)
  return Buffer.from(Array.from({length: n}, () => Math.floor(r() * 256)))
}

const fifo = (rel: string) => (home: string) => {
  mkdirSync(path.dirname(path.join(home, rel)), {recursive: true})
  execFileSync('mkfifo', [path.join(home, rel)])
}
const link = (rel: string, target: string) => (home: string) => {
  mkdirSync(path.dirname(path.join(home, rel)), {recursive: true})
  symlinkSync(target, path.join(home, rel))
}
export const setups = {fifo, link}

/** Cut `text` at `n` evenly spread offsets (never the full text). */
export function truncations(text: string, n: number): {at: number; text: string}[] {
  const out: {at: number; text: string}[] = []
  for (let i = 0; i < n; i++) {
    const at = Math.floor((i * text.length) / n)
    out.push({at, text: text.slice(0, at)})
  }
  return out
}
