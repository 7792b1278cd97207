import type {TokenCopy} from './copy.js'
import type {Party, TokenSource} from './party.js'
import {configDiscardedFor, type LiveView, type VarParty} from './config-vars.js'
import type {Facts, GatewayConfig} from './facts.js'
import type {Secret} from './secret.js'
import {profileOf, type ReleaseProfile} from './profiles/index.js'

// Who uses which token. The precedence of each party is data: the release profile in play gives the
// ordered list of the places it reads (profile.parties, first usable one wins) and where a legacy name
// is read (profile.legacyReads); PARTY_RULES says how each place is taken and why. A release reorders
// or drops steps without a new `if` anywhere (src/docs/CLAWDBOT.md §4, src/model/profiles/data/*.ts).

export type {Party, TokenSource} from './party.js'

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
  /** The release in play: its names, its order per party, the sources where a legacy name is read. */
  profile: ReleaseProfile
}

/** What a reason may look at: the step's source, the party's order, and the copy the winner beat (the next usable one). */
interface StepContext {
  from: TokenSource
  order: readonly TokenSource[]
  beaten?: TokenCopy
}

type Reason = string | ((won: TokenCopy, scope: Scope, step: StepContext) => string)

/**
 * How a party takes one source: `non-empty` (default): set and not "" (after trimming, for a party that
 * trims); `set`: not "" as written (an environment variable, which the party may trim later); `present`:
 * "" counts; `any`: whatever is written there.
 */
interface SourceRule {
  accept?: 'non-empty' | 'set' | 'present' | 'any'
  reason: Reason
}

interface Step extends SourceRule {
  from: TokenSource
}

export interface PartyRule {
  party: Party
  /** Clients trim what they send; the server compares its own value untrimmed. */
  trims: boolean
  /** Only in this gateway.mode (`local` = anything but remote); otherwise the party sends nothing. */
  mode?: 'local' | 'remote'
  /** Why the party sends nothing when `mode` does not hold. */
  otherMode?: string
  /**
   * How the party takes each source it may read (accept rule, reason). The ORDER, and which sources a release
   * reads at all, come from the release profile (`profile.parties`): one precedence model for every release.
   */
  sources: Partial<Record<TokenSource, SourceRule>>
  /** Why, when no step has a usable value. */
  none: string | ((scope: Scope, order: readonly TokenSource[]) => string)
}

const discardedNote = (s: Scope) => (s.discarded ? ' (the config is discarded by the product)' : '')

/** The environment sources (a gateway's own, a CLI's shell, the .env files, the config's env block). */
const ENV_SOURCES: readonly TokenSource[] = ['service-env', 'shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block']

/** Does the party's order read `a` before `b` (both read)? */
function readsBefore(order: readonly TokenSource[], a: TokenSource | readonly TokenSource[], b: TokenSource | readonly TokenSource[]): boolean {
  const at = (x: TokenSource | readonly TokenSource[]) =>
    (typeof x === 'string' ? [x] : x).map((t) => order.indexOf(t)).filter((i) => i >= 0)
  const ia = at(a)
  const ib = at(b)
  return ia.length > 0 && ib.length > 0 && Math.min(...ia) < Math.min(...ib)
}

const tokenVar = (s: Scope) => s.profile.names.tokenVar

/** How a message names a source (no value). */
function sourceName(from: TokenSource, s: Scope): string {
  switch (from) {
    case 'exec-start':
      return '--token in ExecStart'
    case 'auth-token':
      return 'gateway.auth.token'
    case 'auth-password':
      return 'gateway.auth.password'
    case 'remote-token':
      return 'gateway.remote.token'
    case 'service-env':
    case 'shell-env':
      return tokenVar(s)
    case 'cwd-dotenv':
      return './.env'
    case 'statedir-dotenv':
      return '<stateDir>/.env'
    case 'config-env-block':
      return `env.${tokenVar(s)}`
  }
}

function orList(items: string[]): string {
  const u = items.filter((x, i) => items.indexOf(x) === i)
  return u.length <= 1 ? (u[0] ?? '') : `${u.slice(0, -1).join(', ')} or ${u.at(-1)}`
}

