import {displayUrl} from '../../formats/url.js'
import {Secret} from '../../model/secret.js'
import type {CopyId, TokenCopy} from '../../model/copy.js'
import type {ChannelConfig, GatewayConfig} from '../../model/facts.js'
import type {Placer} from './place.js'
import {isPlainObject} from '../../model/provenance.js'
import {firstVariable} from '../../formats/json5/vars.js'
import {CLAWDBOT, type ProfileNamesView} from '../../model/profiles/index.js'
import {secretNames} from '../../model/profiles/names.js'

type Tree = Record<string, unknown>

function at(tree: unknown, keyPath: readonly string[]): unknown {
  let node = tree
  for (const k of keyPath) {
    if (!isPlainObject(node) || !Object.prototype.hasOwnProperty.call(node, k)) return undefined
    node = node[k]
  }
  return node
}

const GATEWAY_KEYS = [
  'mode', 'bind', 'port', 'token', 'auth.mode', 'auth.token', 'auth.password', 'remote.url', 'remote.token', 'remote.password', 'reload.mode', 'tls.enabled',
]

/**
 * A `${VAR}` template safe to show: references are kept, literal text around them (which may be part of
 * a secret, e.g. `abc${SUFFIX}`) becomes `…`.
 */
export function safeTemplate(raw: string): string {
  return raw
    .split(/(\$\$\{[A-Z_][A-Z0-9_]*\}|\$\{[A-Z_][A-Z0-9_]*\})/)
    .map((part) => (/^\$\{[A-Z_][A-Z0-9_]*\}$/.test(part) ? part : part === '' ? '' : '…'))
    .join('')
}

/** Keep a free-form setting only when it is one of the values the product knows: a mistyped field
 * may hold a pasted secret, and these strings end up in messages. The schema errors report the rest. */
function known(v: unknown, values: readonly string[]): string | undefined {
  return typeof v === 'string' && values.includes(v) ? v : undefined
}

/** Token-like values a channel may keep: `gatewayToken` directly, or `token`/`gatewayToken` in a bridge/gateway sub-object. */
function channelTokenPaths(channel: unknown): string[][] {
  if (!isPlainObject(channel)) return []
  const out: string[][] = []
  if ('gatewayToken' in channel) out.push(['gatewayToken'])
  for (const sub of ['bridge', 'gateway']) {
    const o = channel[sub]
    if (isPlainObject(o)) for (const k of ['token', 'gatewayToken']) if (k in o) out.push([sub, k])
  }
  return out
}

/** Register every key path `extractFacts` will place, so the placer scans each file once. */
export function registerPlaces(placer: Placer, raw: unknown, names: ProfileNamesView = CLAWDBOT.names): void {
  for (const k of GATEWAY_KEYS) placer.need(['gateway', ...k.split('.')])
  for (const {variable} of secretNames(names)) {
    placer.need(['env', variable])
    placer.need(['env', 'vars', variable])
  }
  const channels = at(raw, ['channels'])
  if (isPlainObject(channels)) {
    for (const [id, ch] of Object.entries(channels)) {
      placer.need(['channels', id])
      for (const p of channelTokenPaths(ch)) placer.need(['channels', id, ...p])
    }
  }
}

/**
 * Build a TokenCopy for the value at `keyPath`. `raw` is the config before `${VAR}` substitution (for
 * the template), `resolved` after it (the value the product's consumers see).
 */
function copy(ctx: {placer: Placer; raw: unknown; resolved: unknown}, keyPath: string[], id: CopyId, secret: 'token' | 'password'): TokenCopy | undefined {
  const value = at(ctx.resolved, keyPath)
  if (value === undefined) return undefined
  const label = keyPath.join('.')
  const rawValue = at(ctx.raw, keyPath)
  const variable = typeof rawValue === 'string' ? firstVariable(rawValue) : undefined
  const t: TokenCopy = {
    id,
    secret,
    label,
    value: new Secret(typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''),
    place: ctx.placer.place(keyPath),
    origin:
      variable !== undefined && typeof rawValue === 'string'
        ? {type: 'config-var', variable, template: safeTemplate(rawValue), resolvedFrom: {kind: 'shell-env', variable}}
        : {type: 'literal'},
  }
  if (typeof value !== 'string') t.nonString = value === null ? 'null' : typeof value === 'object' ? 'object' : (typeof value as 'number' | 'boolean')
  return t
}

