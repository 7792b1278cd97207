import {readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {describeError} from '../../src/render/error.js'
import {editDistance, suggest} from '../../src/cli/suggest.js'
import {ROOT, runCli} from '../helpers/cli.js'

// Issue 11 item 6: oclif's errors whole, -h and `help` everywhere, "did you mean", --color as chalk defines it.
const env = {HOME: '/nonexistent'}
const COMMANDS = Object.keys((JSON.parse(readFileSync(path.join(ROOT, 'oclif.manifest.json'), 'utf8')) as {commands: object}).commands)

describe('oclif errors are shown whole', () => {
  it.each([
    [
      ['sync-token', '--token-stdin', '--generate'],
      /^clawdoc: The following error occurred: --generate=true cannot also be provided when using --token-stdin\n/,
    ],
    [['restart', '--timeout', 'abc'], /^clawdoc: Parsing --timeout: Expected an integer but received: abc\n/],
    [['restart', '--timeout', '0'], /^clawdoc: Parsing --timeout: Expected an integer greater than or equal to 1 but received: 0\n/],
  ])('%j', async (argv, text) => {
    const human = await runCli(argv, {env})
    expect(human.code).toBe(2)
    expect(human.stderr).toMatch(text)
    const json = await runCli([...argv, '--json'], {env})
    const doc = JSON.parse(json.stdout)
    expect(json.code).toBe(2)
    expect(`clawdoc: ${doc.error.message}\n`).toMatch(text)
    expect(doc).toEqual({schemaVersion: 1, command: argv[0], ok: false, error: {code: 'USAGE', message: expect.any(String), hint: 'See: clawdoc --help'}})
  })

  it('never echoes the value of a secret flag, even when oclif quotes it', () => {
    const err = Object.assign(
      new Error('The following error occurred:\n  --token=s3cr3t-s3cr3t-s3cr3t cannot also be provided\nSee more help with --help'),
      {oclif: {exit: 2}},
    )
    const e = describeError(err, {secrets: ['s3cr3t-s3cr3t-s3cr3t']})
    expect(e.message).not.toContain('s3cr3t-s3cr3t-s3cr3t')
    expect(e.message).toMatch(/^The following error occurred: --token=len=20 sha256:[0-9a-f]{8} cannot also be provided$/)
    expect(describeError(new ClawdocError('USAGE', 'x'), {secrets: ['x']}).message).toBe('x')
  })
})

describe('-h, --help and help work on every command', () => {
  for (const command of COMMANDS) {
    it(command, async () => {
      for (const argv of [[command, '-h'], [command, '--help'], ['help', command]]) {
        const r = await runCli(argv, {env})
        expect({argv, code: r.code, stderr: r.stderr}).toEqual({argv, code: 0, stderr: ''})
        expect(r.stdout).toContain(`$ clawdoc ${command}`)
      }
    })
  }
})

describe('did you mean', () => {
  it('suggests the nearest command for an unknown one (exit 2, JSON with --json)', async () => {
    const r = await runCli(['doctr'], {env})
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^clawdoc: Unknown command "doctr"\.\n {2}Did you mean `clawdoc doctor`\?/)
    const j = await runCli(['sync-tokn', '--json'], {env})
    expect(j.code).toBe(2)
    expect(JSON.parse(j.stdout)).toMatchObject({ok: false, error: {code: 'USAGE', hint: expect.stringMatching(/Did you mean `clawdoc sync-token`\?/)}})
  })

  it('suggests the nearest flag for an unknown one, on every front end', async () => {
    for (const extra of [{}, {CLAWDOC_NO_FAST_PATH: '1'}]) {
      const r = await runCli(['doctor', '--ofline'], {env: {...env, ...extra}})
      expect(r.code).toBe(2)
      expect(r.stderr).toBe('clawdoc: Nonexistent flag: --ofline\n  Did you mean --offline? See: clawdoc doctor --help\n')
    }
    const s = await runCli(['sync-token', '--dryrun', '--json'], {env})
    expect(JSON.parse(s.stdout).error.hint).toMatch(/^Did you mean --dry-run\?/)
  })

  it('only suggests what is close', () => {
    expect(editDistance('ofline', 'offline')).toBe(1)
    expect(editDistance('dcotor', 'doctor')).toBe(1)
    expect(suggest('restrat', ['doctor', 'restart', 'sync-token'])).toBe('restart')
    expect(suggest('zzzzzz', ['doctor', 'restart'])).toBeUndefined()
    expect(suggest('doctor', ['doctor'])).toBeUndefined()
  })
})

describe('--color and --no-color as chalk defines them', () => {
  const ESC = '\u001B['
  it('--color colours a pipe (and beats NO_COLOR); FORCE_COLOR=0 beats --color; --no-color wins over a FORCE_COLOR-less terminal default', async () => {
    for (const extra of [{}, {CLAWDOC_NO_FAST_PATH: '1'}]) {
      const on = await runCli(['doctor', '--offline', '--color'], {env: {...env, ...extra}})
      expect(on.stdout).toContain(ESC)
      const off = await runCli(['doctor', '--offline', '--color'], {env: {...env, ...extra, FORCE_COLOR: '0'}})
      expect(off.stdout).not.toContain(ESC)
      const no = await runCli(['doctor', '--offline', '--no-color'], {env: {...env, ...extra, NO_COLOR: undefined}})
      expect(no.stdout).not.toContain(ESC)
    }
    const ex = await runCli(['explain', '--color', 'gateway closed (1008): unauthorized: gateway token mismatch'], {env})
    expect(ex.stdout).toContain(ESC)
  })
})
