import type {TokenCopy} from './copy.js'
import {configDiscardedFor, type LiveView, type VarParty} from './config-vars.js'
import type {Facts, GatewayConfig} from './facts.js'
import type {Secret} from './secret.js'

// Who uses which token. The precedence of each party is data (PARTY_RULES): an ordered list of the
// places it reads, first usable one wins. A release profile can reorder or drop steps without a
// new `if` anywhere (src/docs/CLAWDBOT.md §4 holds the rules of clawdbot 2026.1.24-3).

export type Party = 'server' | 'local-cli' | 'remote-cli' | 'gateway-tools'

/** Every place a party may take its token (or password) from. */
export type TokenSource =
  /** `--token` on the unit's ExecStart line. */
  | 'exec-start'
  | 'auth-token'
  | 'auth-password'
  | 'remote-token'
  /** The gateway's own environment: the running process, else (and at its next start) the unit's. */
  | 'service-env'
  | 'shell-env'
  | 'cwd-dotenv'
  | 'statedir-dotenv'
  /** `env.CLAWDBOT_GATEWAY_TOKEN` / `env.vars.…` in the config (fills only an empty variable). */
  | 'config-env-block'

export interface PartyToken {
  party: Party
  /** The copy that wins for this party, or undefined when it sends / expects none. */
  copy?: TokenCopy
  /** Where the winning copy comes from. */
  source?: TokenSource
  /** The value the party really uses (clients trim; the server does not). */
  value?: Secret
  /** Why, in one sentence (no secret). */
  reason: string
  /** Server only: the auth mode it resolves to. */
  authMode?: 'token' | 'password' | 'none'
  /**
   * Server in password mode only: the password it checks (undefined when none is set) and why. Its
   * `copy`/`value` above stay the token it would use in token mode; reports show this instead.
   */
  password?: {copy?: TokenCopy; reason: string}
}

export type Parties = Record<Party, PartyToken>

/**
 * The config as one side of the product sees it: undefined when that side discards the file (it then
 * runs on `{}`). Each side resolves `${VAR}` from its own environment (model/config-vars.ts): the
 * gateway (server, in-gateway tools) from its service environment, a CLI from this shell.
 */
export function productConfig(facts: LiveView, view: VarParty = 'gateway'): GatewayConfig | undefined {
  return facts.config.status === 'ok' && !configDiscardedFor(facts, view) ? facts.config.gateway : undefined
}

/** Which side's view of the config each party reads. */
const VIEW: Record<Party, VarParty> = {server: 'gateway', 'gateway-tools': 'gateway', 'local-cli': 'cli', 'remote-cli': 'cli'}

/**
 * When the gateway's token is judged: `running` reads the live process' environment when it could
 * be read; `next-start` reads only the files (what the server takes when it starts again).
 */
export type When = 'running' | 'next-start'

interface Scope {
  facts: Facts
  gw: GatewayConfig | undefined
  discarded: boolean
  when: When
}

type Reason = string | ((won: TokenCopy, scope: Scope) => string)

interface Step {
  from: TokenSource
  /**
   * `non-empty` (default): set and not "" (after trimming, for a party that trims); `set`: not ""
   * as written (an environment variable, which the party may trim later); `present`: "" counts;
   * `any`: whatever is written there.
   */
  accept?: 'non-empty' | 'set' | 'present' | 'any'
  reason: Reason
}

export interface PartyRule {
  party: Party
  /** Clients trim what they send; the server compares its own value untrimmed. */
  trims: boolean
  /** Only in this gateway.mode (`local` = anything but remote); otherwise the party sends nothing. */
  mode?: 'local' | 'remote'
  /** Why the party sends nothing when `mode` does not hold. */
  otherMode?: string
  steps: Step[]
  /** Why, when no step has a usable value. */
  none: string | ((scope: Scope) => string)
}

const discardedNote = (s: Scope) => (s.discarded ? ' (the config is discarded by the product)' : '')

