import {readFileSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'

import {execFile, type ExecResult} from '../../src/sources/exec.js'
import {openclawEnv, type OpenclawInstall} from './openclaw.js'
import type {UserManager} from './user-manager.js'

/**
 * The real `openclaw gateway install` (2026.9.6), run against a contained user manager
 * (test/helpers/user-manager.ts) so that the unit under test is the one the release writes itself.
 *
 * Two things stand between that command and a test machine (src/docs/OPENCLAW.md §6, measured):
 * - it refuses unless HOME is the OS account's home (`os.userInfo().homedir`, i.e. getpwuid);
 * - it asks the *system* manager to prove that no system unit owns the name (`systemctl show
 *   --property=LoadState|UnitPath`, `busctl --system` calls), and refuses when there is none to ask.
 *   It runs systemctl and busctl from a PATH it rebuilds itself (its Node's dir, then /usr/bin:/bin),
 *   so a shim earlier on PATH is not seen.
 *
 * So the installer alone runs in a private mount namespace (unshare -m) where /etc/passwd gives the
 * account the manager's HOME, and /usr/bin/systemctl and /usr/bin/busctl are shims that answer the
 * system-manager questions as a host with no such system unit answers them (`not-found`, the stock
 * load path, "Unit … not loaded.") and hand every `--user` call to the real binary. Nothing outside
 * that one process tree sees any of it; the unit, the env file and the enable symlink it writes land in
 * the manager's HOME, as on a real machine.
 */

/** The system unit load path a stock host reports (`systemctl show --property=UnitPath --value`). */
const SYSTEM_UNIT_PATH = ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']

function shim(real: string, systemAnswers: string): string {
  return [
    '#!/bin/sh',
    '# Test stand-in (test/helpers/openclaw-service.ts): --user calls go to the real binary; system-manager reads are answered',
    '# as on a host where no system unit owns the gateway name.',
    `for a in "$@"; do case "$a" in --user) exec ${real} "$@";; esac; done`,
    systemAnswers,
    'echo "clawdoc test stand-in: unexpected system-manager call: $*" >&2',
    'exit 1',
    '',
  ].join('\n')
}

const SYSTEMCTL_ANSWERS = [
  'case "$*" in',
  '  "show --property=LoadState --value "*) echo not-found; exit 0;;',
  `  "show --property=UnitPath --value") echo "${SYSTEM_UNIT_PATH.join(' ')}"; exit 0;;`,
  'esac',
].join('\n')

const BUSCTL_ANSWERS = [
  'case "$*" in',
  '  *" GetNameOwner s org.freedesktop.systemd1") echo \'{"type":"s","data":[":1.1"]}\'; exit 0;;',
  '  *" GetUnit s "*) eval "u=\\${$#}"; echo "Call failed: Unit $u not loaded." >&2; exit 1;;',
  `  *" get-property "*" UnitPath") echo '${JSON.stringify({type: 'as', data: SYSTEM_UNIT_PATH})}'; exit 0;;`,
  'esac',
].join('\n')

/** The account of this process in a copy of /etc/passwd, with its home field set to `home`. */
function passwdWithHome(home: string): string {
  const uid = String(process.getuid?.() ?? 0)
  let found = false
  const text = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => {
      const f = line.split(':')
      if (f.length < 7 || f[2] !== uid || found) return line
      found = true
      f[5] = home
      return f.join(':')
    })
    .join('\n')
  if (!found) throw new Error(`uid ${uid} has no line in /etc/passwd`)
  return text
}

/** Mount script: $1 passwd copy, $2 dir with the shims and the mount points for the real binaries; then exec the rest. */
const NAMESPACE_SCRIPT = [
  'set -e',
  'mount --bind "$1" /etc/passwd',
  'for c in systemctl busctl; do mount --bind "/usr/bin/$c" "$2/real-$c"; mount --bind "$2/$c" "/usr/bin/$c"; done',
  'shift 2',
  'exec "$@"',
].join('\n')

/**
 * Run the release's own CLI as the service account of `um` would on a real host (for `gateway install`,
 * `gateway uninstall`, `doctor --fix`: the commands that manage the unit). Tokens never go in `args`.
 */
export async function runAsServiceAccount(
  inst: OpenclawInstall,
  um: UserManager,
  args: string[],
  opts: {env?: Record<string, string | undefined>; timeoutMs?: number} = {},
): Promise<ExecResult> {
  const dir = path.join(um.scratch, 'service-account')
  await fsp.mkdir(dir, {recursive: true, mode: 0o700})
  await fsp.writeFile(path.join(dir, 'passwd'), passwdWithHome(um.home), {mode: 0o644})
  for (const c of ['systemctl', 'busctl'] as const) {
    await fsp.writeFile(path.join(dir, `real-${c}`), '', {mode: 0o755})
    await fsp.writeFile(path.join(dir, c), shim(path.join(dir, `real-${c}`), c === 'systemctl' ? SYSTEMCTL_ANSWERS : BUSCTL_ANSWERS), {mode: 0o755})
  }
  return execFile(
    '/usr/bin/unshare',
    ['-m', 'sh', '-c', NAMESPACE_SCRIPT, 'sh', path.join(dir, 'passwd'), dir, inst.node, inst.entry, ...args],
    {cwd: um.home, env: openclawEnv(inst, um.home, {XDG_RUNTIME_DIR: um.runtimeDir, ...opts.env}), timeoutMs: opts.timeoutMs ?? 120_000},
  )
}

/** `openclaw gateway install --port P` as the service account: returns the unit text it wrote. */
export async function openclawGatewayInstall(inst: OpenclawInstall, um: UserManager, port: number, unitName = 'openclaw-gateway.service'): Promise<string> {
  const r = await runAsServiceAccount(inst, um, ['gateway', 'install', '--port', String(port)])
  const unit = path.join(um.unitDir, unitName)
  const text = await fsp.readFile(unit, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') {
      throw new Error(`openclaw ${inst.release} gateway install wrote no ${unit} (code ${r.code}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000))
    }
    throw e
  })
  if (!r.ok) throw new Error(`openclaw ${inst.release} gateway install failed (code ${r.code}):\n${r.stdout}\n${r.stderr}`.slice(0, 4000))
  return text
}
