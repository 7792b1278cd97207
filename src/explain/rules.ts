import type {CheckId} from '../checks/index.js'
import type {Party, TokenSource} from '../model/parties.js'
import type {ErrorTexts} from '../model/profiles/data/types.js'
import type {ProfileId, ReleaseProfile} from '../model/profiles/index.js'

/**
 * The release an answer is written for. Every name in an answer comes from its profile (src/model/profiles/),
 * never from a product name typed here, so the same rule answers clawdbot with CLAWDBOT_GATEWAY_TOKEN and
 * openclaw with OPENCLAW_GATEWAY_TOKEN.
 */
export interface AnswerFor {
  profile: ReleaseProfile
  /** The product's command (`clawdbot`, `openclaw`). */
  cli: string
  tokenVar: string
  /** `$HOME/.openclaw`, `$HOME/.openclaw/openclaw.json` (in the notation of the profile data). */
  stateDir: string
  config: string
  /** The command that rewrites the release's unit, as the user types it (installCommand). */
  install: string
  /** The local CLI's token sources, first usable wins, in words. */
  localCliOrder: string
  /** Does the local CLI take an env token (shell or .env) before gateway.auth.token? */
  envBeforeConfig: boolean
  /** Legacy prefixes the release's CLI does not read (`CLAWDBOT_`), and those it still reads. */
  legacyIgnored: string[]
  legacyRead: string[]
  /** Legacy prefixes the gateway does not take its own token from (measured: no `legacy.environment` in its order). */
  gatewayIgnoresLegacy: string[]
  /** Does the gateway compare its own token untrimmed (clawdbot 2026.1.24-3: src/docs/CLAWDBOT.md §4)? */
  serverUntrimmed: boolean
}

function sourceWords(s: TokenSource, p: ReleaseProfile, legacyHere: boolean): string {
  const n = p.names
  switch (s) {
    case 'shell-env': {
      // A legacy name the party still reads is the same step under the old name (src/model/profiles/from-data.ts).
      const legacy = legacyHere ? n.legacyPrefixes.filter((l) => l.read).map((l) => ` (or $${l.prefix}GATEWAY_TOKEN)`).join('') : ''
      return `$${n.tokenVar}${legacy} in the shell`
    }
    case 'cwd-dotenv':
      return './.env'
    case 'statedir-dotenv':
      return `$HOME/${n.stateDirName}/.env`
    case 'config-env-block':
      return "the config's env block"
    case 'auth-token':
      return 'gateway.auth.token'
    case 'remote-token':
      return 'gateway.remote.token'
    case 'service-env':
      return `$${n.tokenVar} in its own environment`
    case 'exec-start':
      return '--token in ExecStart='
    case 'auth-password':
      return 'gateway.auth.password'
  }
}

/** A party's token sources of a profile, first usable wins, in words (`gateway.auth.token › $OPENCLAW_GATEWAY_TOKEN in the shell › …`). */
export function partyOrderWords(profile: ReleaseProfile, party: Party): string {
  const measured = profile.data?.parties[party === 'local-cli' ? 'localCli' : party === 'remote-cli' ? 'remoteCli' : 'server']
  const legacyHere = measured?.order.includes('legacy.environment') ?? false
  return profile.parties[party].map((s) => sourceWords(s, profile, legacyHere)).join(' › ')
}

