// Issue 7.5: the secret-hygiene harness. Every command x output mode x fixture, with sentinel
// tokens in every place clawdoc reads (config, $include, unit, drop-in, EnvironmentFile=, both .env
// files, the shell env, device store, the running service's environment via `systemctl show`, the
// journal). Greps stdout, stderr, the JSON documents, every child's argv (recorded by a
// NODE_OPTIONS preload), and the names of every file left behind: zero hits. Backups hold the old
// bytes (that is their job; they are 0600), but their names never hold a token.
import {chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import * as path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, runCli} from '../helpers/cli.js'
import {hashTree, materialize} from '../hostile/home-tree.js'
import {requireBuild} from '../hostile/pool.js'

/** Sentinel n: 48 hex chars, unique and greppable (e.g. 5e4701 x 8). */
const S = (n: number) => `5e47${n.toString(16).padStart(2, '0')}`.repeat(8)
const SENTINELS = Array.from({length: 20}, (_, i) => S(i + 1))
const PRELOAD = path.join(ROOT, 'test', 'hygiene', 'record-argv.mjs')
const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'

const unit = (envLines: string) => `[Unit]\nDescription=x\n\n[Service]\nExecStart=/usr/bin/node /x/entry.js gateway --port 1\n${envLines}\n\n[Install]\n` +
  `WantedBy=default.target\n`

interface Fixture {
  files: Record<string, string>
  env: Record<string, string>
}
const FIXTURES: Record<string, Fixture> = {
  drift: {
    files: {
      [CFG]: `// hand-written\n{\n  $include: './remote.json5',\n` +
        `  gateway: {mode: 'local', port: 1, auth: {mode: 'token', token: '${S(1)}', password: '${S(7)}'}},\n}\n`,
      '.clawdbot/remote.json5': `{gateway: {remote: {token: "${S(2)}"}}}`,
      [UNIT]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${S(3)}\nEnvironmentFile=-%h/gw.env`),
      [`${UNIT}.d/override.conf`]: `[Service]\nEnvironment="CLAWDBOT_GATEWAY_PASSWORD=${S(8)}"\n`,
      'gw.env': `CLAWDBOT_GATEWAY_TOKEN=${S(4)}\n`,
      '.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN=${S(5)}\n`,
      'work/.env': `CLAWDBOT_GATEWAY_TOKEN=${S(9)}\n`,
      '.clawdbot/identity/device-auth.json': JSON.stringify({tokens: {operator: {token: S(10).slice(0, 32)}}}),
      // Backups of an earlier sync (one new-style set, one old-style name): backups/restore read and write them.
      [`${CFG}.clawdoc-20261125T142233.123Z-000.bak`]: `{gateway: {auth: {token: '${S(17)}'}, remote: {token: '${S(17)}'}}}\n`,
      [`${UNIT}.clawdoc-20261125T142233.123Z-000.bak`]: unit(`Environment=CLAWDBOT_GATEWAY_TOKEN=${S(17)}`),
      ['.clawdbot/.env.clawdoc-20261120T080000.bak']: `CLAWDBOT_GATEWAY_TOKEN=${S(20)}\n`,
    },
    env: {CLAWDBOT_GATEWAY_TOKEN: S(6)},
  },
  invalid: {
    files: {
      [CFG]: JSON.stringify({gateway: {mode: S(11), token: S(12), auth: {mode: S(13), token: ` ${S(1)} `}, remote: {token: '${CLAWDOC_UNSET}'}}}, null, 2),
      [UNIT]: unit(`Environment="CLAWDBOT_GATEWAY_TOKEN=${S(3)}`),
      '.clawdbot/.env': `CLAWDBOT_GATEWAY_TOKEN="${S(5)}\n`,
    },
    env: {CLAWDBOT_GATEWAY_PASSWORD: S(14)},
  },
  unparsable: {
    files: {
      [CFG]: `{"gateway": {"auth": {"token": "${S(1)}"`,
      [UNIT]: unit(`Environment=A=1 \\\n CLAWDBOT_GATEWAY_TOKEN=${S(3)} \\\n B=2`),
    },
    env: {},
  },
}