/** The releases a profile covers, as a rule is cited: `openclaw 2026.3.22+`. */
export function releaseSpan(profile: ReleaseProfile): string {
  return profile.range.until ? `${profile.product} ${profile.range.from} to ${profile.range.until} (exclusive)` : `${profile.product} ${profile.range.from}+`
}

/** The server and the in-gateway tools read the gateway's own environment; the server's reason. */
const serverEnv: Reason = (c, s, st) =>
  readsBefore(st.order, 'auth-token', st.from)
    ? `no gateway.auth.token${discardedNote(s)}, so the service environment is used`
    : `${c.label} wins over gateway.auth.token for the server`

const cliEnv: Reason = (c, s, st) =>
  readsBefore(st.order, st.from, 'auth-token') ? `${c.label} wins over gateway.auth.token for the CLI` : `no gateway.auth.token, so the CLI uses ${c.label}`

const toolsEnv: Reason = (_c, _s, st) =>
  readsBefore(st.order, st.from, 'auth-token')
    ? 'the service environment token wins over gateway.auth.token for in-gateway tools'
    : 'no gateway.auth.token, so in-gateway tools use the service environment'

const remoteEnv: Reason = (c) => `gateway.mode is remote and gateway.remote.token is not set, so ${c.label} is sent`

const each = (sources: readonly TokenSource[], rule: SourceRule): Partial<Record<TokenSource, SourceRule>> =>
  Object.fromEntries(sources.map((from) => [from, rule]))

/**
 * How every party takes each source (src/docs/CLAWDBOT.md §4 for clawdbot; src/model/profiles/data/*.ts for openclaw).
 * The order is the profile's; the reasons follow it (a source read before gateway.auth.token "wins over" it):
 * - server: `--token` (ExecStart) ?? gateway.auth.token ?? env — untrimmed, and `""` counts;
 * - local CLI: env (trimmed) > gateway.auth.token on clawdbot and early openclaw, the reverse from openclaw 2026.3.22;
 * - remote CLI: gateway.remote.token first (on openclaw then the env, then gateway.auth.token);
 * - in-gateway tools (browser, cron, ...): the service env and auth.token, in the profile's order.
 */