/** The words of an answer for one profile. `install` is the profile's reinstall command as this run names it. */
export function answerFor(profile: ReleaseProfile, install: string): AnswerFor {
  const n = profile.names
  const order = profile.parties['local-cli']
  const firstEnv = order.findIndex((s) => s === 'shell-env' || s === 'cwd-dotenv' || s === 'statedir-dotenv')
  const auth = order.indexOf('auth-token')
  return {
    profile,
    cli: profile.product,
    tokenVar: n.tokenVar,
    stateDir: `$HOME/${n.stateDirName}`,
    config: `$HOME/${n.stateDirName}/${n.configFileName}`,
    install,
    localCliOrder: partyOrderWords(profile, 'local-cli'),
    envBeforeConfig: firstEnv !== -1 && (auth === -1 || firstEnv < auth),
    legacyIgnored: n.legacyPrefixes.filter((l) => !l.read).map((l) => l.prefix),
    legacyRead: n.legacyPrefixes.filter((l) => l.read).map((l) => l.prefix),
    gatewayIgnoresLegacy: profile.data?.parties.server.order.includes('legacy.environment') === false ? n.legacyPrefixes.map((l) => l.prefix) : [],
    serverUntrimmed: (profile.data?.parties.server.trims ?? false) === false,
  }
}

export type Said = string | ((a: AnswerFor, m: RegExpMatchArray) => string)

/**
 * What the product's failure texts mean (src/docs/CLAWDBOT.md §2-§5, src/docs/OPENCLAW.md; texts checked in the
 * shipped dist of each release). Within a `group`, only the first matching rule counts, so specific rules (a
 * mismatch with the CLI hint) come before generic ones; rules that match the very same text (one text, two
 * generations) are told apart by the release in play.
 */
export interface ExplainRule {
  /** Stable id of the pattern (part of the JSON output). */
  pattern: string
  group: string
  re: RegExp
  /**
   * The kind of measured text (a profile's `errors`) this rule answers. The releases that print the text are then
   * the profiles whose text of that kind `re` matches: data, not a list kept here.
   */
  texts?: keyof ErrorTexts
  /** Releases that print the text as read in their source (not measured), beside those `texts` derives; none = every release. */
  printedBy?: readonly ProfileId[]
  meaning: Said
  /** The checks that look for the causes, most likely first (type-checked against the registry). */
  checks: CheckId[]
  nextStep: Said
}

const CLIENT_TOKEN: CheckId[] = [
  'token.local-cli', 'token.remote-cli', 'token.dotenv-vs-config', 'token.whitespace', 'token.gateway-tools', 'token.service-stale', 'token.auth-vs-remote',
  'config.invalid', 'config.var-unset',
]
const SERVER_SIDE: CheckId[] = ['token.gateway-tools', 'token.service-stale', 'unit.needs-daemon-reload', 'token.whitespace', 'token.device-masks']
const NO_CLIENT_TOKEN: CheckId[] = [
  'token.client-missing', 'token.auth-missing', 'config.missing', 'config.invalid', 'config.var-unset', 'token.dotenv-vs-config', 'token.auth-vs-remote',
]
const PASSWORD: CheckId[] = ['auth.password-wins', 'auth.mode-confusion']
/** The gateway and this run read different setups: another config, another product's unit, legacy names. */
const OTHER_SETUP: CheckId[] = [
  'unit.config-path', 'config.alternate', 'product.mixed', 'env.newer-names', 'env.legacy-names', 'state.both-dirs', 'unit.legacy-running',
  'token.env-file-vs-config', 'unit.inline-token',
]

const or = (words: string[]) => words.map((w) => `${w}*`).join(' or ')

/** Why a local CLI's token can differ from the gateway's, in the words of the release's own order. */
const localOrder = (a: AnswerFor) =>
  `A local ${a.cli} CLI takes, first usable wins: ${a.localCliOrder} (trimmed)` +
  (a.serverUntrimmed ? ', while the gateway compares its own value untrimmed. ' : '. ') +
  (a.envBeforeConfig
    ? `So a stale ${a.tokenVar} in the shell or a .env file beats gateway.auth.token.`
    : `So a stale ${a.tokenVar} in the shell or ${a.stateDir}/.env is not sent while gateway.auth.token is set: the running gateway holds another ` +
      'token (it reads another config or state dir, it was not restarted after the config changed, or its unit sets a token variable it does not read).')

