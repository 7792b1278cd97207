import {chmodSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import * as path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A, TOK_B} from '../helpers/facts.js'
import {makeHome, runCli} from '../helpers/cli.js'
import {LOCK_NAME} from '../../src/fix/lock.js'

// Issue 11: one lock place for a set. A sync-token rerun after a crash that only has the unit left to
// write took its lock in the unit's directory, so it ran beside a live clawdoc holding the state dir's
// lock. sync-token, restore and backups --prune must all meet at the same lock, whatever is left to write.

const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const unit = (token: string) =>
  '[Unit]\nDescription=Clawdbot Gateway\n\n[Service]\nExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port 18789\n' +
  `Environment=CLAWDBOT_GATEWAY_TOKEN=${token}\n\n[Install]\nWantedBy=default.target\n`

const cleanups: (() => void)[] = []
afterAll(() => cleanups.forEach((c) => c()))

/** The config already holds the new value (A), the unit still the old one (B): only the unit is left to write. */
function crashedHalfway() {
  const h = makeHome({[CFG]: JSON.stringify({gateway: {mode: 'local', auth: {token: TOK_A}}}, null, 2) + '\n', [UNIT]: unit(TOK_B)})
  cleanups.push(h.cleanup)
  chmodSync(path.join(h.home, UNIT), 0o600)
  const env = {HOME: h.home}
  /** A live clawdoc (this test process) holds the lock of the set, in the state dir. */
  const holdLock = () =>
    writeFileSync(path.join(h.home, '.clawdbot', LOCK_NAME), JSON.stringify({pid: process.pid, startedAt: Date.now()}) + '\n', {mode: 0o600})
  return {h, env, holdLock, unitText: () => readFileSync(path.join(h.home, UNIT), 'utf8')}
}

describe('one lock place for a set (sync-token, restore, backups --prune)', () => {
  it('a sync-token rerun that has only the unit left waits for the lock in the state dir', async () => {
    const s = crashedHalfway()
    s.holdLock()
    const before = s.unitText()
    const r = await runCli(['sync-token', '--yes', '--offline'], {env: s.env, cwd: s.h.home})
    expect(r.stderr).toMatch(new RegExp(`Another clawdoc \\(pid ${process.pid}, started .*\\) is changing these files right now\\.`))
    expect(r.stderr).toContain(`remove ${path.join(s.h.home, '.clawdbot', LOCK_NAME)}.`)
    expect(r.code).not.toBe(0)
    expect(s.unitText()).toBe(before)
    // No second lock beside the unit.
    expect(readdirSync(path.join(s.h.home, path.dirname(UNIT)))).not.toContain(LOCK_NAME)
  })

  it('restore and backups --prune of a unit-only set take the same lock', async () => {
    const s = crashedHalfway()
    // A unit-only set: sync the unit (the config already agrees), which leaves one backup of the unit.
    const synced = await runCli(['sync-token', '--yes', '--offline'], {env: s.env, cwd: s.h.home})
    expect(synced.code, synced.stderr).toBe(0)
    const after = s.unitText()
    s.holdLock()
    const restore = await runCli(['restore', '--yes'], {env: s.env, cwd: s.h.home})
    expect(restore.stderr).toMatch(/Another clawdoc .* is changing these files right now/)
    expect(s.unitText()).toBe(after)
    const prune = await runCli(['backups', '--prune', '0', '--yes'], {env: s.env, cwd: s.h.home})
    expect(prune.stderr).toMatch(/Another clawdoc .* is changing these files right now/)
    expect(readdirSync(path.join(s.h.home, path.dirname(UNIT))).filter((f) => f.includes('.bak'))).toHaveLength(1)
  })
})
