import fc from 'fast-check'

import type {Facts} from '../../src/model/facts.js'
import type {Place} from '../../src/model/place.js'
import {copy, makeFacts} from './facts.js'

// Random placements of a few distinct tokens over every place a token can live, as data. Two
// consumers: the party property test builds Facts directly (fast), the Next:-line test writes the
// same setup to a temp HOME and lets the real readers find it.

export const SOURCES = [
  'auth', // gateway.auth.token
  'remote', // gateway.remote.token
  'envBlock', // env.CLAWDBOT_GATEWAY_TOKEN in the config
  'shell', // the shell clawdoc runs in
  'cwdDotenv', // ./.env
  'stateDotenv', // <stateDir>/.env
  'unitEnv', // Environment= in the unit
  'dropIn', // Environment= in a drop-in (overrides the unit)
  'envFile', // EnvironmentFile= (overrides Environment=)
  'execStart', // --token on ExecStart
  'process', // the running process' environment (when it differs from the files: not restarted)
] as const
export type Source = (typeof SOURCES)[number]

export interface Setup {
  /** Distinct token values; `at` holds indexes into it. */
  tokens: string[]
  at: Partial<Record<Source, number>>
  mode: 'local' | 'remote'
  /** gateway.remote.url: this machine (loopback) or another host. */
  remoteUrl: 'loopback' | 'far'
  unitInstalled: boolean
  running: boolean
  /** The product discards the config (a fatal schema error): its tokens and mode do not count. */
  discarded: boolean
}

/** An obviously fake 48-hex token per index (distinct, no whitespace, no special characters). */
export function fakeToken(i: number): string {
  return `${'0123456789abcdef'[i % 16]}${String(i).padStart(3, '0')}`.repeat(12)
}

const UNIT_ONLY: Source[] = ['unitEnv', 'dropIn', 'envFile', 'execStart', 'process']

export function setupArb(opts: {discarded?: boolean} = {}): fc.Arbitrary<Setup> {
  return fc
    .integer({min: 2, max: 4})
    .chain((k) =>
      fc.record({
        tokens: fc.constant(Array.from({length: k}, (_, i) => fakeToken(i))),
        at: fc.record(
          Object.fromEntries(SOURCES.map((s) => [s, fc.option(fc.nat(k - 1), {nil: undefined, freq: 2})])) as Record<Source, fc.Arbitrary<number | undefined>>,
          {requiredKeys: []},
        ),
        mode: fc.constantFrom('local' as const, 'remote' as const),
        remoteUrl: fc.constantFrom('loopback' as const, 'far' as const),
        unitInstalled: fc.boolean(),
        running: fc.boolean(),
        discarded: opts.discarded === false ? fc.constant(false) : fc.boolean(),
      }),
    )
    .map((s) => {
      const at = Object.fromEntries(Object.entries(s.at).filter(([, v]) => v !== undefined)) as Setup['at']
      // No unit: no unit copies and no service. Not running: no process environment.
      if (!s.unitInstalled) for (const u of UNIT_ONLY) delete at[u]
      if (!s.unitInstalled || !s.running) delete at.process
      return {...s, at, running: s.unitInstalled && s.running}
    })
}

const CFG = '/h/.clawdbot/clawdbot.json'
const UNIT = '/h/.config/systemd/user/clawdbot-gateway.service'
const DROPIN = '/h/.config/systemd/user/clawdbot-gateway.service.d/10-token.conf'
const ENVFILE = '/h/.config/clawdbot/gateway.env'

/** The unit's effective CLAWDBOT_GATEWAY_TOKEN as systemd resolves it: EnvironmentFile= > drop-in > unit. */
export function unitEffective(s: Setup): {source: Source; value: number} | undefined {
  for (const src of ['envFile', 'dropIn', 'unitEnv'] as const) if (s.at[src] !== undefined) return {source: src, value: s.at[src]!}
  return undefined
}

