import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'

import {loadCodeCached} from '../code-cached.js'
import {configSchemaUrl, configValidatorUrl} from '../package-files.js'

/** A compiled JSON Schema validator (ajv's standalone output has the same shape). */
export interface ValidateFn {
  (data: unknown): boolean
  errors?: AjvError[] | null
}

export interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

export interface SchemaIssue {
  keyPath: string[]
  /** One sentence, never echoing a value (a token may sit in a mistyped field). */
  message: string
}


/** The config schema of clawdbot 2026.1.24-3 (the clawdbot profile's configSchema.file). */
export const CLAWDBOT_CONFIG_SCHEMA = 'schemas/clawdbot-config.schema.json'

const cached = new Map<string, Promise<ValidateFn>>()

/**
 * The validator of a config schema (the release profile's `configSchema.file`): precompiled standalone when the build
 * produced one (no ajv import, no compile: that costs tens of ms of `doctor`'s start-up budget), else ajv at runtime.
 */
export function loadConfigValidator(schemaFile = CLAWDBOT_CONFIG_SCHEMA): Promise<ValidateFn> {
  let v = cached.get(schemaFile)
  if (!v) cached.set(schemaFile, (v = loadValidator(schemaFile)))
  return v
}

/** ajv (CommonJS) is loaded with require, never import(): see src/sources/code-cached.ts. */
const requireHere = createRequire(import.meta.url)

async function loadValidator(schemaFile: string): Promise<ValidateFn> {
  // With the code cache the build wrote beside it. Absent when running from src/ (tests): compiled at runtime instead.
  const built = loadCodeCached(fileURLToPath(configValidatorUrl(schemaFile)))
  return built ? (built.exports as ValidateFn) : compileConfigValidator({schemaFile})
}

/** Compile a config schema with ajv (used by the build-time generator and as the runtime fallback). */
export async function compileConfigValidator(opts: {source?: boolean; schemaFile?: string} = {}): Promise<ValidateFn & {ajv: unknown}> {
  const text = await readFile(configSchemaUrl(opts.schemaFile ?? CLAWDBOT_CONFIG_SCHEMA), 'utf8')
  // ajv is CommonJS: the class is module.exports and its `.default`.
  type AjvCtor = new (opts: object) => {compile(schema: object): unknown}
  const def = requireHere('ajv') as AjvCtor & {default?: AjvCtor}
  const Ajv = def.default ?? def
  // `uri` (openclaw's gateway.publicOrigin) is not checked: the product's own schema is what refuses a config, not ajv-formats.
  // The standalone output (opts.source) is CommonJS, for requireHere.
  const ajv = new Ajv({allErrors: true, messages: false, strict: false, formats: {uri: true}, code: {source: opts.source ?? false, esm: false}})
  const validate = ajv.compile(JSON.parse(text) as object) as unknown as ValidateFn & {ajv: unknown}
  validate.ajv = ajv
  return validate
}

function decodePointer(p: string): string[] {
  return p === '' ? [] : p.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
}

/** Turn ajv errors into key paths and product-like messages. */
export function mapAjvErrors(errors: readonly AjvError[]): SchemaIssue[] {
  const out: SchemaIssue[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    const at = decodePointer(e.instancePath)
    let keyPath = at
    let message: string
    const p = e.params
    if (e.keyword === 'additionalProperties') {
      const key = String(p.additionalProperty)
      keyPath = [...at, key]
      message =
        keyPath.join('.') === 'gateway.token'
          ? 'gateway.token is ignored; use gateway.auth.token instead (the product rejects the whole config until it is moved).'
          : `Unrecognized key: "${key}" (this object is strict in the product).`
    } else if (e.keyword === 'type') message = `Invalid type: expected ${String(p.type)}.`
    else if (e.keyword === 'enum') message = `Invalid value: expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`
    else if (e.keyword === 'exclusiveMinimum' || e.keyword === 'minimum') {
      message = `Invalid number: must be ${e.keyword === 'minimum' ? '>=' : '>'} ${String(p.limit)}.`
    }
    else if (e.keyword === 'required') {
      keyPath = [...at, String(p.missingProperty)]
      message = 'Required key is missing.'
    } else message = `Invalid value (${e.keyword}).`
    const id = keyPath.join('\u0000') + '|' + message
    if (!seen.has(id)) out.push({keyPath, message})
    seen.add(id)
  }
  return out
}

/** Channel ids built into clawdbot 2026.1.24-3 (channels/registry.js) plus `defaults`. */
export const BUILTIN_CHANNELS = ['defaults', 'telegram', 'whatsapp', 'discord', 'googlechat', 'slack', 'signal', 'imessage']
/** Channels declared by the plugins bundled in the npm package (extensions/*), always discovered by the product. */
export const BUNDLED_PLUGIN_CHANNELS = ['bluebubbles', 'line', 'matrix', 'mattermost', 'msteams', 'nextcloud-talk', 'nostr', 'tlon', 'zalo', 'zalouser']

/** The product's plugin check (config/validation.js): every `channels` key must be known. */
export function checkChannelIds(channels: unknown, pluginChannels: readonly string[] = []): SchemaIssue[] {
  if (typeof channels !== 'object' || channels === null || Array.isArray(channels)) return []
  const allowed = new Set([...BUILTIN_CHANNELS, ...BUNDLED_PLUGIN_CHANNELS, ...pluginChannels])
  const out: SchemaIssue[] = []
  for (const key of Object.keys(channels)) {
    const id = key.trim()
    if (id && !allowed.has(id)) out.push({keyPath: ['channels', key], message: `unknown channel id: ${id} (no installed plugin declares it).`})
  }
  return out
}
