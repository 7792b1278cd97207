import * as path from 'node:path'

import type {Context} from '../context.js'
import {errnoCode} from '../../model/errors.js'
import {Secret} from '../../model/secret.js'
import type {CopyId, TokenCopy} from '../../model/copy.js'
import type {EnvFileRef, Paths, UnitFacts} from '../../model/facts.js'
import type {Place, Problem} from '../../model/place.js'
import {parseEnvironmentFile} from '../../formats/unit/env-file.js'
import {type Assigned, UnitEnv, applyEnvFile, applyEnvironment, applyUnset, resolveEnvFilePath} from './env.js'
import {findDropIns, findUnitFile, readText} from './files.js'
import {execFacts} from './exec.js'
import {envNames} from '../../model/config-vars.js'
import {type UnitEntry, parseUnitText} from '../../formats/unit/syntax.js'
import {LineIndex} from '../../formats/lines.js'
import type {SpecifierContext} from '../../formats/unit/specifiers.js'
import {CLAWDBOT, type ProfileNamesView} from '../../model/profiles/index.js'
import {locationNames, secretNames, type LegacyName} from '../../model/profiles/names.js'

function copyOf(id: CopyId, secret: 'token' | 'password', variable: string, a: Assigned, env: UnitEnv, legacyName?: LegacyName): TokenCopy {
  const copy: TokenCopy = {
    id,
    secret,
    label: `${variable} (${a.fromEnvFile ? 'unit EnvironmentFile=' : 'unit Environment='})`,
    value: new Secret(a.value),
    place: a.place,
    origin: a.fromEnvFile ? {type: 'env-file'} : {type: 'literal'},
  }
  const hidden = env.hiddenBy(variable)
  const shadowed = hidden.filter((h) => h.why === 'shadowed').map((h) => h.a.place)
  if (shadowed.length > 0) copy.shadowed = shadowed
  if (legacyName) copy.legacyName = legacyName
  if (hidden.length > 0) copy.hidden = hidden.map((h) => ({place: h.a.place, value: new Secret(h.a.value), why: h.why, by: h.by}))
  return copy
}

async function readEnvFiles(
  ctx: Pick<Context, 'fs' | 'env'>,
  spec: SpecifierContext,
  refs: {raw: string; place: Place}[],
  env: UnitEnv,
  warnings: Problem[],
): Promise<EnvFileRef[]> {
  const out: EnvFileRef[] = []
  for (const {raw, place} of refs) {
    const r = resolveEnvFilePath(raw, spec)
    if (r.problem) warnings.push({message: r.problem, place})
    if (r.path === undefined) continue
    const ref: EnvFileRef = {path: r.path, optional: r.optional, status: 'ok', place}
    out.push(ref)
    const res = await readText(ctx.fs, r.path)
    const at: Place = {kind: 'env-file', file: r.path}
    if (res.status === 'missing') {
      ref.status = 'missing'
      if (!r.optional) warnings.push({message: 'This EnvironmentFile= is missing and not optional ("-"): systemd will refuse to start the service.', place: at})
    } else if (res.status === 'unreadable') {
      ref.status = 'unreadable'
      warnings.push({message: `Cannot read this EnvironmentFile= (${res.code}); its variables are unknown.`, place: at})
    } else if (res.invalidUtf8) {
      // systemd rejects the whole file (and so fails to start the service).
      ref.status = 'parse-error'
      warnings.push({message: 'This EnvironmentFile= is not valid UTF-8: systemd refuses to load it.', place: at})
    } else {
      const parsed = parseEnvironmentFile(res.text, r.path)
      warnings.push(...parsed.warnings)
      if (parsed.fatal) ref.status = 'parse-error'
      else applyEnvFile(env, r.path, parsed.assignments)
    }
  }
  return out
}

/** `systemctl --user mask` links the unit to /dev/null. */
async function isMasked(fs: Pick<Context['fs'], 'realpath'>, file: string): Promise<boolean> {
  try {
    return (await fs.realpath(file)) === '/dev/null'
  } catch (error) {
    // The file was just read, so a failure here is a race (deleted/replaced): not masked.
    if (errnoCode(error) !== undefined) return false
    throw error
  }
}

