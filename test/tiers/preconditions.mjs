// What the e2e and interop tiers need from the machine, checked once before the tier runs (test/tiers/setup-*.ts,
// the vitest globalSetup of those projects). A tier that cannot run says so in one line and fails: it never passes
// quietly. Plain JavaScript, so that `node test/tiers/preconditions.mjs e2e` runs it without a build (the self-test
// in test/integration/tiers.test.ts runs it as an unprivileged user).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const SYSTEMD = '/lib/systemd/systemd'
export const UNSHARE = '/usr/bin/unshare'
export const CGROUP_HIERARCHIES = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd']

/** The one line each tier prints when the machine lacks what it needs. */
export const NEEDS = {
  e2e: 'The e2e tier needs root and systemd (it starts a private systemd --user): run it as root, e.g. `sudo npm run test:e2e`.',
  interop: 'The interop tier needs root and the npm registry (it installs the real clawdbot once, then runs it under systemd).',
}

/** The facts of this machine that the tiers depend on. `productCached`: the interop install is already complete. */
export function machine({productCached = false} = {}) {
  return {
    root: process.getuid?.() === 0,
    systemd: existsSync(SYSTEMD),
    unshare: existsSync(UNSHARE),
    cgroups: CGROUP_HIERARCHIES.filter((h) => !existsSync(path.join(h, 'cgroup.procs'))),
    registry: productCached ? true : () => spawnSync('npm', ['ping', '--loglevel=error'], {stdio: 'ignore', timeout: 20_000}).status === 0,
  }
}

/** What `tier` misses on machine `m` (empty when it can run). */
export function missing(tier, m) {
  const out = []
  if (!m.root) out.push('root')
  if (!m.systemd) out.push(`${SYSTEMD} (apt-get install systemd)`)
  if (!m.unshare) out.push(`${UNSHARE} (apt-get install util-linux)`)
  for (const h of m.cgroups) out.push(`cgroup hierarchy ${h}`)
  if (tier === 'interop' && !(typeof m.registry === 'function' ? m.registry() : m.registry)) out.push('the npm registry (npm ping failed)')
  return out
}

/** Throws one line when `tier` cannot run here. */
export function assertTierCanRun(tier, m) {
  m ??= machine()
  if (!(tier in NEEDS)) throw new Error(`unknown tier ${tier}: expected one of ${Object.keys(NEEDS).join(', ')}`)
  const lacks = missing(tier, m)
  if (lacks.length > 0) throw new Error(`${NEEDS[tier]} Missing: ${lacks.join('; ')}.`)
}

/**
 * Exits the process with status 1 and that one line on stderr when `tier` cannot run here. The vitest globalSetup
 * calls this rather than throwing: a thrown error would come out as a stack trace after "No test files found".
 */
export function exitUnlessTierCanRun(tier, m) {
  try {
    assertTierCanRun(tier, m)
  } catch (err) {
    // Not swallowed: this is the tier's loud failure.
    process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) exitUnlessTierCanRun(process.argv[2] ?? '')