/** A gateway process' environment: its own (process, else unit), then <stateDir>/.env, then the env block. */
const SERVICE_ENV: TokenSource[] = ['service-env', 'statedir-dotenv', 'config-env-block']
/** A CLI started from this shell: the shell, then ./.env, then <stateDir>/.env, then the env block. */
const CLI_ENV: TokenSource[] = ['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block']

const steps = (sources: TokenSource[], reason: Reason, accept?: Step['accept']): Step[] => sources.map((from) => ({from, reason, accept}))

/**
 * The precedence of every party (src/docs/CLAWDBOT.md §4), in order:
 * - server: `--token` (ExecStart) ?? gateway.auth.token ?? env — untrimmed, and `""` counts;
 * - local CLI: env (trimmed) > gateway.auth.token; remote CLI: gateway.remote.token only;
 * - in-gateway tools (browser, cron, ...): the service env first, then auth.token.
 */
export const PARTY_RULES: readonly PartyRule[] = [
  {
    party: 'server',
    trims: false,
    steps: [
      {from: 'exec-start', reason: '--token in the unit\'s ExecStart overrides the config and the environment'},
      {from: 'auth-token', accept: 'present', reason: 'gateway.auth.token is set (it wins over CLAWDBOT_GATEWAY_TOKEN)'},
      ...steps(SERVICE_ENV, (_c, s) => `no gateway.auth.token${discardedNote(s)}, so the service environment is used`),
    ],
    none: (s) =>
      s.discarded
        ? 'the product discards the config (see config.invalid), so gateway.auth.token is not used, and no env token is set'
        : 'no token anywhere the server looks',
  },
  {
    party: 'local-cli',
    trims: true,
    mode: 'local',
    otherMode: 'gateway.mode is remote: the CLI connects to gateway.remote.url instead',
    steps: [
      ...steps(CLI_ENV, (c) => `${c.label} wins over gateway.auth.token for the CLI`),
      {from: 'auth-token', reason: 'no CLAWDBOT_GATEWAY_TOKEN in the environment, so gateway.auth.token is used'},
    ],
    none: 'no token: the CLI sends none',
  },
  {
    party: 'remote-cli',
    trims: true,
    mode: 'remote',
    otherMode: 'gateway.mode is not remote: gateway.remote.token is not used',
    steps: [{from: 'remote-token', reason: 'gateway.mode is remote: only gateway.remote.token is sent (the environment is ignored)'}],
    none: 'gateway.mode is remote but gateway.remote.token is not set',
  },
  {
    party: 'gateway-tools',
    trims: true,
    steps: [
      ...steps(SERVICE_ENV, 'the service environment token wins over gateway.auth.token for in-gateway tools', 'set'),
      {from: 'auth-token', reason: 'no CLAWDBOT_GATEWAY_TOKEN in the service environment, so gateway.auth.token is used'},
    ],
    none: 'no token',
  },
]

/** Where the server finds a password (password mode wins when auth.mode is unset). */
const SERVER_PASSWORD: Step[] = [{from: 'auth-password', accept: 'any', reason: ''}, ...steps(SERVICE_ENV, '')]

function envCopy(list: TokenCopy[], secret: 'token' | 'password'): TokenCopy | undefined {
  return list.find((c) => c.secret === secret)
}

function read(from: TokenSource, secret: 'token' | 'password', s: Scope): TokenCopy | undefined {
  const {facts, gw} = s
  switch (from) {
    case 'exec-start':
      return facts.unit.execToken
    case 'auth-token':
      return gw?.authToken
    case 'auth-password':
      return gw?.authPassword
    case 'remote-token':
      return gw?.remoteToken
    case 'service-env': {
      // Only the token is read from the running process' environment; a password comes from the unit.
      if (secret === 'password') return facts.unit.password
      const running = s.when === 'running' && facts.service.processEnvStatus === 'ok'
      return running ? facts.service.processToken : facts.unit.token
    }
    case 'shell-env':
      return envCopy(facts.env.shell, secret)
    case 'cwd-dotenv':
      return envCopy(facts.env.cwdDotenv.copies, secret)
    case 'statedir-dotenv':
      return envCopy(facts.env.stateDirDotenv.copies, secret)
    case 'config-env-block':
      return gw ? envCopy(facts.config.envBlock, secret) : undefined
  }
}