/** A fake systemctl (the running service's token is S(16)) and journalctl (logs known tokens). */
function fakeTools(dir: string): void {
  mkdirSync(dir, {recursive: true})
  const show = [
    'ActiveState=active',
    'SubState=running',
    'LoadState=loaded',
    'MainPID=0',
    'NeedDaemonReload=no',
    `Environment=HOME=/x CLAWDBOT_GATEWAY_TOKEN=${S(16)}`,
    'ControlGroup=/user.slice/x',
  ].join('\n')
  writeFileSync(
    path.join(dir, 'systemctl'),
    `#!/bin/sh\ncase " $* " in *" show "*) printf '%s\\n' '${show.replaceAll('\n', "' '")}' ;; *" is-active "*) echo active ;; esac\nexit 0\n`,
  )
  // The service logging values clawdoc knows from its sources: restart's journal excerpt must mask each one.
  const logged = [1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 16].map((n) => `echo "gateway: auth ${S(n)} rejected"`).join('\n')
  writeFileSync(path.join(dir, 'journalctl'), `#!/bin/sh\n${logged}\nexit 0\n`)
  for (const f of ['systemctl', 'journalctl']) chmodSync(path.join(dir, f), 0o755)
}

const EXPLAIN = `gateway closed (1008): unauthorized: gateway token mismatch ws://127.0.0.1:1/?token=${S(18)} Authorization: Bearer ${S(19)}`
interface Run {
  name: string
  args: string[]
  stdin?: string
  /** Uses the fake systemctl on PATH and a bus address (otherwise: no bus at all). */
  bus?: boolean
  writes?: boolean
}
const RUNS: Run[] = [
  ...[[], ['--json']].flatMap((m) => [
    {name: 'doctor --offline', args: ['doctor', '--offline', ...m]},
    {name: 'doctor --offline --verbose', args: ['doctor', '--offline', '--verbose', ...m]},
    {name: 'doctor (no bus)', args: ['doctor', '--no-probe', ...m]},
    {name: 'doctor (fake systemctl)', args: ['doctor', '--no-probe', ...m], bus: true},
    {name: 'doctor --explain', args: ['doctor', '--explain', EXPLAIN, ...m]},
    {name: 'doctor --explain -', args: ['doctor', '--explain', '-', ...m], stdin: EXPLAIN},
    {name: 'sync-token --dry-run', args: ['sync-token', '--dry-run', '--offline', ...m]},
    {name: 'sync-token --from remote --dry-run', args: ['sync-token', '--from', 'remote', '--dry-run', '--offline', ...m]},
    {name: 'sync-token --yes', args: ['sync-token', '--yes', '--offline', ...m], writes: true},
    {name: 'sync-token --yes (fake systemctl)', args: ['sync-token', '--yes', ...m], bus: true, writes: true},
    {name: 'sync-token --token-stdin --yes', args: ['sync-token', '--token-stdin', '--yes', '--offline', ...m], stdin: `${S(15)}\n`, writes: true},
    {name: 'sync-token --generate --yes', args: ['sync-token', '--generate', '--yes', '--offline', ...m], writes: true},
    {name: 'restart --dry-run', args: ['restart', '--dry-run', ...m]},
    {name: 'restart (no bus)', args: ['restart', ...m]},
    {name: 'restart (fake systemctl)', args: ['restart', '--timeout', '1', '--no-probe', ...m], bus: true},
    {name: 'backups', args: ['backups', ...m]},
    {name: 'backups --prune 0 --dry-run', args: ['backups', '--prune', '0', '--dry-run', ...m]},
    {name: 'backups --prune 1 --yes', args: ['backups', '--prune', '1', '--yes', ...m], writes: true},
    {name: 'restore --dry-run', args: ['restore', '--dry-run', ...m]},
    {name: 'restore (no --yes, no TTY)', args: ['restore', ...m]},
    {name: 'restore --yes', args: ['restore', '--yes', ...m], writes: true},
    {name: 'restore <old set> --yes', args: ['restore', '20261120T080000', '--yes', ...m], writes: true},
  ]),
]

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    out.push(p)
    if (statSync(p, {throwIfNoEntry: false})?.isDirectory()) filesUnder(p, out)
  }
  return out
}

/** Every sentinel, and a 16-char window of each (a partial leak counts). */
function leaks(text: string): string[] {
  return SENTINELS.filter((s) => text.includes(s.slice(0, 16)) || text.includes(s.slice(-16)))
}

const CASES = Object.entries(FIXTURES).flatMap(([fx, f]) => RUNS.map((r) => [
  `${fx}: ${r.name}${r.args.includes('--json') ? ' --json' : ''}`,
  fx,
  f,
  r,
] as const))

