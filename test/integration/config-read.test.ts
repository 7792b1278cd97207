import {chmod, copyFile, cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile} from 'node:fs/promises'
import * as fsp from 'node:fs/promises'
import {tmpdir} from 'node:os'
import * as path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {setJsonString} from '../../src/formats/json5/edit.js'
import {Secret} from '../../src/model/secret.js'
import {readConfig} from '../../src/sources/config/read.js'

const FIXTURES = fileURLToPath(new URL('../fixtures/configs/', import.meta.url))
const FAKE_A = 'fake0000aaaa'.repeat(4)
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'clawdoc-config-'))
  await cp(FIXTURES, dir, {recursive: true})
})
afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
})

const read = (file: string, env: Record<string, string> = {}) =>
  readConfig({fs: fsp, env}, {configPath: path.join(dir, file), home: dir, cwd: dir, stateDir: path.join(dir, 'state')})

describe('readConfig on real files', () => {
  it('reads a product-written config and records its mode', async () => {
    await chmod(path.join(dir, 'product-written.json'), 0o600)
    const f = await read('product-written.json')
    expect(f).toMatchObject({status: 'ok', discardedByProduct: false, mode: 0o600, schemaErrors: []})
    expect(f.gateway.authToken!.value.equals(new Secret(FAKE_A))).toBe(true)
    expect(f.gateway.remoteToken!.place).toMatchObject({line: 19, column: 16})
    expect(f.channels.map((c) => c.id)).toEqual(['telegram'])
  })

  it('reads CRLF JSON5 with comments and a ${VAR} from an include', async () => {
    const f = await read('commented.json5', {CLAWDOC_TEST_REMOTE: FAKE_A})
    expect(f.status).toBe('ok')
    expect(f.files).toEqual([path.join(dir, 'commented.json5'), path.join(dir, 'includes/remote.json5')])
    expect(f.gateway.authToken!.place).toMatchObject({line: 6, column: 14})
    expect(f.gateway.remoteToken!.origin).toMatchObject({type: 'config-var', variable: 'CLAWDOC_TEST_REMOTE'})
    expect(f.gateway.remoteToken!.place).toMatchObject({file: path.join(dir, 'includes/remote.json5'), line: 1, column: 63})
    expect(f.gateway.remoteToken!.value.equals(f.gateway.authToken!.value)).toBe(true)
    expect(f.discardedByProduct).toBe(false)
    const unset = await read('commented.json5')
    expect(unset.varErrors.map((e) => [e.variable, e.reason])).toEqual([['CLAWDOC_TEST_REMOTE', 'unset']])
  })

  it('flags the legacy token, an unknown channel and a numeric token as fatal', async () => {
    for (const [file, key] of [
      ['legacy-token.json', 'gateway.token'],
      ['dingtalk-no-plugin.json', 'channels.dingtalk'],
      ['numeric-token.json', 'gateway.auth.token'],
    ]) {
      const f = await read(file)
      expect(f.schemaErrors.map((e) => e.place.key), file).toEqual([key])
      expect(f.discardedByProduct, file).toBe(true)
    }
  })

  it('reads through a symlink and reports a directory as unreadable', async () => {
    await symlink(path.join(dir, 'product-written.json'), path.join(dir, 'link.json'))
    expect((await read('link.json')).status).toBe('ok')
    await mkdir(path.join(dir, 'adir.json'))
    expect((await read('adir.json')).status).toBe('unreadable')
  })

  it('mode 000: unreadable for a normal user; root (uid 0) still reads it', async () => {
    const file = path.join(dir, 'locked.json')
    await copyFile(path.join(dir, 'product-written.json'), file)
    await chmod(file, 0o000)
    const f = await read('locked.json')
    expect(f.mode).toBe(0)
    if (process.getuid?.() === 0) expect(f.status).toBe('ok')
    else expect(f.status).toBe('unreadable')
  })

  it('edits a real JSON5 file losslessly and the reader sees the new token', async () => {
    const file = path.join(dir, 'commented.json5')
    const before = await readFile(file, 'utf8')
    const next = new Secret('fake2222cccc'.repeat(4))
    const after = setJsonString(before, ['gateway', 'auth', 'token'], next)
    expect(after).toBe(before.replace(FAKE_A, next.reveal()))
    await writeFile(`${file}.tmp`, after)
    await fsp.rename(`${file}.tmp`, file)
    const f = await read('commented.json5', {CLAWDOC_TEST_REMOTE: FAKE_A})
    expect(f.gateway.authToken!.value.equals(next)).toBe(true)
    expect((await stat(file)).size).toBe(Buffer.byteLength(before))
  })
})
