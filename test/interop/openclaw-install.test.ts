import {readFileSync} from 'node:fs'
import * as path from 'node:path'

import {describe, expect, it} from 'vitest'

import {execFile} from '../../src/sources/exec.js'
import {OPENCLAW_RELEASES, ensureOpenclaw, type OpenclawRelease} from '../helpers/openclaw.js'

// Every release of the interop matrix installs (or the suite fails: no skip), runs on the Node it
// was installed with, and is the version asked for. The cold install time is kept in ready.json.
describe.each(Object.keys(OPENCLAW_RELEASES) as OpenclawRelease[])('openclaw %s install', (release) => {
  it('is installed and cached, on its own Node', async () => {
    const t = performance.now()
    const inst = await ensureOpenclaw(release)
    const again = performance.now()
    expect(await ensureOpenclaw(release)).toEqual(inst)
    const cachedMs = performance.now() - again
    expect(cachedMs).toBeLessThan(1000)
    expect(JSON.parse(readFileSync(path.join(inst.pkg, 'package.json'), 'utf8')).version).toBe(release)
    const v = await execFile(inst.node, ['--version'], {timeoutMs: 10_000})
    expect(v.stdout.trim()).toBe(`v${OPENCLAW_RELEASES[release].node}`)
    process.stderr.write(`openclaw ${release}: cold install ${(inst.installMs / 1000).toFixed(1)} s (recorded), this call ${((again - t) / 1000).toFixed(1)} ` +
      `s, cached call ${cachedMs.toFixed(0)} ms\n`)
  }, 600_000)
})