export const PARTY_RULES: readonly PartyRule[] = [
  {
    party: 'server',
    trims: false,
    sources: {
      'exec-start': {reason: '--token in the unit\'s ExecStart overrides the config and the environment'},
      'auth-token': {
        accept: 'present',
        reason: (_c, s, st) =>
          readsBefore(st.order, ENV_SOURCES, 'auth-token')
            ? `no ${tokenVar(s)} in the environment, so gateway.auth.token is used`
            : `gateway.auth.token is set (it wins over ${tokenVar(s)})`,
      },
      ...each(['service-env', 'statedir-dotenv', 'config-env-block'], {reason: serverEnv}),
    },
    none: (s) =>
      (s.discarded
        ? 'the product discards the config (see config.invalid), so gateway.auth.token is not used, and no env token is set'
        : 'no token anywhere the server looks') +
      (s.profile.withoutToken === 'generates-token' ? `: ${s.profile.product} generates a token of its own at start, which no client here holds` : ''),
  },
  {
    party: 'local-cli',
    trims: true,
    mode: 'local',
    otherMode: 'gateway.mode is remote: the CLI connects to gateway.remote.url instead',
    sources: {
      ...each(['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block'], {reason: cliEnv}),
      'auth-token': {
        reason: (_c, s, st) =>
          readsBefore(st.order, ENV_SOURCES, 'auth-token')
            ? `no ${tokenVar(s)} in the environment, so gateway.auth.token is used`
            : `gateway.auth.token wins over ${st.beaten && st.beaten.id !== 'config.remote.token' ? st.beaten.label : tokenVar(s)} for this CLI on ` +
              `${releaseSpan(s.profile)} (config first)`,
      },
      'remote-token': {reason: (_c, s) => `no gateway.auth.token and no ${tokenVar(s)}, so the CLI sends gateway.remote.token`},
    },
    none: 'no token: the CLI sends none',
  },
  {
    party: 'remote-cli',
    trims: true,
    mode: 'remote',
    otherMode: 'gateway.mode is not remote: gateway.remote.token is not used',
    sources: {
      'remote-token': {
        reason: (_c, s, st) =>
          st.order.length === 1
            ? 'gateway.mode is remote: only gateway.remote.token is sent (the environment is ignored)'
            : `gateway.mode is remote: gateway.remote.token wins over ${orList(st.order.slice(1).map((f) => sourceName(f, s)))}`,
      },
      ...each(['shell-env', 'cwd-dotenv', 'statedir-dotenv', 'config-env-block'], {reason: remoteEnv}),
      'auth-token': {reason: (_c, s) => `gateway.mode is remote with no gateway.remote.token and no ${tokenVar(s)}, so gateway.auth.token is sent`},
    },
    none: (s, order) =>
      order.length === 1
        ? 'gateway.mode is remote but gateway.remote.token is not set'
        : `gateway.mode is remote but no token is set (${orList(order.map((f) => sourceName(f, s)))})`,
  },
  {
    party: 'gateway-tools',
    trims: true,
    sources: {
      ...each(['service-env', 'statedir-dotenv', 'config-env-block'], {accept: 'set', reason: toolsEnv}),
      'auth-token': {
        reason: (_c, s, st) =>
          readsBefore(st.order, ENV_SOURCES, 'auth-token')
            ? `no ${tokenVar(s)} in the service environment, so gateway.auth.token is used`
            : `gateway.auth.token is set (it wins over ${tokenVar(s)} for in-gateway tools, as for the server)`,
      },
    },
    none: 'no token',
  },
]

/** The steps of a party on the release in play: the profile's order, each source taken by the party's rule. */
export function partySteps(rule: PartyRule, profile: ReleaseProfile): Step[] {
  return profile.parties[rule.party].map((from) => {
    const how = rule.sources[from]
    // A profile naming a source the party has no rule for is a programming error (test/unit/profiles.test.ts).
    if (!how) throw new Error(`profile ${profile.id}: ${rule.party} has no rule for ${from}`)
    return {from, ...how}
  })
}

/** Where the server finds a password (password mode wins when auth.mode is unset): auth.password, then its environment. */
function serverPasswordSteps(profile: ReleaseProfile): Step[] {
  const env = profile.parties.server.filter((f) => ENV_SOURCES.includes(f))
  return [{from: 'auth-password', accept: 'any', reason: ''}, ...env.map((from): Step => ({from, reason: ''}))]
}

const bySecret = (list: readonly TokenCopy[] | undefined, secret: 'token' | 'password') => (list ?? []).filter((c) => c.secret === secret)

/** Every copy a source holds, as read: the primary name, then the legacy-prefix names. */
function candidates(from: TokenSource, secret: 'token' | 'password', s: Scope): (TokenCopy | undefined)[] {
  const {facts, gw} = s
  switch (from) {
    case 'exec-start':
      return [facts.unit.execToken]
    case 'auth-token':
      return [gw?.authToken]
    case 'auth-password':
      return [gw?.authPassword]
    case 'remote-token':
      return [gw?.remoteToken]
    case 'service-env': {
      // Only the token is read from the running process' environment; a password comes from the unit.
      if (secret === 'password') return [facts.unit.password, ...bySecret(facts.unit.legacyCopies, 'password')]
      const running = s.when === 'running' && facts.service.processEnvStatus === 'ok'
      if (running) return [facts.service.processToken, ...bySecret(facts.service.processLegacyCopies, 'token')]
      return [facts.unit.token, ...bySecret(facts.unit.legacyCopies, 'token')]
    }
    case 'shell-env':
      return bySecret(facts.env.shell, secret)
    case 'cwd-dotenv':
      return bySecret(facts.env.cwdDotenv.copies, secret)
    case 'statedir-dotenv':
      return bySecret(facts.env.stateDirDotenv.copies, secret)
    case 'config-env-block':
      return gw ? bySecret(facts.config.envBlock, secret) : []
  }
}

