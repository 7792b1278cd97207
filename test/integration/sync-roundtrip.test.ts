import {chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'

// Round trip through the real CLI on real files: after `sync-token --yes`, every file equals its
// old bytes with the old token values replaced by the new one — comments, quoting, continuations,
// CRLF, key order and the rest untouched. Modes are kept.
const NEW = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
const O1 = 'f00f00f00f00f00f00f00f00f00f00f00f00f00f00f00f01'
const O2 = 'f00f00f00f00f00f00f00f00f00f00f00f00f00f00f00f02'
const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const DROP = '.config/systemd/user/clawdbot-gateway.service.d'

const unitHead = '[Unit]\nDescription=Clawdbot Gateway\n\n[Service]\nExecStart=/usr/bin/node /opt/clawdbot/dist/entry.js gateway --port 18789\n'

const CASES: Record<string, Record<string, string>> = {
  'product-written JSON and unit': {
    [CFG]: JSON.stringify(
      {meta: {lastTouchedVersion: '2026.1.24-3'}, gateway: {mode: 'local', auth: {mode: 'token', token: NEW}, remote: {token: O1}}},
      null,
      2,
    ) + '\n',
    [UNIT]: `${unitHead}Environment="PATH=/usr/local/bin:/usr/bin:/bin"\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${O1}\n` +
      `Environment=CLAWDBOT_SERVICE_MARKER=clawdbot\n\n[Install]\nWantedBy=default.target\n`,
  },
  'JSON5 with comments, quoted unit value with other assignments': {
    [CFG]: `// hand-edited\n{\n  gateway: {\n    mode: 'local', // local\n    auth: {token: '${NEW}'},\n    remote: {\n      token: "${O2}", /* laptop */\n` +
      `    },\n  },\n}\n`,
    [UNIT]: `${unitHead}# the token\nEnvironment="HOME=/home/x" "CLAWDBOT_GATEWAY_TOKEN=${O1}" CLAWDBOT_GATEWAY_PORT=18789\n`,
  },
  'CRLF everywhere and a continued Environment= line': {
    [CFG]: `{\r\n  "gateway": {\r\n    "auth": { "token": "${NEW}" }\r\n  }\r\n}\r\n`,
    [UNIT]: `${unitHead.replace(/\n/g, '\r\n')}Environment=A=1 \\\r\n  CLAWDBOT_GATEWAY_TOKEN=${O1} \\\r\n  B=2\r\n`,
  },
  'drop-in override and shadowed assignment': {
    [CFG]: `{ gateway: { auth: { token: "${NEW}" } } }\n`,
    [UNIT]: `${unitHead}Environment=CLAWDBOT_GATEWAY_TOKEN=${O1}\n`,
    [`${DROP}/10-token.conf`]: `[Service]\n# override\nEnvironment='CLAWDBOT_GATEWAY_TOKEN=${O2}'\n`,
  },
  'EnvironmentFile= and .env files': {
    [CFG]: `{ gateway: { auth: { token: "${NEW}" } } }\n`,
    [UNIT]: `${unitHead}EnvironmentFile=-%h/.config/clawdbot/gateway.env\n`,
    '.config/clawdbot/gateway.env': `# gateway env\nCLAWDBOT_GATEWAY_PORT=18789\nCLAWDBOT_GATEWAY_TOKEN="${O1}"\n`,
    '.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN=${O2} # old\n`,
  },
  '$include: the token lives in the included file': {
    [CFG]: `{\n  "$include": "./gateway.json5",\n  gateway: { mode: "local" },\n}\n`,
    '.clawdbot/gateway.json5': `// included\n{ gateway: { auth: { token: '${NEW}' }, remote: { token: '${O1}' } } }\n`,
    [UNIT]: `${unitHead}Environment=CLAWDBOT_GATEWAY_TOKEN=${O2}\n`,
  },
}

const roots: string[] = []
afterAll(() => roots.forEach((r) => rmSync(r, {recursive: true, force: true})))

function walk(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) Object.assign(out, walk(p, base))
    else out[path.relative(base, p)] = readFileSync(p, 'utf8')
  }
  return out
}

describe('sync-token round trip: only the token bytes change', () => {
  for (const [name, files] of Object.entries(CASES)) {
    it(name, async () => {
      const home = mkdtempSync(path.join(tmpdir(), 'clawdoc-rt-'))
      roots.push(home)
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(home, rel)), {recursive: true})
        writeFileSync(path.join(home, rel), text)
        chmodSync(path.join(home, rel), rel.endsWith('.json') ? 0o600 : 0o640)
      }
      const r = await runCli(['sync-token', '--yes', '--offline', '--from', 'auth'], {env: {HOME: home}, cwd: home})
      expect(r.code, r.stdout + r.stderr).toBe(0)
      for (const t of [NEW, O1, O2]) expect(r.stdout + r.stderr).not.toContain(t)
      const after = walk(home)
      for (const [rel, text] of Object.entries(files)) {
        expect(after[rel], rel).toBe(text.replaceAll(O1, NEW).replaceAll(O2, NEW))
        expect(statSync(path.join(home, rel)).mode & 0o777, rel).toBe(rel.endsWith('.json') ? 0o600 : 0o640)
      }
      const changed = Object.keys(files).filter((rel) => files[rel] !== after[rel])
      const backups = Object.keys(after).filter((rel) => /\.clawdoc-\d{8}T\d{6}\.\d{3}Z-\d{3}\.bak$/.test(rel))
      expect(backups.length).toBe(changed.length)
      for (const b of backups) {
        const orig = b.replace(/\.clawdoc-.*$/, '')
        expect(after[b]).toBe(files[orig])
        expect(statSync(path.join(home, b)).mode & 0o777).toBe(statSync(path.join(home, orig)).mode & 0o600)
      }
    })
  }
})
