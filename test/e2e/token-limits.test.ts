// Measures, on a real systemd --user manager (systemd 252 here), the two limits that bound the
// length of a gateway token written into a unit: systemd's longest unit line (LONG_LINE_MAX) and
// the kernel's limit on one environment string (MAX_ARG_STRLEN, 32 pages including NAME= and NUL).
// The constants in src/fix/token-value.ts cite this test.
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {LONG_LINE_MAX, MAX_ARG_STRLEN, MAX_TOKEN_BYTES} from '../../src/fix/token-value.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

const UNIT = 'clawdoc-e2e-limits.service'
const VAR = 'CLAWDBOT_GATEWAY_TOKEN'

let um: UserManager
beforeAll(async () => {
  um = await startUserManager()
})
afterAll(async () => {
  await um?.stop()
})

function unit(envLine: string, out: string): string {
  return [
    '[Unit]',
    'Description=clawdoc e2e limits',
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=/bin/sh -c 'printf %%s "$\${#${VAR}}" > ${out}'`,
    envLine,
    '',
  ].join('\n')
}

/** Does systemd load a unit whose Environment= line is exactly `n` characters long (newline excluded)? */
async function lineLoads(n: number): Promise<boolean> {
  const head = `Environment=${VAR}=`
  await um.writeUnit(UNIT, unit(head + 'a'.repeat(n - head.length), path.join(um.scratch, 'unused')))
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  const r = await um.systemctl('show', UNIT, '--property=LoadState,Environment')
  // A line that is too long fails the whole unit; a loaded unit must also carry the variable.
  return /^LoadState=loaded$/m.test(r.stdout) && r.stdout.includes(`${VAR}=aaaa`)
}

/** Does a service whose token is `n` bytes start (execve succeeds) and see the whole value? */
async function tokenStarts(n: number): Promise<boolean> {
  const out = path.join(um.scratch, `len-${n}`)
  await um.writeUnit(UNIT, unit(`Environment=${VAR}=${'a'.repeat(n)}`, out))
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  const r = await um.systemctl('start', UNIT)
  if (r.code !== 0) {
    await um.systemctl('reset-failed', UNIT)
    return false
  }
  const {readFile} = await import('node:fs/promises')
  expect(await readFile(out, 'utf8')).toBe(String(n))
  return true
}

/** The largest n in [lo, hi] with ok(n), given ok(lo) and !ok(hi). */
async function boundary(lo: number, hi: number, ok: (n: number) => Promise<boolean>): Promise<number> {
  expect(await ok(lo)).toBe(true)
  expect(await ok(hi)).toBe(false)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (await ok(mid)) lo = mid
    else hi = mid
  }
  return lo
}

describe('token length limits measured on the real user manager', () => {
  it('the kernel refuses one environment string longer than MAX_ARG_STRLEN (NAME=value plus NUL)', {timeout: 240_000}, async () => {
    const longest = await boundary(100_000, 140_000, tokenStarts)
    // Measured on systemd 252 / Linux 4K pages: 131048 starts, 131049 fails with E2BIG.
    expect(longest).toBe(MAX_ARG_STRLEN - `${VAR}=`.length - 1)
    expect(longest).toBe(MAX_TOKEN_BYTES)
  })

  it('systemd keeps an Environment= assignment only on a line shorter than LONG_LINE_MAX', {timeout: 240_000}, async () => {
    const longest = await boundary(1_000_000, 1_100_000, lineLoads)
    // Measured on systemd 252: a 1048559-character line is kept; from 1048560 on, the unit still
    // loads but the assignment is silently dropped (17 bytes under LONG_LINE_MAX = 1 MiB).
    expect(longest).toBeGreaterThan(LONG_LINE_MAX - 64)
    expect(longest).toBeLessThan(LONG_LINE_MAX)
    // Even escaped (every character doubled by \\ or %%), the longest token fits one line.
    expect(2 * MAX_TOKEN_BYTES + 64).toBeLessThan(longest)
    // The 2,000,000-character token: the service would not get it at all.
    await um.writeUnit(UNIT, unit(`Environment=${VAR}=${'a'.repeat(2_000_000)}`, path.join(um.scratch, 'unused')))
    expect((await um.systemctl('daemon-reload')).code).toBe(0)
    const r = await um.systemctl('show', UNIT, '--property=LoadState,Environment')
    expect(r.stdout).not.toContain(`${VAR}=aaaa`)
  })
})