/**
 * The copies a party may take from a source, in the order it takes them: the primary name first, then the
 * legacy names the release still reads there for this party (profile.legacyReads). A legacy name the release
 * ignores never wins.
 */
function read(party: Party, from: TokenSource, secret: 'token' | 'password', s: Scope): TokenCopy[] {
  const legacy = s.profile.names.legacyPrefixes.map((l) => l.prefix)
  const rank = (c: TokenCopy) => (c.legacyName ? 1 + legacy.indexOf(c.legacyName.prefix) : 0)
  const readsLegacy = s.profile.legacyReads[party].includes(from)
  return candidates(from, secret, s)
    .filter((c): c is TokenCopy => c !== undefined && (!c.legacyName || (c.legacyName.read && readsLegacy)))
    .sort((a, b) => rank(a) - rank(b))
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

/** Every usable copy of the steps, in precedence order: the first wins, the next is what it beat. */
function usable(party: Party, list: readonly Step[], secret: 'token' | 'password', trims: boolean, s: Scope): {step: Step; copy: TokenCopy}[] {
  const out: {step: Step; copy: TokenCopy}[] = []
  for (const step of list) {
    for (const copy of read(party, step.from, secret, s)) if (accepts(copy, step.accept, trims)) out.push({step, copy})
  }
  return out
}

const legacyNote = (c: TokenCopy, s: Scope) =>
  `under the legacy name ${c.place.variable ?? c.legacyName?.prefix}, which ${releaseSpan(s.profile)} still reads after ${tokenVar(s)}`

function resolveParty(rule: PartyRule, s: Scope): PartyToken {
  const isRemote = s.gw?.mode === 'remote'
  if (rule.mode !== undefined && (rule.mode === 'remote') !== isRemote) return {party: rule.party, reason: rule.otherMode ?? ''}
  const steps = partySteps(rule, s.profile)
  const order = steps.map((st) => st.from)
  const [won, next] = usable(rule.party, steps, 'token', rule.trims, s)
  if (!won) return {party: rule.party, reason: typeof rule.none === 'string' ? rule.none : rule.none(s, order)}
  const {step, copy} = won
  const why = typeof step.reason === 'string' ? step.reason : step.reason(copy, s, {from: step.from, order, beaten: next?.copy})
  return {
    party: rule.party,
    copy,
    source: step.from,
    value: rule.trims ? copy.value.trimmed() : copy.value,
    reason: copy.legacyName ? `${why}, ${legacyNote(copy, s)}` : why,
  }
}

/** The server's auth mode: auth.mode ?? (a password → password; a token → token; else none). */
function authMode(server: PartyToken, s: Scope): Pick<PartyToken, 'authMode' | 'password'> {
  const explicit = s.gw?.authMode
  const password = usable('server', serverPasswordSteps(s.profile), 'password', false, s)[0]?.copy
  const set = password && !password.value.isEmpty ? password : undefined
  if (explicit === 'password' || (explicit === undefined && set)) {
    const why = explicit === 'password' ? 'gateway.auth.mode is password' : 'a password is set and gateway.auth.mode is not'
    const reason = set
      ? `${why}: the server checks the password ${set.label}; no token is used`
      : `${why}, but no password is set: every client is refused`
    return {authMode: 'password', password: {copy: set, reason}}
  }
  if (explicit === 'token' || (server.copy && !server.copy.value.isEmpty)) return {authMode: 'token'}
  // No token at all: auth off (clawdbot), or a token the gateway makes up at start (openclaw), which no client holds.
  return {authMode: !server.copy && s.profile.withoutToken === 'generates-token' ? 'token' : 'none'}
}

function scopeOf(facts: Facts, when: When, view: VarParty): Scope {
  return {facts, gw: productConfig(facts, view), discarded: facts.config.status === 'ok' && configDiscardedFor(facts, view), when, profile: profileOf(facts)}
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