/** What a legacy token variable in the gateway's unit does, when the release's gateway does not read it (its own log line quoted). */
export const legacyNote = (a: AnswerFor, quote = true) =>
  a.gatewayIgnoresLegacy.length === 0
    ? ''
    : ` The ${a.cli} ${a.profile.representative} gateway ignores ${or(a.gatewayIgnoresLegacy)} variables: a unit that still sets its token under ` +
      'that name leaves the gateway without it' + (quote && a.profile.errors.runtimeTokenWarning ? ` ("${a.profile.errors.runtimeTokenWarning}").` : '.')

export const RULES: readonly ExplainRule[] = [
  // --- token mismatch: the hint tells which kind of client was refused (src/docs/CLAWDBOT.md §4) ---
  {pattern: 'token-mismatch/cli-hint', group: 'mismatch', texts: 'tokenMismatch',
    re: /gateway token mismatch \(set gateway\.remote\.token to match gateway\.auth\.token\)/i,
    meaning: (a) => `The gateway refused the token the ${a.cli} CLI sent. The hint is misleading in local mode: gateway.remote.token is only used when ` +
      `gateway.mode is "remote". ${localOrder(a)}`,
    checks: CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  // The same text on a release that gives a local CLI its own hint: the refused CLI connected from another address.
  {pattern: 'token-mismatch/remote-cli-hint', group: 'mismatch', printedBy: ['openclaw-current'],
    re: /gateway token mismatch \(set gateway\.remote\.token to match gateway\.auth\.token\)/i,
    meaning: (a) => `A CLI that is not on the gateway's machine (gateway.mode "remote", or a non-loopback URL) sent a token the ${a.cli} gateway does ` +
      `not hold (a local CLI gets "use this gateway's gateway.auth.token" instead). A remote CLI sends gateway.remote.token first, then $${a.tokenVar}, ` +
      'then gateway.auth.token: gateway.remote.token there must equal the gateway\'s gateway.auth.token.',
    checks: [...new Set<CheckId>(['token.remote-cli', 'token.auth-vs-remote', 'config.mode-remote-gateway', ...CLIENT_TOKEN])],
    nextStep: 'clawdoc doctor (on the machine that runs the CLI)'},
  {pattern: 'token-mismatch/local-cli-hint', group: 'mismatch', texts: 'tokenMismatch',
    re: /gateway token mismatch \(use this gateway's gateway\.auth\.token or pair the device\)/i,
    meaning: (a) => `The gateway refused the token a local ${a.cli} CLI sent. ${localOrder(a)}${legacyNote(a)}`,
    checks: [...CLIENT_TOKEN, ...OTHER_SETUP], nextStep: 'clawdoc doctor'},
  {pattern: 'token-mismatch/control-ui', group: 'mismatch',
    re: /gateway token mismatch \((?:open a tokenized dashboard URL|open the dashboard URL and paste the token)/i,
    meaning: 'The browser (Control UI or webchat) holds an old token, usually after the gateway token was rotated.',
    checks: ['token.gateway-tools', 'token.service-stale', 'token.whitespace'],
    nextStep: (a) => `clawdoc doctor, then open the URL printed by \`${a.cli} dashboard\``},
  {pattern: 'token-mismatch/other-client', group: 'mismatch', texts: 'tokenMismatchProbe',
    re: /gateway token mismatch \(provide gateway auth token\)/i,
    meaning: (a) => 'A non-CLI client (the gateway\'s own tools such as browser or cron, a node host, a probe) sent a token the gateway does not ' +
      `hold. In-gateway tools send $${a.tokenVar} from the service environment first, so a stale token in the unit or its env file breaks ` +
      'them while the CLI works.',
    checks: SERVER_SIDE, nextStep: 'clawdoc sync-token'},
  {pattern: 'token-mismatch', group: 'mismatch', re: /gateway token mismatch|reason=token_mismatch/i,
    meaning: 'A client sent a gateway token that differs from the one the running gateway holds.',
    checks: [...new Set([...CLIENT_TOKEN, ...SERVER_SIDE])], nextStep: 'clawdoc doctor'},
  {pattern: 'device-token-mismatch', group: 'mismatch', printedBy: ['openclaw-early', 'openclaw-current'], re: /device token (?:mismatch|rejected)/i,
    meaning: (a) => 'A stored device token was refused (the device was re-paired or its token rotated). Check whether a stale unit token or device ' +
      `store hides the shared-token fault; \`${a.cli} devices list\` shows the paired devices.`,
    checks: ['token.device-masks', 'token.service-stale', 'token.gateway-tools'], nextStep: 'clawdoc doctor'},
  // --- token missing / not configured ---
  {pattern: 'token-missing/cli-hint', group: 'missing', re: /gateway token missing \(set gateway\.remote\.token/i,
    meaning: (a) => `The ${a.cli} CLI sent no token: $${a.tokenVar} is unset and gateway.auth.token is empty or unreadable (an invalid config makes the ` +
      'CLI run on an empty one). In remote mode, gateway.remote.token is unset.',
    checks: NO_CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'token-missing/local-cli-hint', group: 'missing', printedBy: ['openclaw-current'],
    re: /gateway token missing \(use this gateway's gateway\.auth\.token or pair the device\)/i,
    meaning: (a) => `A local ${a.cli} CLI sent no token and its device is not paired. It takes ${a.localCliOrder}; none held a value (an invalid ` +
      'config makes the CLI run on an empty one).',
    checks: NO_CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'token-missing', group: 'missing', texts: 'tokenMissing', printedBy: ['openclaw-current'], re: /gateway token missing|reason=token_missing\b/i,
    meaning: 'The client sent no gateway token while the gateway requires one.',
    checks: NO_CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'no-credentials', group: 'missing', texts: 'noCredentials', re: /Gateway is reachable, but this CLI has no token\/password or paired device token/i,
    meaning: (a) => `The ${a.cli} CLI reached the gateway but had nothing to send: no gateway.auth.token, no $${a.tokenVar} ` +
      `(${a.localCliOrder}), and no paired device. The gateway itself may hold a token only in its unit or env file.` +
      (a.legacyIgnored.length ? ` A ${or(a.legacyIgnored)} variable does not count: ${a.cli} ${a.profile.representative} ignores it.` : ''),
    checks: [...NO_CLIENT_TOKEN, 'env.newer-names', 'env.legacy-names'], nextStep: 'clawdoc doctor'},
  {pattern: 'token-not-configured', group: 'missing', re: /gateway token not configured on gateway/i,
    meaning: 'The gateway runs in token mode but holds no token, so it can accept no token at all.',
    checks: ['token.auth-missing', 'auth.mode-confusion', 'token.gateway-tools', 'token.service-stale'], nextStep: 'clawdoc sync-token'},
  {pattern: 'device-identity-required', group: 'missing', texts: 'noTokenProbe', re: /device identity required/i,
    meaning: 'The client sent neither a token nor a device identity, so the gateway never looked at a token.',
    checks: ['token.auth-missing', 'config.invalid', 'config.var-unset', 'token.device-masks'], nextStep: 'clawdoc doctor'},
  // --- the gateway's own token at start (logged by the gateway) ---
  {pattern: 'runtime-token', group: 'server-token', texts: 'runtimeTokenWarning', re: /Generated a runtime token for this startup/i,
    meaning: (a) => 'The gateway started without a token: gateway.auth.token is unset and its environment has no ' +
      `$${a.tokenVar}, so it made a random one that changes at every restart. The local CLI may still get in through device pairing; every other ` +
      `client is locked out.${legacyNote(a, false)}`,
    checks: ['token.auth-missing', 'env.legacy-names', 'token.gateway-tools', 'env.newer-names', 'token.service-stale'], nextStep: 'clawdoc sync-token'},
  {pattern: 'generated-token-saved', group: 'server-token', texts: 'runtimeTokenWarning', re: /Generated a new token and saved it to config/i,
    meaning: (a) => 'The gateway started without a token (gateway.auth.token unset, no ' +
      `$${a.tokenVar} in its environment), made one and wrote it into ${a.config}: every client that still sends the old token now gets a mismatch.`,
    checks: ['token.local-cli', 'token.service-stale', 'token.auth-missing', 'token.gateway-tools'], nextStep: 'clawdoc doctor'},
  {pattern: 'legacy-env-ignored', group: 'legacy-env', texts: 'legacyEnvWarning',
    re: /OPENCLAW_LEGACY_ENV_VARS|Legacy (?:CLAWDBOT_|MOLTBOT_)\*.{0,40}environment variables were detected/i,
    meaning: (a) => `The gateway's environment still has ${a.legacyIgnored.length ? or(a.legacyIgnored) : 'legacy'} variables, which ` +
      `${a.cli} ${a.profile.representative} ignores. A token there is not used: without gateway.auth.token or $${a.tokenVar} the gateway runs on a ` +
      'random runtime token. Rename them to the new prefix in the unit, its drop-ins and env files.',
    checks: ['env.legacy-names', 'env.newer-names', 'token.auth-missing', 'token.gateway-tools', 'product.mixed'],
    nextStep: (a) => `clawdoc sync-token --migrate-legacy-names --yes --restart (renames them to ${a.profile.names.envPrefix}*, with backups), or rewrite ` +
      `the unit with \`${a.install}\`, then clawdoc doctor`},
  // --- password, pairing, protocol ---
  {pattern: 'password-mismatch', group: 'password', re: /gateway password mismatch/i,
    meaning: 'The gateway is in password mode and the client sent another password. With gateway.auth.mode unset, a configured password wins over the token.',
    checks: PASSWORD, nextStep: 'clawdoc doctor'},
  {pattern: 'password-missing', group: 'password', re: /gateway password (?:missing|not configured on gateway)/i,
    meaning: 'The gateway expects a password (auth mode password, or a password set while auth.mode is unset) that the client or the gateway does not have.',
    checks: PASSWORD, nextStep: 'clawdoc doctor'},
  {pattern: 'pairing-required', group: 'pairing', re: /pairing required/i,
    meaning: 'The client presented a device that the gateway has not paired (only local clients are approved automatically).',
    checks: ['token.device-masks', 'auth.mode-confusion'], nextStep: (a) => `${a.cli} devices list (approve the device), then clawdoc doctor`},
  {pattern: 'rate-limited', group: 'rate', printedBy: ['openclaw-early', 'openclaw-current'],
    re: /too many failed authentication attempts|authentication is temporarily rate-limited/i,
    meaning: 'The gateway locks a client out for a while after repeated wrong tokens: the token is still wrong; waiting only resets the counter.',
    checks: CLIENT_TOKEN, nextStep: 'clawdoc doctor, then retry after the lockout'},
  {pattern: 'redacted-credential', group: 'redacted', printedBy: ['openclaw-current'], re: /gateway credential is a redaction sentinel/i,
    meaning: (a) => `${a.config} holds a redaction placeholder instead of the real token (a config copied from redacted output).`,
    checks: ['token.auth-missing', 'token.weak'], nextStep: 'clawdoc sync-token --generate'},
  {pattern: 'protocol-mismatch', group: 'protocol', re: /protocol mismatch|invalid handshake|invalid connect params/i,
    meaning: (a) => `Client and gateway do not speak the same protocol: different ${a.cli} versions (or clawdbot beside openclaw), or another program ` +
      'holds the gateway port.',
    checks: ['port.stray-process', 'unit.legacy-running', 'service.not-active', 'product.mixed'], nextStep: 'clawdoc doctor'},
]