/** Facts as the readers would report them for this setup (offline parts filled in by hand). */
export function factsOf(s: Setup): Facts {
  const tok = (src: Source) => s.tokens[s.at[src]!]
  const has = (src: Source) => s.at[src] !== undefined
  const cfgPlace = (key: string, line: number): Place => ({kind: 'config', file: CFG, line, key})
  return makeFacts((f) => {
    f.config.discardedByProduct = s.discarded
    if (s.discarded) f.config.schemaErrors = [{message: 'gateway has unknown key "x"', place: {kind: 'config', file: CFG}, fatal: true}]
    f.config.gateway = {
      mode: s.mode,
      remoteUrl: s.remoteUrl === 'loopback' ? 'ws://127.0.0.1:18789' : 'wss://gw.example.net',
      authToken: has('auth') ? copy('config.auth.token', tok('auth'), {label: 'gateway.auth.token', place: cfgPlace('gateway.auth.token', 3)}) : undefined,
      remoteToken: has('remote')
        ? copy('config.remote.token', tok('remote'), {label: 'gateway.remote.token', place: cfgPlace('gateway.remote.token', 4)})
        : undefined,
      places: {},
    }
    const envPlace = cfgPlace('env.CLAWDBOT_GATEWAY_TOKEN', 6)
    f.config.envBlock = has('envBlock') ? [copy('config.env', tok('envBlock'), {label: 'env.CLAWDBOT_GATEWAY_TOKEN', place: envPlace})] : []
    f.env.shell = has('shell') ? [copy('shell.env', tok('shell'), {label: '$CLAWDBOT_GATEWAY_TOKEN'})] : []
    const dotenv = (src: 'cwdDotenv' | 'stateDotenv', id: 'cwd.dotenv' | 'statedir.dotenv', file: string, label: string) => ({
      path: file,
      status: has(src) ? ('ok' as const) : ('missing' as const),
      copies: has(src) ? [copy(id, tok(src), {label, place: {kind: 'dotenv', file, line: 1}})] : [],
    })
    f.env.cwdDotenv = dotenv('cwdDotenv', 'cwd.dotenv', '/h/work/.env', 'CLAWDBOT_GATEWAY_TOKEN in ./.env')
    f.env.stateDirDotenv = dotenv('stateDotenv', 'statedir.dotenv', '/h/.clawdbot/.env', 'CLAWDBOT_GATEWAY_TOKEN in <stateDir>/.env')
    f.paths.cwd = '/h/work'
    if (!s.unitInstalled) {
      f.unit = {...f.unit, status: 'missing', token: undefined, execToken: undefined, dropIns: [], envFiles: []}
      f.service = {unit: f.unit.name, status: 'ok', loadState: 'not-found', activeState: 'inactive', subState: 'dead', processEnvStatus: 'no-process'}
      f.port = {...f.port, listening: false, listeners: []}
      return
    }
    const places: Record<'unitEnv' | 'dropIn' | 'envFile', Place> = {
      unitEnv: {kind: 'unit', file: UNIT, line: 7, variable: 'CLAWDBOT_GATEWAY_TOKEN'},
      dropIn: {kind: 'unit', file: DROPIN, line: 2, variable: 'CLAWDBOT_GATEWAY_TOKEN'},
      envFile: {kind: 'env-file', file: ENVFILE, line: 1, variable: 'CLAWDBOT_GATEWAY_TOKEN'},
    }
    const eff = unitEffective(s)
    const shadowed = (['unitEnv', 'dropIn', 'envFile'] as const).filter((x) => has(x) && x !== eff?.source).map((x) => places[x])
    f.unit.dropIns = has('dropIn') ? [DROPIN] : []
    f.unit.envFiles = has('envFile') ? [{path: ENVFILE, optional: false, status: 'ok', place: {kind: 'unit', file: UNIT, line: 8}}] : []
    f.unit.token = eff
      ? copy('unit.env', s.tokens[eff.value], {
          label: 'CLAWDBOT_GATEWAY_TOKEN (unit)',
          place: places[eff.source as 'unitEnv' | 'dropIn' | 'envFile'],
          origin: eff.source === 'envFile' ? {type: 'env-file'} : {type: 'literal'},
          shadowed: shadowed.length ? shadowed : undefined,
        })
      : undefined
    const execPlace: Place = {kind: 'unit', file: UNIT, line: 5}
    f.unit.execToken = has('execStart') ? copy('unit.exec-start', tok('execStart'), {label: 'ExecStart --token', place: execPlace}) : undefined
    const managerValue = eff && eff.source !== 'envFile' ? s.tokens[eff.value] : undefined
    f.service.managerToken = managerValue ? copy('service.manager-env', managerValue) : undefined
    if (!s.running) {
      f.service = {...f.service, activeState: 'inactive', subState: 'dead', mainPid: undefined, processToken: undefined, processEnvStatus: 'no-process'}
      f.port = {...f.port, listening: false, listeners: []}
      return
    }
    const processValue = has('process') ? tok('process') : eff ? s.tokens[eff.value] : undefined
    f.service.processToken = processValue ? copy('service.process-env', processValue) : undefined
  })
}