/** Read the unit, its drop-ins and environment files, under the release's names; never throws for broken user input. */
export async function readUnit(
  ctx: Pick<Context, 'fs' | 'env'> & Partial<Pick<Context, 'uid'>>,
  paths: Paths,
  names: ProfileNamesView = CLAWDBOT.names,
): Promise<UnitFacts> {
  const name = paths.unitName
  const found = await findUnitFile(ctx.fs, paths)
  const base = {name, dropIns: [] as string[], envFiles: [] as EnvFileRef[], warnings: [] as Problem[]}
  if (!found) return {...base, path: path.join(paths.unitDir, name), status: 'missing'}
  const {file, result} = found
  if (result.status === 'unreadable') {
    const error = {message: `Cannot read the unit file (${result.code}).`, place: {kind: 'unit' as const, file, unit: name}}
    return {...base, path: file, status: 'unreadable', error}
  }
  const warnings = base.warnings
  if (result.text === '' && (await isMasked(ctx.fs, file))) {
    warnings.push({
      message: `The unit is masked (a link to /dev/null): systemd will not start it. Run: systemctl --user unmask ${name}`,
      place: {kind: 'unit', file, unit: name},
    })
  }
  const xdg = ctx.env.XDG_CONFIG_HOME
  if (xdg && path.resolve(xdg) !== path.join(paths.home, '.config') && path.dirname(file) === paths.unitDir) {
    warnings.push({
      message: `XDG_CONFIG_HOME is ${xdg}: a user manager with that setting loads units from ${path.join(xdg, 'systemd', 'user')}, not from this file that ` +
        `clawdbot wrote.`,
      place: {kind: 'unit', file, unit: name},
    })
  }
  const drop = await findDropIns(ctx.fs, paths)
  for (const dir of drop.unreadableDirs) warnings.push({
    message: 'Cannot list this drop-in directory; its overrides are unknown.',
    place: {kind: 'unit', file: dir, unit: name},
  })
  const sources: {file: string; text: string; invalidUtf8: boolean}[] = [{file, text: result.text, invalidUtf8: result.invalidUtf8}]
  for (const f of drop.files) {
    const r = await readText(ctx.fs, f)
    if (r.status === 'ok') sources.push({file: f, text: r.text, invalidUtf8: r.invalidUtf8})
    else if (r.status === 'unreadable') warnings.push({
      message: `Cannot read this drop-in (${r.code}); its overrides are unknown.`,
      place: {kind: 'unit', file: f, unit: name},
    })
  }

  const env = new UnitEnv(names)
  // What a user manager expands %h, %t, %u, %U, %n... to (the shell's XDG_RUNTIME_DIR and USER stand in for the manager's).
  const spec: SpecifierContext = {unitName: name, home: paths.home, uid: ctx.uid, user: ctx.env.USER ?? ctx.env.LOGNAME, env: ctx.env, fragmentPath: file}
  const envFileRefs: {raw: string; place: Place}[] = []
  const execs: {entry: UnitEntry; file: string}[] = []
  const unsets: {entry: UnitEntry; file: string}[] = []
  for (const src of sources) {
    if (src.invalidUtf8) warnings.push({
      message: 'The file is not valid UTF-8; systemd ignores (or rejects) the lines concerned.',
      place: {kind: 'unit', file: src.file, unit: name},
    })
    const parsed = parseUnitText(src.text, src.file)
    const lines = new LineIndex(src.text, 'any')
    warnings.push(...parsed.warnings)
    for (const e of parsed.entries) {
      if (e.section !== 'Service') continue
      const place: Place = {kind: 'unit', file: src.file, line: e.line, column: e.column, unit: name}
      if (e.key === 'Environment') applyEnvironment(env, lines, src.file, name, e, warnings, spec)
      else if (e.key === 'EnvironmentFile') {
        if (e.value === '') envFileRefs.length = 0
        else envFileRefs.push({raw: e.value, place})
      } else if (e.key === 'ExecStart') {
        if (e.value === '') execs.length = 0
        else execs.push({entry: e, file: src.file})
      } else if (e.key === 'UnsetEnvironment') {
        if (e.value === '') unsets.length = 0
        else unsets.push({entry: e, file: src.file})
      }
    }
  }
  const envFiles = await readEnvFiles(ctx, spec, envFileRefs, env, warnings)
  for (const u of unsets) applyUnset(env, u.entry, u.file, warnings)

  const facts: UnitFacts = {...base, path: file, status: 'ok', dropIns: drop.files, envFiles}
  const legacy: TokenCopy[] = []
  for (const {variable, secret, legacyName} of secretNames(names)) {
    const a = env.vars.get(variable)
    if (!a) continue
    const copy = copyOf(secret === 'token' ? 'unit.env' : 'unit.env.password', secret, variable, a, env, legacyName)
    if (legacyName) legacy.push(copy)
    else if (secret === 'token') facts.token = copy
    else facts.password = copy
  }
  if (legacy.length) facts.legacyCopies = legacy
  Object.assign(facts, execFacts(execs, env, name, warnings, names.portVar))
  facts.envNames = envNames(new Map([...env.vars].map(([k, a]) => [k, a.value])))
  const locations: NonNullable<UnitFacts['locations']> = []
  for (const {variable, role} of locationNames(names)) {
    const a = env.vars.get(variable)
    if (a && a.value.trim() !== '') locations.push({variable, role, value: a.value, place: a.place})
  }
  if (locations.length) facts.locations = locations
  return facts
}