describe(`secret hygiene: ${RUNS.length} command runs x ${Object.keys(FIXTURES).length} fixtures`, () => {
  it('the argv preload records children started through ESM imports and require()', async () => {
    requireBuild()
    const t = materialize({})
    try {
      const log = path.join(t.root, 'argv.log')
      const code =
        "import('node:child_process').then(({spawnSync}) => { spawnSync('true', ['esm-arg']); " +
        "require('node:child_process').execFileSync('true', ['cjs-arg']) })"
      const {spawnSync} = await import('node:child_process')
      spawnSync(process.execPath, ['-e', code], {env: {...process.env, NODE_OPTIONS: `--import=${PRELOAD}`, CLAWDOC_ARGV_LOG: log}})
      const text = readFileSync(log, 'utf8')
      expect(text).toContain('esm-arg')
      expect(text).toContain('cjs-arg')
    } finally {
      t.cleanup()
    }
  })

  it.concurrent.each(CASES)('%s', {timeout: 60_000}, async (_n, _fx, fixture, run) => {
    const t = materialize(fixture.files)
    try {
      const tools = path.join(t.root, 'bin')
      fakeTools(tools)
      mkdirSync(path.join(t.home, 'work'), {recursive: true})
      const runtime = path.join(t.root, 'run')
      mkdirSync(runtime, {mode: 0o700})
      const argvLog = path.join(t.root, 'argv.log')
      writeFileSync(argvLog, '')
      const env: Record<string, string> = {
        ...fixture.env,
        HOME: t.home,
        XDG_RUNTIME_DIR: runtime,
        NODE_OPTIONS: `--import=${PRELOAD}`,
        CLAWDOC_ARGV_LOG: argvLog,
        PATH: run.bus ? `${tools}:${process.env.PATH}` : (process.env.PATH ?? '/usr/bin:/bin'),
        ...(run.bus ? {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/clawdoc-test-bus'} : {}),
      }
      const before = hashTree(t.home)
      const r = await runCli(run.args, {env, cwd: path.join(t.home, 'work'), input: run.stdin, timeoutMs: 45_000})
      expect(r.code, r.stderr).not.toBeNull()
      expect([0, 1, 2, 3], `exit ${r.code}: ${r.stderr}`).toContain(r.code)
      expect(leaks(r.stdout), 'stdout').toEqual([])
      expect(leaks(r.stderr), 'stderr').toEqual([])
      if (run.args.includes('--json')) leaks(JSON.stringify(JSON.parse(r.stdout)))
      const argv = readFileSync(argvLog, 'utf8')
      expect(leaks(argv), 'child argv').toEqual([])
      if (run.bus) expect(argv, 'the fake systemctl was called').toContain('"systemctl"')
      const names = filesUnder(t.root).map((p) => path.relative(t.root, p))
      expect(leaks(names.join('\n')), 'file names').toEqual([])
      const backups = names.filter((n) => n.endsWith('.bak'))
      if (!run.writes) expect(hashTree(t.home), 'a read-only run wrote').toBe(before)
      for (const b of backups) {
        // The fixture's own backups (an earlier sync) hold what they hold; only new ones are checked here.
        if (b.replace(/^home\//, '') in fixture.files) continue
        const target = b.replace(/\.clawdoc-\d{8}T\d{6}\.\d{3}Z-\d{3}\.bak$/, '').replace(/^home\//, '')
        expect(readFileSync(path.join(t.root, b), 'utf8'), `backup ${b} holds the old bytes`).toBe(fixture.files[target])
        expect(statSync(path.join(t.root, b)).mode & 0o077, `backup ${b} is private`).toBe(0)
      }
      // The drift fixture has backups: the new commands must really list and restore them, not fail early.
      if (_fx === 'drift' && ['backups', 'restore'].includes(run.args[0])) {
        expect(r.code, r.stderr).toBe(run.name.includes('no TTY') ? 2 : 0)
        if (r.code === 0) expect(r.stdout).toMatch(/len=48 sha256:[0-9a-f]{8}|"sha256": "[0-9a-f]{8}"/)
      }
      if (run.writes && _fx === 'drift' && r.code !== 2) expect(backups.length, 'a sync that wrote left backups').toBeGreaterThan(0)
    } finally {
      t.cleanup()
    }
  })
})
