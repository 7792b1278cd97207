import {afterAll, describe, expect, it} from 'vitest'

import {FAST_COMMAND_NAMES, fastFlags} from '../../src/cli/fast-path.js'
import type {FlagDef, FlagSpec} from '../../src/cli/flag-spec.js'
import {DOCTOR_FLAGS, RESTART_FLAGS, SYNC_TOKEN_FLAGS} from '../../src/cli/specs.js'
import Doctor from '../../src/commands/doctor.js'
import Restart from '../../src/commands/restart.js'
import SyncToken from '../../src/commands/sync-token.js'
import {TOK_A, TOK_B} from '../helpers/facts.js'
import {makeHome, runCli} from '../helpers/cli.js'

// bin/run.js answers `doctor` without loading oclif. Both front ends are generated from one flag spec
// (src/cli/specs.ts); the cases below are derived from that spec, so a new flag is covered by itself:
// every flag, its short form, its negation, each option and a bad one, a missing value. Both paths
// must print exactly the same bytes and exit the same way; whatever the fast path does not
// understand must reach oclif (help, usage errors), which then answers for both.
const FAST_COMMANDS: Record<string, FlagSpec> = {doctor: DOCTOR_FLAGS, 'sync-token': SYNC_TOKEN_FLAGS, restart: RESTART_FLAGS}
const OCLIF_FLAGS: Record<string, Record<string, Record<string, unknown>>> = {doctor: Doctor.flags, 'sync-token': SyncToken.flags, restart: Restart.flags}
/**
 * What every case of a command starts with: nothing on this machine (systemd, /proc, a gateway port) may change the
 * answer between two runs; sync-token takes the fast path for its dry run only, restart (here: no user bus) whenever no spinner is drawn.
 */
const PREFIX: Record<string, string[]> = {doctor: ['--offline'], 'sync-token': ['--dry-run', '--offline'], restart: ['--dry-run']}

const {home, cleanup} = makeHome({
  '.clawdbot/clawdbot.json': `{ gateway: { mode: 'local', auth: { token: '${TOK_A}' }, remote: { token: '${TOK_B}' } } }`,
  '.clawdbot-w/clawdbot.json': `{ gateway: { mode: 'local', auth: { token: '${TOK_A}' } } }`,
})
afterAll(cleanup)

/** Values that reach past validation for flags whose values are free text; any other flag gets 'x'. */
const SAMPLES: Record<string, string[]> = {
  profile: ['w', 'bad/name'],
  only: ['token.auth-vs-remote,config.missing', 'nope.nope'],
  skip: ['unit.missing'],
  explain: ['gateway closed (1008): unauthorized: gateway token mismatch', ''],
  token: [TOK_B, 'x'],
}

function flagCases(name: string, def: FlagDef): string[][] {
  const cases: string[][] = []
  if (def.char) cases.push([`-${def.char}`])
  if (def.type === 'boolean') {
    cases.push([`--${name}`])
    if (def.allowNo) cases.push([`--no-${name}`], [`--${name}`, `--no-${name}`])
  } else if (def.type === 'integer') {
    const ok = def.default ?? (def.min ?? 0) + 1
    cases.push([`--${name}`, String(ok)], [`--${name}=abc`], [`--${name}`])
    if (def.min !== undefined) cases.push([`--${name}`, String(def.min - 1)])
  } else {
    const values = def.options ? [...def.options, 'bogus'] : (SAMPLES[name] ?? ['x'])
    for (const v of values) cases.push([`--${name}`, v])
    cases.push([`--${name}=${values[0]}`], [`--${name}`], [`--${name}`, values[0], `--${name}`, values.at(-1)!])
  }
  for (const other of def.exclusive ?? []) cases.push([...cases[0], `--${other}`])
  return cases
}

/** Measured durations (a probe's round trips) and a --generate'd token are the only bytes allowed to differ between two runs. */
const untimed = (s: string, args: string[]) => {
  const t = s.replace(/"ms": \d+/g, '"ms": 0').replace(/\b\d+ ms\b/g, '0 ms')
  return args.includes('--generate') ? t.replace(/sha256(": "|:)[0-9a-f]{8}/g, 'sha256$1-') : t
}

function derivedCases(spec: FlagSpec): string[][] {
  return [[], ['--bogus-flag'], ['positional'], ...Object.entries(spec).flatMap(([name, def]) => flagCases(name, def))]
}

it('covers every command the fast path takes', () => {
  expect(Object.keys(FAST_COMMANDS).sort()).toEqual([...FAST_COMMAND_NAMES].sort())
})

