import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {gatherFacts} from '../../src/sources/gather.js'
import {resolvePaths} from '../../src/sources/paths.js'

// Real files: FIFOs, devices and symlink loops cannot be faked faithfully in memfs.
// Before the fix a FIFO anywhere hung doctor forever, /dev/zero as an $include ran out of memory
// ("Invalid string length") and a config symlink loop crashed with ELOOP (INTERNAL).
let home = ''
afterEach(() => rmSync(home, {recursive: true, force: true}))

function setup(files: Record<string, string>): string {
  home = mkdtempSync(path.join(tmpdir(), 'clawdoc-nonreg-'))
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(home, rel)), {recursive: true})
    writeFileSync(path.join(home, rel), text)
  }
  mkdirSync(path.join(home, '.clawdbot'), {recursive: true})
  mkdirSync(path.join(home, '.config/systemd/user'), {recursive: true})
  return home
}
const mkfifo = (rel: string) => execFileSync('mkfifo', [path.join(home, rel)])

async function gather(env: Record<string, string> = {}) {
  const ctx = createContext({env: {HOME: home, ...env}, home, cwd: home, fs: fsp})
  return gatherFacts(ctx, {paths: resolvePaths(ctx), live: false, probe: false})
}

describe('non-regular files never hang or crash the readers', {timeout: 10_000}, () => {
  it('a FIFO as the config, the unit, the .env and device-auth.json', async () => {
    setup({})
    for (const f of ['.clawdbot/clawdbot.json', '.config/systemd/user/clawdbot-gateway.service', '.clawdbot/.env']) mkfifo(f)
    mkdirSync(path.join(home, '.clawdbot/identity'))
    mkfifo('.clawdbot/identity/device-auth.json')
    const f = await gather()
    expect(f.config.status).toBe('unreadable')
    expect(f.config.error?.message).toMatch(/not a regular file/)
    expect(f.unit.status).toBe('unreadable')
    expect(f.unit.error?.message).toMatch(/not a regular file/)
    expect(f.env.stateDirDotenv.status).toBe('unreadable')
  })

  it.each([['/dev/zero'], ['./fifo'], ['/etc']])('$include of %s is an include error', async (spec) => {
    setup({'.clawdbot/clawdbot.json': JSON.stringify({$include: spec})})
    mkfifo('.clawdbot/fifo')
    const f = await gather()
    expect(f.config.status).toBe('ok')
    expect(f.config.includeErrors.map((e) => e.message)).toEqual([expect.stringMatching(/Failed to read include file: .*not a regular file/)])
    expect(f.config.discardedByProduct).toBe(true)
  })

  it('CLAWDBOT_CONFIG_PATH=/dev/zero is unreadable, not an endless read', async () => {
    setup({})
    const f = await gather({CLAWDBOT_CONFIG_PATH: '/dev/zero'})
    expect(f.config.status).toBe('unreadable')
  })

  it('a config symlink loop is "unreadable" with a clear reason (was INTERNAL: ELOOP)', async () => {
    setup({})
    symlinkSync('clawdbot.json', path.join(home, '.clawdbot/clawdbot.json'))
    const f = await gather()
    expect(f.config.status).toBe('unreadable')
    expect(f.config.error?.message).toMatch(/symlink loop/)
    expect(f.alternates).toEqual([])
  })
})
