import {defineFlags} from './flag-spec.js'
import {SEVERITIES} from '../model/finding.js'

/** Where to look: every command that reads a setup takes these (resolvePaths in sources/paths.ts reads them). */
export const LOCATION_FLAGS = defineFlags({
  profile: {
    type: 'string',
    description: 'clawdbot profile name (same as the product\'s --profile): ~/.clawdbot-NAME and clawdbot-gateway-NAME.service',
    helpGroup: 'LOCATION',
  },
  dev: {type: 'boolean', description: 'same as --profile dev', helpGroup: 'LOCATION', default: false},
  config: {type: 'string', description: 'path of clawdbot.json (default: as the product resolves it)', helpGroup: 'LOCATION'},
  unit: {type: 'string', description: 'systemd user unit name (default: clawdbot-gateway[-PROFILE].service)', helpGroup: 'LOCATION'},
  product: {
    type: 'string',
    description: 'the product in play (default: detected from the unit, PATH and state dirs)',
    options: ['clawdbot', 'openclaw'],
    helpGroup: 'LOCATION',
  },
  release: {type: 'string', description: 'its release, e.g. 2026.9.6 (default: the package.json the unit or PATH runs)', helpGroup: 'LOCATION'},
})

const COLOR = {type: 'boolean', description: 'colour output (default: when stdout is a terminal and NO_COLOR is unset)', allowNo: true} as const

export const EXPLAIN_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  color: COLOR,
})

export const LIST_CHECKS_FLAGS = defineFlags({})

export const DOCTOR_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  only: {type: 'string', description: 'run only these check ids (comma-separated)', multiple: true},
  skip: {type: 'string', description: 'skip these check ids (comma-separated)', multiple: true},
  'list-checks': {type: 'boolean', description: 'list the check ids and exit (same as clawdoc list-checks)', default: false},
  'fail-on': {type: 'string', description: 'lowest severity that makes the exit code 1', options: SEVERITIES, default: 'warning'},
  probe: {type: 'boolean', description: 'ask the running gateway which tokens it accepts (default: when its port answers on loopback)', allowNo: true},
  remote: {type: 'boolean', description: 'also probe gateway.remote.url (sends the remote token there)', default: false},
  offline: {type: 'boolean', description: 'do not ask systemd, /proc or the gateway; read files and the environment only', default: false},
  explain: {type: 'string', description: 'explain a pasted error text ("-" reads it from stdin; same as clawdoc explain)'},
  color: COLOR,
  verbose: {type: 'boolean', char: 'v', description: 'also list skipped checks', default: false},
})

/**
 * How long a restart may take to come up and answer, in seconds: the same for `restart` and `sync-token --restart`.
 * openclaw 2026.9.6 under its unit took 22 s to listen and longer to answer on a loaded machine (src/docs/OPENCLAW.md §8).
 */
const TIMEOUT_FLAG = {type: 'integer', description: 'seconds to wait for the service to come up and answer after a restart', default: 60, min: 1} as const

export const SYNC_TOKEN_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  token: {
    type: 'string',
    description: 'use this value (visible in shell history and ps; prefer --token-stdin)',
    exclusive: ['token-stdin', 'generate', 'from'],
    secret: true,
  },
  'token-stdin': {type: 'boolean', description: 'read the value from stdin', default: false, exclusive: ['generate', 'from']},
  generate: {type: 'boolean', description: 'make a new random token (48 hex, like the product)', default: false, exclusive: ['from']},
  rotate: {
    type: 'boolean',
    description: 'with --generate: replace a token that is in use (remote mode, or the live gateway accepts it), then list the clients to update by hand',
    default: false,
  },
  from: {type: 'string', description: 'copy the value from this copy', options: ['auth', 'remote', 'env', 'unit']},
  'allow-weak': {type: 'boolean', description: 'accept a --token/--token-stdin value shorter than 16 characters', default: false},
  'dry-run': {type: 'boolean', description: 'show the masked diff and change nothing', default: false},
  yes: {type: 'boolean', char: 'y', description: 'do not ask before writing', default: false},
  offline: {type: 'boolean', description: 'do not ask systemd about the service', default: false},
  'migrate-legacy-names': {
    type: 'boolean',
    description: 'also rename CLAWDBOT_*/MOLTBOT_* assignments to the release\'s prefix (OPENCLAW_*) in the unit, its drop-ins and env files',
    default: false,
  },
  restart: {
    type: 'boolean',
    description: 'then restart the gateway through systemd and verify it (same as clawdoc restart)',
    default: false,
    exclusive: ['dry-run', 'offline'],
  },
  timeout: TIMEOUT_FLAG,
})

export const RESTART_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  'dry-run': {type: 'boolean', description: 'run the preflight only and say what would be done', default: false},
  'stop-strays': {type: 'boolean', description: 'send SIGTERM to the exact pid of a process outside the unit that holds the port', default: false},
  timeout: TIMEOUT_FLAG,
  probe: {type: 'boolean', description: 'after the restart, ask the gateway which tokens it accepts (default: when the port answers)', allowNo: true},
})

export const BACKUPS_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  prune: {type: 'integer', description: 'keep the newest N backups of each file and remove the others (they hold old tokens)', min: 0},
  'dry-run': {type: 'boolean', description: 'with --prune: show what would be removed and remove nothing', default: false},
  yes: {type: 'boolean', char: 'y', description: 'with --prune: do not ask before removing', default: false},
})

export const RESTORE_FLAGS = defineFlags({
  ...LOCATION_FLAGS,
  'dry-run': {type: 'boolean', description: 'show the masked preview and change nothing', default: false},
  yes: {type: 'boolean', char: 'y', description: 'do not ask before writing', default: false},
})
