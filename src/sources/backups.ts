// The backups clawdoc left next to the files it writes, and the token copies each one holds, read
// with the grammar of the file it was taken from (JSON5 config, unit, EnvironmentFile=, .env).

import * as path from 'node:path'

import type {ReadFs} from './context.js'
import {errnoCode} from '../model/errors.js'
import {Secret} from '../model/secret.js'
import type {TokenCopy} from '../model/copy.js'
import {Provenance} from '../model/provenance.js'
import {LineIndex} from '../formats/lines.js'
import {parseConfigText} from '../formats/json5/parse.js'
import {parseDotenv} from '../formats/dotenv/parse.js'
import {parseEnvironmentFile} from '../formats/unit/env-file.js'
import {parseUnitText} from '../formats/unit/syntax.js'
import {compareBackups, parseBackupName, type BackupName} from '../fix/backup.js'
import type {FileKind} from '../fix/plan.js'
import {extractChannels, extractEnvBlock, extractGateway, registerPlaces} from './config/extract.js'
import {Placer} from './config/place.js'
import {UnitEnv, applyEnvFile, applyEnvironment} from './unit/env.js'
import {CLAWDBOT, type ProfileNamesView} from '../model/profiles/index.js'
import {secretNames} from '../model/profiles/names.js'
import {readText} from './unit/files.js'

/** A token or password a file holds: its mask, or (for a `${VAR}` template) the safe template text. */
export interface HeldToken {
  label: string
  value?: Secret
  template?: string
}

export interface BackupFile extends BackupName {
  /** The file it was taken from (where restore writes it back), and that file's grammar. */
  file: string
  kind: FileKind
  /** Path of the backup itself. */
  path: string
}

/** Every backup of each file, oldest first. A directory that cannot be listed has no backups to offer. */
export async function listBackups(fs: Pick<ReadFs, 'readdir' | 'realpath'>, files: {path: string; kind: FileKind}[]): Promise<BackupFile[]> {
  const out: BackupFile[] = []
  const seen = new Set<string>()
  for (const f of files) {
    // apply backs up the real file (a symlinked config is written through the link).
    const real = await fs.realpath(f.path).catch((err: unknown) => {
      if (errnoCode(err) === undefined) throw err
      return path.resolve(f.path)
    })
    if (seen.has(real)) continue
    seen.add(real)
    let names: string[]
    try {
      names = (await fs.readdir(path.dirname(real))) as string[]
    } catch (err) {
      if (errnoCode(err) === undefined) throw err
      continue
    }
    for (const name of names) {
      const b = parseBackupName(name)
      if (b && b.target === path.basename(real)) out.push({...b, file: f.path, kind: f.kind, path: path.join(path.dirname(real), name)})
    }
  }
  return out.sort((a, b) => compareBackups(a, b) || a.file.localeCompare(b.file))
}

/** Read one backup; `problem` (one sentence, no secret) when it cannot be read. */
export async function readBackup(
  fs: Pick<ReadFs, 'readFile' | 'stat' | 'realpath'>,
  b: BackupFile,
  names: ProfileNamesView = CLAWDBOT.names,
): Promise<{bytes?: Buffer; tokens: HeldToken[]; problem?: string}> {
  const r = await readText(fs, b.path)
  if (r.status !== 'ok') return {tokens: [], problem: r.status === 'missing' ? 'it is gone' : `it cannot be read (${r.code})`}
  const bytes = (await fs.readFile(b.path)) as Buffer
  return {bytes, ...tokensHeld(b.kind, r.text, b.file, names)}
}

/** The token and password copies `text` holds, read as a file of this kind. Pure. */
export function tokensHeld(kind: FileKind, text: string, file: string, names: ProfileNamesView = CLAWDBOT.names): {tokens: HeldToken[]; problem?: string} {
  if (kind === 'config') return configTokens(text, file, names)
  const SECRETS = secretNames(names).map((s) => s.variable)
  if (kind === 'dotenv') {
    const last = new Map<string, string>()
    for (const e of parseDotenv(text, (name) => SECRETS.includes(name))) last.set(e.name, e.value)
    return {tokens: [...last].map(([label, v]) => ({label, value: new Secret(v)}))}
  }
  const env = new UnitEnv(names)
  if (kind === 'env-file') {
    const parsed = parseEnvironmentFile(text, file)
    if (parsed.fatal) return {tokens: [], problem: 'systemd would refuse this file'}
    applyEnvFile(env, file, parsed.assignments)
  } else {
    const lines = new LineIndex(text, 'any')
    for (const e of parseUnitText(text, file).entries) if (e.section === 'Service' && e.key === 'Environment') applyEnvironment(env, lines, file, '', e, [])
  }
  return {tokens: SECRETS.flatMap((v) => (env.vars.has(v) ? [{label: v, value: new Secret(env.vars.get(v)!.value)}] : []))}
}

function configTokens(text: string, file: string, names: ProfileNamesView): {tokens: HeldToken[]; problem?: string} {
  const parsed = parseConfigText(text)
  if (!parsed.ok) return {tokens: [], problem: `it is not valid JSON5 (line ${parsed.line})`}
  // The extractors the config reader uses, on this one file: no $include followed, no ${VAR} substituted.
  const prov = new Provenance()
  prov.adopt(parsed.value, {file, path: []})
  const placer = new Placer(file, new Map([[file, text]]), prov, parsed.value)
  registerPlaces(placer, parsed.value, names)
  const ex = {placer, raw: parsed.value, resolved: parsed.value}
  const g = extractGateway(ex)
  const copies = [
    g.authToken,
    g.remoteToken,
    g.legacyToken,
    ...extractEnvBlock(ex, names),
    ...extractChannels(ex).flatMap((c) => c.tokens),
    g.authPassword,
    g.remotePassword,
  ]
  return {tokens: copies.filter((c): c is TokenCopy => c !== undefined).map(held)}
}

function held(c: TokenCopy): HeldToken {
  return c.origin.type === 'config-var' ? {label: c.label, template: c.origin.template} : {label: c.label, value: c.value}
}
