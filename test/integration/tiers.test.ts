import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'
import {NEEDS, assertTierCanRun, missing, type Machine} from '../tiers/preconditions.mjs'

const ready: Machine = {root: true, systemd: true, unshare: true, cgroups: [], registry: true}
const SCRIPT = path.join(ROOT, 'test', 'tiers', 'preconditions.mjs')

describe('tier preconditions (test/tiers)', () => {
  it('lets a tier run on a machine that has what it needs', () => {
    expect(missing('e2e', ready)).toEqual([])
    expect(missing('interop', ready)).toEqual([])
    expect(() => assertTierCanRun('interop', ready)).not.toThrow()
  })

  it('refuses in one line that names the tier, its needs and what is missing', () => {
    const m: Machine = {...ready, root: false, cgroups: ['/sys/fs/cgroup/systemd']}
    expect(() => assertTierCanRun('e2e', m)).toThrow(`${NEEDS.e2e} Missing: root; cgroup hierarchy /sys/fs/cgroup/systemd.`)
    expect(() => assertTierCanRun('interop', {...ready, registry: () => false})).toThrow(`${NEEDS.interop} Missing: the npm registry`)
    expect(NEEDS.e2e).not.toContain('\n')
    expect(NEEDS.interop).not.toContain('\n')
  })

  it('asks the registry only when the interop product is not installed yet', () => {
    let asked = 0
    const registry = () => (asked++, false)
    missing('e2e', {...ready, registry})
    expect(asked).toBe(0)
    missing('interop', {...ready, registry})
    expect(asked).toBe(1)
  })

  it('fails loudly, with that line, when the e2e tier is started without root', () => {
    // As root, drop to nobody for the run; otherwise we are already unprivileged.
    const asRoot = process.getuid?.() === 0
    const argv = asRoot ? [
      'setpriv',
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      process.execPath,
      SCRIPT,
      'e2e',
    ] : [process.execPath, SCRIPT, 'e2e']
    const r = spawnSync(argv[0], argv.slice(1), {encoding: 'utf8', cwd: '/', env: {PATH: '/usr/bin:/bin'}, timeout: 30_000})
    expect(r.error).toBeUndefined()
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^${NEEDS.e2e.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')} Missing: root\\b`))
  })
})
