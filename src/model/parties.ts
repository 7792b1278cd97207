import type {TokenCopy} from './copy.js'
import type {Facts} from './facts.js'
import {configDiscardedFor, type VarParty} from './config-vars.js'
import type {Secret} from './secret.js'

// Who uses which token.

export type Party = 'server' | 'local-cli' | 'remote-cli' | 'gateway-tools'

export interface PartyToken {
  party: Party
  /** The copy that wins for this party, or undefined when it sends / expects none. */
  copy?: TokenCopy
  /** The value the party really uses (clients trim; the server does not). */
  value?: Secret
  /** Why, in one sentence (no secret). */
  reason: string
  /** Server only: the auth mode it resolves to. */
  authMode?: 'token' | 'password' | 'none'
}


/** A non-empty string copy, or undefined. The product's clients treat "" (after trim) as unset. */
function usable(copy: TokenCopy | undefined, trim: boolean): TokenCopy | undefined {
  if (!copy || copy.nonString === 'object' || copy.nonString === 'null') return undefined
  const v = trim ? copy.value.trimmed() : copy.value
  return v.isEmpty ? undefined : copy
}

function envCopy(list: TokenCopy[], secret: 'token' | 'password'): TokenCopy | undefined {
  return list.find((c) => c.secret === secret)
}

/** The config as `party` sees it: `{}` when it discards the file (each resolves `${VAR}` from its own env). */
function gatewayOf(facts: Facts, party: VarParty = 'gateway') {
  return facts.config.status === 'ok' && !configDiscardedFor(facts, party) ? facts.config.gateway : undefined
}

/**
 * The env token a *gateway process* sees: its own environment (the running process, else the
 * unit), then `<stateDir>/.env`, then the config's `env` block (each fills only an empty var).
 */
export function serverEnvToken(facts: Facts, secret: 'token' | 'password' = 'token'): TokenCopy | undefined {
  const running = facts.service.processEnvStatus === 'ok'
  const own = secret === 'token' ? (running ? facts.service.processToken : facts.unit.token) : facts.unit.password
  return (
    usable(own, false) ??
    usable(envCopy(facts.env.stateDirDotenv.copies, secret), false) ??
    (gatewayOf(facts) ? usable(envCopy(facts.config.envBlock, secret), false) : undefined)
  )
}

/** The env token a CLI started from this shell sees: shell, then ./.env, then <stateDir>/.env, then the env block. */
export function cliEnvToken(facts: Facts, secret: 'token' | 'password' = 'token'): TokenCopy | undefined {
  return (
    usable(envCopy(facts.env.shell, secret), true) ??
    usable(envCopy(facts.env.cwdDotenv.copies, secret), true) ??
    usable(envCopy(facts.env.stateDirDotenv.copies, secret), true) ??
    (gatewayOf(facts, 'cli') ? usable(envCopy(facts.config.envBlock, secret), true) : undefined)
  )
}

/**
 * Which token each party really uses (CLAWDBOT.md §4):
 * - server: `--token` (ExecStart) ?? gateway.auth.token ?? env — untrimmed, and `""` counts;
 *   mode: auth.mode ?? (password → password; token → token; else none).
 * - local CLI: env (trimmed) > gateway.auth.token; remote CLI: gateway.remote.token only.
 * - in-gateway tools (browser, cron, ...): env first, then auth.token.
 */
export function resolveParties(facts: Facts): Record<PartyToken['party'], PartyToken> {
  const gw = gatewayOf(facts)
  const discarded = facts.config.status === 'ok' && configDiscardedFor(facts, 'gateway')
  const gwCli = gatewayOf(facts, 'cli')

  // --- server
  let serverCopy: TokenCopy | undefined
  let serverReason: string
  if (usable(facts.unit.execToken, false)) {
    serverCopy = facts.unit.execToken
    serverReason = '--token in the unit\'s ExecStart overrides the config and the environment'
  } else if (gw?.authToken && gw.authToken.nonString !== 'object') {
    serverCopy = gw.authToken
    serverReason = 'gateway.auth.token is set (it wins over CLAWDBOT_GATEWAY_TOKEN)'
  } else {
    serverCopy = serverEnvToken(facts)
    serverReason = serverCopy
      ? `no gateway.auth.token${discarded ? ' (the config is discarded by the product)' : ''}, so the service environment is used`
      : discarded
        ? 'the product discards the config (see config.invalid), so gateway.auth.token is not used, and no env token is set'
        : 'no token anywhere the server looks'
  }
  const serverPassword = gw?.authPassword ?? serverEnvToken(facts, 'password')
  const hasPassword = serverPassword !== undefined && !serverPassword.value.isEmpty
  const hasToken = serverCopy !== undefined && !serverCopy.value.isEmpty
  const mode =
    gw?.authMode === 'token' || gw?.authMode === 'password' ? gw.authMode : hasPassword ? 'password' : hasToken ? 'token' : 'none'
  const server: PartyToken = {party: 'server', copy: serverCopy, value: serverCopy?.value, reason: serverReason, authMode: mode}

  // --- local CLI (anything but mode=remote is local)
  const isRemote = gwCli?.mode === 'remote'
  const envTok = cliEnvToken(facts)
  const localCopy = envTok ?? usable(gwCli?.authToken, true)
  const localCli: PartyToken = {
    party: 'local-cli',
    copy: isRemote ? undefined : localCopy,
    value: isRemote ? undefined : localCopy?.value.trimmed(),
    reason: isRemote
      ? 'gateway.mode is remote: the CLI connects to gateway.remote.url instead'
      : envTok
        ? `${envTok.label} wins over gateway.auth.token for the CLI`
        : localCopy
          ? 'no CLAWDBOT_GATEWAY_TOKEN in the environment, so gateway.auth.token is used'
          : 'no token: the CLI sends none',
  }

  // --- remote CLI
  const remoteCopy = usable(gwCli?.remoteToken, true)
  const remoteCli: PartyToken = {
    party: 'remote-cli',
    copy: isRemote ? remoteCopy : undefined,
    value: isRemote ? remoteCopy?.value.trimmed() : undefined,
    reason: isRemote
      ? remoteCopy
        ? 'gateway.mode is remote: only gateway.remote.token is sent (the environment is ignored)'
        : 'gateway.mode is remote but gateway.remote.token is not set'
      : 'gateway.mode is not remote: gateway.remote.token is not used',
  }

  // --- tools inside the gateway (client mode backend): env first
  const toolsCopy = serverEnvToken(facts) ?? usable(gw?.authToken, true)
  const tools: PartyToken = {
    party: 'gateway-tools',
    copy: toolsCopy,
    value: toolsCopy?.value.trimmed(),
    reason: toolsCopy
      ? toolsCopy.id.startsWith('config.auth')
        ? 'no CLAWDBOT_GATEWAY_TOKEN in the service environment, so gateway.auth.token is used'
        : 'the service environment token wins over gateway.auth.token for in-gateway tools'
      : 'no token',
  }
  return {server, 'local-cli': localCli, 'remote-cli': remoteCli, 'gateway-tools': tools}
}

/** Does a client value match what the server expects? (server untrimmed, exact) */
export function serverAccepts(server: PartyToken, clientValue: PartyToken['value']): boolean | undefined {
  if (server.authMode === 'none') return true
  if (server.authMode === 'password') return undefined
  if (!server.value || !clientValue) return false
  return server.value.equals(clientValue)
}
