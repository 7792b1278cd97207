import type {CheckId} from '../checks/index.js'
import {legacyNote, type ExplainRule} from './rules.js'

// The rules' words come from the release in play (AnswerFor in rules.ts): no product name is typed in an answer.

const DOWN: CheckId[] = ['service.not-active', 'unit.missing', 'config.invalid', 'config.mode-remote-gateway', 'port.stray-process']

/** Texts about the config, the service and the connection (not the auth decision itself). */
export const SERVICE_RULES: readonly ExplainRule[] = [
  // --- reaching the gateway ---
  {pattern: 'connection-refused', group: 'reach', re: /ECONNREFUSED|connection refused/i,
    meaning: 'Nothing listens on the gateway port: the service is stopped or crash-looping (an invalid config or gateway.mode other than "local" stops it), ' +
      'or it listens on another port.',
    checks: DOWN, nextStep: 'clawdoc restart'},
  {pattern: 'gateway-not-reachable', group: 'reach', re: /Gateway not reachable|Gateway not running|gateway unreachable/i,
    meaning: 'The CLI could not reach a gateway. Note that the product says "Gateway not running" also when it runs but refuses the token.',
    checks: [...DOWN, 'token.local-cli'], nextStep: 'clawdoc doctor'},
  {pattern: 'abnormal-close', group: 'reach', re: /gateway closed \(1006/i,
    meaning: 'The connection dropped without a close frame: the gateway restarted or crashed while the client was connected.',
    checks: ['service.not-active', 'config.invalid'], nextStep: 'clawdoc doctor'},
  {pattern: 'port-in-use', group: 'port', re: /EADDRINUSE|address already in use|port \d+ is already in use/i,
    meaning: 'Another process holds the gateway port (an old gateway started by hand, or a second unit), so the service cannot start.',
    checks: ['port.stray-process', 'service.not-active'], nextStep: 'clawdoc doctor'},
  {pattern: 'no-bus', group: 'systemd', re: /Failed to connect to bus|systemctl --user unavailable/i,
    meaning: 'systemctl --user cannot reach your user manager: no login session (ssh without a session, su, cron, a container), so XDG_RUNTIME_DIR or ' +
      'DBUS_SESSION_BUS_ADDRESS is missing.',
    checks: ['service.no-bus'], nextStep: 'log in with a real session (or `loginctl enable-linger $USER`), then clawdoc doctor'},
  // --- the gateway refuses to start ---
  {pattern: 'token-mode-without-token', group: 'start', re: /Gateway auth is set to token, but no token is configured/i,
    meaning: (a) => 'gateway.auth.mode is "token" but no token reached the gateway: gateway.auth.token is empty ("" counts as set, and blocks the env ' +
      `fallback), its environment has no $${a.tokenVar}, and no --token was passed.`,
    checks: ['auth.empty-token-disables', 'token.auth-missing', 'auth.mode-confusion', 'token.gateway-tools'], nextStep: 'clawdoc sync-token'},
  {pattern: 'bind-without-auth', group: 'start', re: /refusing to bind gateway to .* without auth/i,
    meaning: (a) => `The gateway would listen beyond loopback with auth off (no gateway.auth.token and no $${a.tokenVar}, or gateway.auth.token set ` +
      `to "").${legacyNote(a)}`,
    checks: ['bind.no-auth', 'auth.empty-token-disables', 'token.auth-missing', 'env.newer-names'], nextStep: 'clawdoc sync-token'},
  {pattern: 'start-blocked-mode', group: 'start', re: /Gateway start blocked: set gateway\.mode=local(?: \(current: ([^)]*)\))?/i,
    meaning: (_a, m) =>
      `The gateway only starts with gateway.mode "local"${m[1] ? ` (the config says ${m[1]})` : ''}. ` +
      '"remote" is for a CLI that talks to a gateway on another machine; under systemd this is a crash loop every 5 s.',
    checks: ['config.mode-remote-gateway', 'config.missing'], nextStep: (a) => `${a.cli} config set gateway.mode local, then clawdoc restart`},
  {pattern: 'missing-config', group: 'start', re: /Missing config\. Run `?[\w-]+(?: --[\w-]+(?: [\w-]+)?)* setup/i,
    meaning: (a) => `The gateway found no config file where it looked (${a.config} by default; check HOME, ${a.profile.names.stateDirVar}, ` +
      `${a.profile.names.configPathVar} and the profile in the unit).`,
    checks: ['config.missing'], nextStep: 'clawdoc doctor'},
  {pattern: 'remote-mode-misconfigured', group: 'client-mode', re: /gateway remote mode misconfigured/i,
    meaning: 'gateway.mode is "remote" but gateway.remote.url is missing. On the machine that runs the gateway, mode should be "local".',
    checks: ['config.mode-remote-gateway', 'token.auth-vs-remote'], nextStep: 'clawdoc doctor'},
  // --- the config ---
  {pattern: 'missing-env-var', group: 'config-var', re: /Missing env var "([A-Za-z_][A-Za-z0-9_]*)"(?: referenced at config path: ([^\s"]+))?/,
    meaning: (_a, m) =>
      `The config references \${${m[1]}}${m[2] ? ` at ${m[2]}` : ''}, which is unset or empty in the environment that loads it ` +
      "(the unit's Environment= counts, your shell does not). The product then ignores the whole config.",
    checks: ['config.var-unset', 'config.invalid'], nextStep: 'clawdoc doctor'},
  {pattern: 'include-error', group: 'config-include', re: /Circular include detected|Failed to (?:read|parse) include|Include resolution failed/i,
    meaning: 'A $include in the config is missing, unparsable or circular, so the product ignores the whole config.',
    checks: ['config.include', 'config.invalid'], nextStep: 'clawdoc doctor'},
  {pattern: 'invalid-config', group: 'config', re: /Invalid config at|Config invalid|config reload skipped \(invalid config\)|unknown channel id/i,
    meaning: 'The product rejected the config and runs on an empty one: default port 18789, no config token, env token only. A running gateway keeps its ' +
      'old auth until the file is valid again.',
    checks: ['config.invalid', 'config.unparsable', 'config.var-unset', 'config.include', 'token.service-stale'], nextStep: 'clawdoc doctor'},
  {pattern: 'legacy-gateway-token', group: 'legacy', re: /Found "gateway\.token" in config/i,
    meaning: 'gateway.token is a legacy key: it is ignored (and makes the strict gateway schema fail); the token belongs in gateway.auth.token.',
    checks: ['config.legacy-token', 'config.invalid', 'token.auth-missing'], nextStep: 'clawdoc doctor'},
  {pattern: 'remote-token-not-auth', group: 'legacy-remote', re: /"gateway\.remote\.token" is for remote CLI calls/i,
    meaning: 'Only gateway.remote.token is set: it is for a CLI talking to another machine and does not enable auth on this gateway.',
    checks: ['token.auth-vs-remote', 'token.auth-missing'], nextStep: 'clawdoc sync-token'},
]
