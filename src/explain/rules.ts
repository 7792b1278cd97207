import type {CheckId} from '../checks/index.js'

/**
 * What the product's failure texts mean (src/docs/CLAWDBOT.md §2-§5, texts checked in the
 * shipped dist of clawdbot 2026.1.24-3). Within a `group`, only the first matching
 * rule counts, so specific rules (a mismatch with the CLI hint) come before generic ones.
 */
export interface ExplainRule {
  /** Stable id of the pattern (part of the JSON output). */
  pattern: string
  group: string
  re: RegExp
  meaning: string | ((m: RegExpMatchArray) => string)
  /** The checks that look for the causes, most likely first (type-checked against the registry). */
  checks: CheckId[]
  nextStep: string
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

export const RULES: readonly ExplainRule[] = [
  // --- token mismatch: the hint tells which kind of client was refused (src/docs/CLAWDBOT.md §4) ---
  {pattern: 'token-mismatch/cli-hint', group: 'mismatch', re: /gateway token mismatch \(set gateway\.remote\.token to match gateway\.auth\.token\)/i,
    meaning: 'The gateway refused the token the clawdbot CLI sent. The hint is misleading in local mode: gateway.remote.token is only used when ' +
      'gateway.mode is "remote"; a local CLI sends $CLAWDBOT_GATEWAY_TOKEN (shell, then .env files) before gateway.auth.token, trimmed, while the server ' +
      'compares its own value untrimmed.',
    checks: CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'token-mismatch/control-ui', group: 'mismatch', re: /gateway token mismatch \(open a tokenized dashboard URL/i,
    meaning: 'The browser (Control UI or webchat) holds an old token, usually after the gateway token was rotated.',
    checks: ['token.gateway-tools', 'token.service-stale', 'token.whitespace'], nextStep: 'clawdoc doctor, then open the URL printed by `clawdbot dashboard`'},
  {pattern: 'token-mismatch/other-client', group: 'mismatch', re: /gateway token mismatch \(provide gateway auth token\)/i,
    meaning: 'A non-CLI client (the gateway\'s own tools such as browser or cron, a node host, a probe) sent a token the gateway does not hold. In-gateway ' +
      'tools send $CLAWDBOT_GATEWAY_TOKEN from the service environment first, so a stale token in the unit breaks them while the CLI works.',
    checks: SERVER_SIDE, nextStep: 'clawdoc sync-token'},
  {pattern: 'token-mismatch', group: 'mismatch', re: /gateway token mismatch|reason=token_mismatch/i,
    meaning: 'A client sent a gateway token that differs from the one the running gateway holds.',
    checks: [...new Set([...CLIENT_TOKEN, ...SERVER_SIDE])], nextStep: 'clawdoc doctor'},
  {pattern: 'device-token-mismatch', group: 'mismatch', re: /device token mismatch/i,
    meaning: 'A stored device token was refused. clawdbot 2026.1.24 never prints this (later openclaw does): check which product version runs, and whether ' +
      'a stale unit token or device store hides the shared-token fault.',
    checks: ['token.device-masks', 'token.service-stale', 'token.gateway-tools'], nextStep: 'clawdoc doctor'},
  // --- token missing / not configured ---
  {pattern: 'token-missing/cli-hint', group: 'missing', re: /gateway token missing \(set gateway\.remote\.token/i,
    meaning: 'The clawdbot CLI sent no token: $CLAWDBOT_GATEWAY_TOKEN is unset and gateway.auth.token is empty or unreadable (an invalid config makes the ' +
      'CLI run on an empty one). In remote mode, gateway.remote.token is unset.',
    checks: NO_CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'token-missing', group: 'missing', re: /gateway token missing|reason=token_missing\b/i,
    meaning: 'The client sent no gateway token while the gateway requires one.',
    checks: NO_CLIENT_TOKEN, nextStep: 'clawdoc doctor'},
  {pattern: 'token-not-configured', group: 'missing', re: /gateway token not configured on gateway/i,
    meaning: 'The gateway runs in token mode but holds no token, so it can accept no token at all.',
    checks: ['token.auth-missing', 'auth.mode-confusion', 'token.gateway-tools', 'token.service-stale'], nextStep: 'clawdoc sync-token'},
  {pattern: 'device-identity-required', group: 'missing', re: /device identity required/i,
    meaning: 'The client sent neither a token nor a device identity, so the gateway never looked at a token.',
    checks: ['token.auth-missing', 'config.invalid', 'config.var-unset', 'token.device-masks'], nextStep: 'clawdoc doctor'},
  // --- password, pairing, protocol ---
  {pattern: 'password-mismatch', group: 'password', re: /gateway password mismatch/i,
    meaning: 'The gateway is in password mode and the client sent another password. With gateway.auth.mode unset, a configured password wins over the token.',
    checks: PASSWORD, nextStep: 'clawdoc doctor'},
  {pattern: 'password-missing', group: 'password', re: /gateway password (?:missing|not configured on gateway)/i,
    meaning: 'The gateway expects a password (auth mode password, or a password set while auth.mode is unset) that the client or the gateway does not have.',
    checks: PASSWORD, nextStep: 'clawdoc doctor'},
  {pattern: 'pairing-required', group: 'pairing', re: /pairing required/i,
    meaning: 'The client presented a device that the gateway has not paired (only local clients are approved automatically).',
    checks: ['token.device-masks', 'auth.mode-confusion'], nextStep: 'clawdbot devices list (approve the device), then clawdoc doctor'},
  {pattern: 'protocol-mismatch', group: 'protocol', re: /protocol mismatch|invalid handshake|invalid connect params/i,
    meaning: 'Client and gateway do not speak the same protocol: different clawdbot versions, or another program holds the gateway port.',
    checks: ['port.stray-process', 'service.not-active'], nextStep: 'clawdoc doctor'},
]