/** Does this copy count? The product's clients treat "" (after trim) as unset; an object never counts. */
function accepts(copy: TokenCopy | undefined, how: Step['accept'], trims: boolean): copy is TokenCopy {
  if (!copy) return false
  if (how === 'any') return true
  if (copy.nonString === 'object') return false
  if (how === 'present') return true
  if (copy.nonString === 'null') return false
  return !(trims && how !== 'set' ? copy.value.trimmed() : copy.value).isEmpty
}

function firstStep(list: readonly Step[], secret: 'token' | 'password', trims: boolean, s: Scope): {step: Step; copy: TokenCopy} | undefined {
  for (const step of list) {
    const copy = read(step.from, secret, s)
    if (accepts(copy, step.accept, trims)) return {step, copy}
  }
  return undefined
}

function resolveParty(rule: PartyRule, s: Scope): PartyToken {
  const isRemote = s.gw?.mode === 'remote'
  if (rule.mode !== undefined && (rule.mode === 'remote') !== isRemote) return {party: rule.party, reason: rule.otherMode ?? ''}
  const won = firstStep(rule.steps, 'token', rule.trims, s)
  if (!won) return {party: rule.party, reason: typeof rule.none === 'string' ? rule.none : rule.none(s)}
  const {step, copy} = won
  return {
    party: rule.party,
    copy,
    source: step.from,
    value: rule.trims ? copy.value.trimmed() : copy.value,
    reason: typeof step.reason === 'string' ? step.reason : step.reason(copy, s),
  }
}

/** The server's auth mode: auth.mode ?? (a password → password; a token → token; else none). */
function authMode(server: PartyToken, s: Scope): Pick<PartyToken, 'authMode' | 'password'> {
  const explicit = s.gw?.authMode
  const password = firstStep(SERVER_PASSWORD, 'password', false, s)?.copy
  const set = password && !password.value.isEmpty ? password : undefined
  if (explicit === 'password' || (explicit === undefined && set)) {
    const why = explicit === 'password' ? 'gateway.auth.mode is password' : 'a password is set and gateway.auth.mode is not'
    const reason = set
      ? `${why}: the server checks the password ${set.label}; no token is used`
      : `${why}, but no password is set: every client is refused`
    return {authMode: 'password', password: {copy: set, reason}}
  }
  if (explicit === 'token') return {authMode: 'token'}
  return {authMode: server.copy && !server.copy.value.isEmpty ? 'token' : 'none'}
}

function scopeOf(facts: Facts, when: When, view: VarParty): Scope {
  return {facts, gw: productConfig(facts, view), discarded: facts.config.status === 'ok' && configDiscardedFor(facts, view), when}
}

const SERVER_RULE = PARTY_RULES.find((r) => r.party === 'server')!

/** The token the gateway server uses (`running`) or takes at its next start: the one server-token rule. */
export function resolveServer(facts: Facts, when: When = 'running'): PartyToken {
  const s = scopeOf(facts, when, VIEW.server)
  const server = resolveParty(SERVER_RULE, s)
  return {...server, ...authMode(server, s)}
}

/** Which token each party really uses, as the gateway runs now. */
export function resolveParties(facts: Facts): Parties {
  const out = {} as Parties
  for (const rule of PARTY_RULES) {
    out[rule.party] = rule === SERVER_RULE ? resolveServer(facts, 'running') : resolveParty(rule, scopeOf(facts, 'running', VIEW[rule.party]))
  }
  return out
}

/** Does a client value match what the server expects? (server untrimmed, exact) */
export function serverAccepts(server: PartyToken, clientValue: PartyToken['value']): boolean | undefined {
  if (server.authMode === 'none') return true
  if (server.authMode === 'password') return undefined
  if (!server.value || !clientValue) return false
  return server.value.equals(clientValue)
}