describe('one flag spec: oclif gets the same flags and defaults', () => {
  for (const [command, spec] of Object.entries(FAST_COMMANDS)) {
    it(command, () => {
      const flags = OCLIF_FLAGS[command]
      expect(Object.keys(flags).filter((f) => f !== 'json').sort()).toEqual(Object.keys(spec).sort())
      for (const [name, def] of Object.entries(spec)) {
        const f = flags[name]
        expect({name, type: f.type, default: f.default, char: f.char, allowNo: f.allowNo ?? false, options: f.options, multiple: f.multiple ?? false}).toEqual({
          name,
          type: def.type === 'boolean' ? 'boolean' : 'option',
          default: def.default,
          char: def.char,
          allowNo: def.type === 'boolean' && def.allowNo === true,
          options: def.type === 'string' && def.options ? [...def.options] : undefined,
          multiple: def.type === 'string' && def.multiple === true,
        })
      }
    })
  }
})

// Concurrent: some 400 short child processes, each mostly waiting on module loading.
// A case the fast path leaves to oclif (fastFlags: undefined) is answered by oclif on both paths, the same code: it is
// enough to know that the fast path declines it, in this process. The first of them for each command still runs both
// ways, to prove bin/run.js hands it over. (The children's stderr is a pipe, not a terminal: hence `false`.)
describe.concurrent('fast path = oclif, byte for byte, on cases derived from the spec', () => {
  for (const [command, spec] of Object.entries(FAST_COMMANDS)) {
    const cases = derivedCases(spec)
    it(`${command}: covers every flag of the spec`, () => {
      for (const name of Object.keys(spec)) expect(
        cases.some((c) => c.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `--no-${name}`)),
        name,
      ).toBe(true)
    })
    let handOverShown = false
    for (const args of cases) {
      for (const json of [[], ['--json']]) {
        const argv = [command, ...PREFIX[command], ...args, ...json]
        const taken = fastFlags(command, argv.slice(1), false) !== undefined
        const spawnBoth = taken || !handOverShown
        handOverShown ||= !taken
        // The title goes to the CI log: a sample token value stays out of it (fake, but a token is never printed).
        const title = `${argv.join(' ').replaceAll(TOK_B, '<token>')}${taken ? '' : ' (left to oclif)'}`
        it(title, async ({expect}) => {
          if (!spawnBoth) return expect(fastFlags(command, argv.slice(1), false)).toBeUndefined()
          const env = {HOME: home}
          const [fast, slow] = await Promise.all([runCli(argv, {env, cwd: home}), runCli(argv, {env: {...env, CLAWDOC_NO_FAST_PATH: '1'}, cwd: home})])
          expect({
            code: fast.code,
            stdout: untimed(fast.stdout, argv),
            stderr: fast.stderr,
          }).toEqual({code: slow.code, stdout: untimed(slow.stdout, argv), stderr: slow.stderr})
        })
      }
    }
  }
})

describe('the cases left to oclif', () => {
  it('are the usage errors and the invocations a command leaves to oclif, not cases the fast path should take', () => {
    const left = Object.entries(FAST_COMMANDS).flatMap(([command, spec]) =>
      derivedCases(spec).filter((args) => fastFlags(command, [...PREFIX[command], ...args], false) === undefined).map((args) => [command, ...args].join(' ')))
    // Each command's plain case, and a flag of each kind the spec defines, is taken (a decline here would hide a bug).
    for (const command of Object.keys(FAST_COMMANDS)) expect(left).not.toContain(command)
    expect(left).toContain('doctor --bogus-flag')
    expect(left).toContain('doctor positional')
    expect(left.length).toBeGreaterThan(30)
    // And every flag of every command has a case the fast path takes (so it is compared byte for byte above), but for
    // those that exclude the cases' own prefix (sync-token --restart with --dry-run: a usage error).
    for (const [command, spec] of Object.entries(FAST_COMMANDS)) {
      const taken = derivedCases(spec).filter((args) => fastFlags(command, [...PREFIX[command], ...args], false) !== undefined)
      const usable = Object.entries(spec).filter(([, def]) => !(def.exclusive ?? []).some((o) => PREFIX[command].includes(`--${o}`)))
      expect(usable.length).toBeGreaterThan(Object.keys(spec).length - 2)
      for (const [name] of usable) {
        expect(taken.some((c) => c.includes(`--${name}`) || c.some((a) => a.startsWith(`--${name}=`))), `${command} --${name}`).toBe(true)
      }
    }
  })
})
