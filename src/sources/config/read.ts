import {errnoCode} from '../../model/errors.js'
import type {Context} from '../context.js'
import type {ConfigFacts, Paths} from '../../model/facts.js'
import type {Problem} from '../../model/place.js'
import {extractChannels, extractEnvBlock, extractGateway, registerPlaces} from './extract.js'
import {CLAWDBOT, type ProfileNamesView, type ReleaseProfile} from '../../model/profiles/index.js'
import {resolveIncludes} from './include.js'
import {parseConfigText, parseErrorMessage} from '../../formats/json5/parse.js'
import {Placer} from './place.js'
import {discoverPluginChannels} from './plugins.js'
import {isPlainObject} from '../../model/provenance.js'
import {checkChannelIds, loadConfigValidator, mapAjvErrors, type SchemaIssue} from './validate.js'
import {substituteVars, type VarIssue} from '../../formats/json5/vars.js'
import {NOT_REGULAR} from '../regular-file.js'
import {readUtf8} from '../utf8-file.js'

const UNREADABLE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'input/output error',
  [NOT_REGULAR]: 'it is not a regular file (a FIFO or device would block or never end)',
}

function emptyFacts(path: string, status: ConfigFacts['status']): ConfigFacts {
  return {
    path,
    status,
    files: [],
    includeErrors: [],
    varErrors: [],
    schemaErrors: [],
    discardedByProduct: false,
    gateway: {places: {}},
    envBlock: [],
    channels: [],
  }
}

/**
 * Read the clawdbot config as the product loads it (config/io.js): parse JSON5, resolve `$include`,
 * substitute `${VAR}`, validate. Broken input is reported as data (status + problems with file, line
 * and column), never thrown. Token values travel only as Secrets.
 */
export async function readConfig(
  ctx: Pick<Context, 'fs' | 'env'>,
  paths: Pick<Paths, 'configPath' | 'home' | 'cwd' | 'stateDir'>,
  names: ProfileNamesView = CLAWDBOT.names,
  /** The release's config schema (its profile's configSchema): what the product would refuse. */
  schema: Pick<ReleaseProfile['configSchema'], 'file' | 'checkChannelIds'> = CLAWDBOT.configSchema,
): Promise<ConfigFacts> {
  const file = paths.configPath
  let text: string
  let mode: number | undefined
  try {
    const st = await ctx.fs.stat(file)
    mode = Number(st.mode) & 0o7777
    if (st.isDirectory()) throw Object.assign(new Error('directory'), {code: 'EISDIR'})
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), {code: NOT_REGULAR})
    // The schema's validator (a module to require) is needed once the file parses: it loads while the read is under way
    // (the read is started first; the require itself is synchronous). A failure surfaces where it is awaited below (the
    // same cached promise), or not at all when the file does not parse.
    const reading = readUtf8(ctx.fs, file)
    if (schema.file !== undefined) loadConfigValidator(schema.file).catch(() => undefined)
    text = await reading
  } catch (err) {
    const code = errnoCode(err)
    if (code === 'ENOENT' || code === 'ENOTDIR') return emptyFacts(file, 'missing')
    if (code === undefined || !(code in UNREADABLE)) throw err
    const facts = emptyFacts(file, 'unreadable')
    facts.mode = mode
    facts.error = {message: `Cannot read the config: ${UNREADABLE[code]}.`, place: {kind: 'config', file}}
    facts.unreadable = code === NOT_REGULAR ? 'not-regular' : code
    facts.discardedByProduct = true
    return facts
  }
  const parsed = parseConfigText(text)
  if (!parsed.ok) {
    const facts = emptyFacts(file, 'parse-error')
    Object.assign(facts, {mode, files: [file], discardedByProduct: true})
    facts.error = {message: parseErrorMessage(parsed), place: {kind: 'config', file, line: parsed.line, column: parsed.column}}
    return facts
  }

  const inc = await resolveIncludes(ctx.fs, file, text, parsed.value)
  const varIssues: VarIssue[] = []
  // Skip the full-tree copy when no file can hold a reference (`${`, or a `$` written as an escape).
  // (Two plain searches first: one regex with an alternation crawls through a big file.)
  const mayHoldVars = [...inc.texts.values()].some((t) => t.includes('${') || (t.includes('\\') && /\\u0024|\\x24/i.test(t)))
  // Every reference, whatever this shell's env says: the gateway resolves them from its own.
  const refs: VarIssue[] = []
  const resolved = mayHoldVars ? substituteVars(inc.value, ctx.env, varIssues, [], refs) : inc.value
  const pluginChannels = await discoverPluginChannels(ctx.fs, resolved, paths)
  const validate = schema.file === undefined ? undefined : await loadConfigValidator(schema.file)
  const schemaIssues: SchemaIssue[] = !validate || validate(resolved) ? [] : mapAjvErrors(validate.errors ?? [])
  if (schema.checkChannelIds && isPlainObject(resolved)) schemaIssues.push(...checkChannelIds(resolved.channels, pluginChannels))

  const placer = new Placer(file, inc.texts, inc.prov, inc.value)
  registerPlaces(placer, inc.value, names)
  for (const i of inc.issues) placer.needOrigin(i.at)
  for (const i of refs) placer.need(i.keyPath)
  for (const i of schemaIssues) placer.need(i.keyPath)
  placer.resolve()

  const facts = emptyFacts(file, 'ok')
  facts.mode = mode
  facts.files = [file, ...inc.files]
  facts.pluginChannels = pluginChannels
  facts.includeErrors = inc.issues.map((i): Problem => ({message: i.message, place: placer.placeOrigin(i.at, [...i.at.path].join('.'))}))
  facts.varErrors = varIssues.map((i) => ({
    variable: i.variable,
    reason: i.reason,
    message: `Missing env var "${i.variable}" referenced at config path: ${i.keyPath.join('.')} (${i.reason === 'unset' ? 'not set' : 'set but empty'}).`,
    place: placer.place(i.keyPath),
  }))
  facts.varRefs = refs.map((i) => ({variable: i.variable, keyPath: i.keyPath, place: placer.place(i.keyPath)}))
  if (!validate) facts.schemaUnchecked = 'no config schema of this release is known to clawdoc'
  facts.schemaErrors = schemaIssues.map((i) => ({message: `${i.keyPath.join('.') || '<root>'}: ${i.message}`, place: placer.place(i.keyPath), fatal: true}))
  facts.discardedByProduct = facts.includeErrors.length > 0 || facts.varErrors.length > 0 || facts.schemaErrors.some((e) => e.fatal)
  const ex = {placer, raw: inc.value, resolved}
  facts.gateway = extractGateway(ex)
  facts.envBlock = extractEnvBlock(ex, names)
  facts.channels = extractChannels(ex)
  return facts
}