export function extractGateway(ctx: {placer: Placer; raw: unknown; resolved: unknown}): GatewayConfig {
  const g = at(ctx.resolved, ['gateway'])
  const get = (...p: string[]): unknown => at(g, p)
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
  const places: GatewayConfig['places'] = {}
  for (const k of GATEWAY_KEYS) if (get(...k.split('.')) !== undefined) places[`gateway.${k}`] = ctx.placer.place(['gateway', ...k.split('.')])
  const port = get('port')
  const tls = get('tls', 'enabled')
  return {
    mode: known(get('mode'), ['local', 'remote']),
    bind: known(get('bind'), ['auto', 'lan', 'loopback', 'custom', 'tailnet']),
    port: typeof port === 'number' ? port : undefined,
    tlsEnabled: typeof tls === 'boolean' ? tls : undefined,
    authMode: known(get('auth', 'mode'), ['token', 'password']),
    authToken: copy(ctx, ['gateway', 'auth', 'token'], 'config.auth.token', 'token'),
    authPassword: copy(ctx, ['gateway', 'auth', 'password'], 'config.auth.password', 'password'),
    remoteUrl: safeUrl(str(get('remote', 'url'))),
    remoteToken: copy(ctx, ['gateway', 'remote', 'token'], 'config.remote.token', 'token'),
    remotePassword: copy(ctx, ['gateway', 'remote', 'password'], 'config.remote.password', 'password'),
    legacyToken: copy(ctx, ['gateway', 'token'], 'config.legacy.token', 'token'),
    reloadMode: known(get('reload', 'mode'), ['off', 'restart', 'hot', 'hybrid']),
    places,
  }
}

/**
 * The `env` block copies, as config/env-vars.js applies them: `env.vars.X` (when truthy), then inline
 * `env.X` (when a non-blank string) overrides it. Only the effective copy is returned; the other one
 * is listed in `shadowed`.
 */
export function extractEnvBlock(ctx: {placer: Placer; raw: unknown; resolved: unknown}, names: ProfileNamesView = CLAWDBOT.names): TokenCopy[] {
  const out: TokenCopy[] = []
  for (const {variable: name, secret, legacyName} of secretNames(names)) {
    const viaVars = at(ctx.resolved, ['env', 'vars', name])
    const inline = at(ctx.resolved, ['env', name])
    const varsCopy = viaVars ? copy(ctx, ['env', 'vars', name], 'config.env', secret) : undefined
    const inlineCopy = typeof inline === 'string' && inline.trim() !== '' ? copy(ctx, ['env', name], 'config.env', secret) : undefined
    if (inlineCopy && varsCopy) {
      inlineCopy.shadowed = [varsCopy.place]
      inlineCopy.hidden = [{place: varsCopy.place, value: varsCopy.value, why: 'shadowed', by: inlineCopy.place}]
    }
    const effective = inlineCopy ?? varsCopy
    if (effective && legacyName) effective.legacyName = legacyName
    if (effective) out.push(effective)
  }
  return out
}

export function extractChannels(ctx: {placer: Placer; raw: unknown; resolved: unknown}): ChannelConfig[] {
  const channels = at(ctx.resolved, ['channels'])
  if (!isPlainObject(channels)) return []
  return Object.entries(channels as Tree).map(([id, ch]) => {
    const obj = isPlainObject(ch) ? ch : {}
    return {
      id,
      enabled: typeof obj.enabled === 'boolean' ? obj.enabled : undefined,
      place: ctx.placer.place(['channels', id]),
      keys: Object.keys(obj),
      tokens: channelTokenPaths(obj)
        .map((p) => copy(ctx, ['channels', id, ...p], 'config.channel', 'token'))
        .filter((t): t is TokenCopy => t !== undefined),
    }
  })
}

/**
 * gateway.remote.url without credentials: people paste dashboard URLs (`…/?token=…`) and
 * `wss://user:secret@host` forms. Keep scheme, host, port and path; an unparsable value is dropped
 * (the schema check reports it), never echoed.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    return displayUrl(new URL(url))
  } catch (error) {
    if (error instanceof TypeError) return undefined
    throw error
  }
}
