import {readFileSync} from 'node:fs'
import * as path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'

import {runSync} from '../../src/app/sync-token.js'
import {TOK_A} from '../helpers/facts.js'
import {makeHome} from '../helpers/cli.js'
import {startFakeGateway, type FakeGateway} from '../helpers/fake-gateway.js'
import {ctxOf} from '../helpers/in-process.js'
import {resolvePaths} from '../../src/sources/paths.js'

// Issue 11, item 2: `--generate` on a machine whose current server token a live probe accepts
// replaces a token clients use now: it needs --rotate.

const CFG = '.clawdbot/clawdbot.json'
const stops: (() => unknown)[] = []
afterAll(async () => {
  for (const s of stops) await s()
})

describe('sync-token --generate against a live gateway that accepts the current token', () => {
  it('is refused without --rotate (nothing written), and rotates with it', async () => {
    const gw: FakeGateway = await startFakeGateway({token: TOK_A})
    stops.push(() => gw.close())
    const {home, cleanup} = makeHome({[CFG]: JSON.stringify({gateway: {mode: 'local', port: gw.port, auth: {token: TOK_A}}}, null, 2) + '\n'})
    stops.push(cleanup)
    const h = {home, env: {}}
    const ctx = ctxOf(h)
    const paths = resolvePaths(ctx, {})
    const before = readFileSync(path.join(home, CFG), 'utf8')
    const yes = async () => true
    await expect(runSync(ctx, {paths, choice: {kind: 'generate'}, dryRun: false, live: true}, {confirm: yes})).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/live probe/),
    })
    expect(readFileSync(path.join(home, CFG), 'utf8')).toBe(before)
    const o = await runSync(ctx, {paths, choice: {kind: 'generate'}, dryRun: false, live: true, rotate: true}, {confirm: yes})
    expect(o.apply?.error).toBeUndefined()
    expect(JSON.parse(readFileSync(path.join(home, CFG), 'utf8')).gateway.auth.token).not.toBe(TOK_A)
    expect(o.checklist?.join('\n')).toMatch(/gateway\.remote\.token.*\n.*clawdbot dashboard/s)
  })
})
