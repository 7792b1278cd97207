import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import * as path from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {createContext} from '../../src/sources/context.js'
import {ClawdocError} from '../../src/model/errors.js'
import {runSync} from '../../src/app/sync-token.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {CFG, UNIT, productConfig, productUnit} from './corpus.js'

// sync-token re-reads every copy before planning. A FIFO unit used to hang it forever,
// EnvironmentFile=/dev/zero read without end, and a directory or symlink loop crashed (INTERNAL).
let home = ''
afterEach(() => rmSync(home, {recursive: true, force: true}))

function setup(unit: string | undefined, extra?: (home: string) => void): void {
  home = mkdtempSync(path.join(tmpdir(), 'clawdoc-sync-nonreg-'))
  mkdirSync(path.join(home, path.dirname(UNIT)), {recursive: true})
  mkdirSync(path.join(home, path.dirname(CFG)), {recursive: true})
  writeFileSync(path.join(home, CFG), productConfig(), {mode: 0o600})
  if (unit !== undefined) writeFileSync(path.join(home, UNIT), unit)
  extra?.(home)
}

async function dryRun(): Promise<unknown> {
  const ctx = createContext({env: {HOME: home}, home, cwd: home})
  const confirm = async () => false
  return runSync(ctx, {paths: resolvePaths(ctx), choice: {kind: 'from', source: 'auth'}, dryRun: true, live: false}, {confirm}).catch((e: unknown) => e)
}

describe('sync-token refuses unreadable copies with a clear error instead of hanging or crashing', {timeout: 10_000}, () => {
  it.each([
    ['the unit is a FIFO', undefined, (h: string) => execFileSync('mkfifo', [path.join(h, UNIT)]), /clawdbot-gateway\.service \(not a regular file\)/],
    ['the unit is a directory', undefined, (h: string) => mkdirSync(path.join(h, UNIT)), /not a regular file/],
    ['the unit is a symlink loop', undefined, (h: string) => symlinkSync('clawdbot-gateway.service', path.join(h, UNIT)), /ELOOP/],
    ['EnvironmentFile=/dev/zero', productUnit('EnvironmentFile=/dev/zero'), undefined, /\/dev\/zero \(not a regular file\)/],
  ] as const)('%s', async (_name, unit, extra, message) => {
    setup(unit, extra)
    const err = await dryRun()
    expect(err).toBeInstanceOf(ClawdocError)
    expect((err as ClawdocError).code).toBe('UNIT_READ')
    expect((err as ClawdocError).exitCode).toBe(2)
    expect((err as ClawdocError).message).toMatch(message)
  })

  it('a regular setup still plans', async () => {
    setup(productUnit())
    const r = (await dryRun()) as {plan: {blockers: unknown[]}}
    expect(r.plan.blockers).toEqual([])
  })
})
