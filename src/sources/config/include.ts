import * as path from 'node:path'

import {errnoCode} from '../../model/errors.js'
import type {ReadFs} from '../context.js'
import {parseConfigText} from '../../formats/json5/parse.js'
import {Provenance, isPlainObject, type Origin} from '../../model/provenance.js'
import {assertRegularFile} from '../regular-file.js'
import {readUtf8} from '../utf8-file.js'

export const INCLUDE_KEY = '$include'
export const MAX_INCLUDE_DEPTH = 10

/** An include failure, placed at the `$include` that caused it. */
export interface IncludeIssue {
  message: string
  at: Origin
}

export interface IncludeResult {
  value: unknown
  /** Included files actually read (resolved paths), in order. */
  files: string[]
  /** Text of every file read, for locating values in it. */
  texts: Map<string, string>
  issues: IncludeIssue[]
  prov: Provenance
}

/**
 * Resolve `$include` as the product does (config/includes.js): string or array of strings, relative to
 * the including file, depth <= 10, circular includes rejected, arrays concatenate, objects deep-merge,
 * sibling keys override. The product stops at the first failure; we record every failure and go on
 * (a failed include contributes nothing) so that one run reports all of them.
 */
export async function resolveIncludes(
  fs: Pick<ReadFs, 'readFile' | 'stat'>,
  file: string,
  text: string,
  value: unknown,
): Promise<IncludeResult> {
  const r: IncludeResult = {value: undefined, files: [], texts: new Map([[file, text]]), issues: [], prov: new Provenance()}
  r.value = await processFile(fs, r, text, value, file, [path.normalize(file)])
  return r
}

type Chain = string[]

/** Most files hold no `$include`: take their tree as is (no copy, origins derived from paths). */
async function processFile(
  fs: Pick<ReadFs, 'readFile' | 'stat'>,
  r: IncludeResult,
  text: string,
  value: unknown,
  file: string,
  chain: Chain,
): Promise<unknown> {
  // Any spelling of the key (`$include`, `\u0024include`) contains "include".
  if (text.includes('include')) return processValue(fs, r, value, {file, path: []}, chain)
  r.prov.adopt(value, {file, path: []})
  return value
}

async function processValue(fs: Pick<ReadFs, 'readFile' | 'stat'>, r: IncludeResult, v: unknown, at: Origin, chain: Chain): Promise<unknown> {
  if (Array.isArray(v)) {
    const out: unknown[] = []
    for (let i = 0; i < v.length; i++) {
      const child = {file: at.file, path: [...at.path, String(i)]}
      out.push(await processValue(fs, r, v[i], child, chain))
      r.prov.set(out, String(i), child)
    }
    return out
  }
  if (!isPlainObject(v)) return v
  const rest: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(v)) {
    if (key === INCLUDE_KEY) continue
    const childAt = {file: at.file, path: [...at.path, key]}
    rest[key] = await processValue(fs, r, child, childAt, chain)
    r.prov.set(rest, key, childAt)
  }
  if (!(INCLUDE_KEY in v)) return rest
  const incAt = {file: at.file, path: [...at.path, INCLUDE_KEY]}
  const included = await resolveInclude(fs, r, v[INCLUDE_KEY], incAt, chain)
  if (Object.keys(rest).length === 0) return included ?? {}
  if (included === undefined) return rest
  if (!isPlainObject(included)) {
    r.issues.push({message: 'Sibling keys require included content to be an object.', at: incAt})
    return rest
  }
  return r.prov.merge(included, rest)
}

async function resolveInclude(fs: Pick<ReadFs, 'readFile' | 'stat'>, r: IncludeResult, spec: unknown, at: Origin, chain: Chain): Promise<unknown> {
  if (typeof spec === 'string') return loadFile(fs, r, spec, at, chain)
  if (Array.isArray(spec)) {
    let merged: unknown = {}
    for (let i = 0; i < spec.length; i++) {
      const item: unknown = spec[i]
      const itemAt = {file: at.file, path: [...at.path, String(i)]}
      if (typeof item !== 'string') {
        r.issues.push({message: `Invalid $include array item: expected a string, got ${describe(item)}.`, at: itemAt})
        continue
      }
      const loaded = await loadFile(fs, r, item, itemAt, chain)
      if (loaded !== undefined) merged = r.prov.merge(merged, loaded)
    }
    return merged
  }
  r.issues.push({message: `Invalid $include value: expected a string or an array of strings, got ${describe(spec)}.`, at})
  return undefined
}

async function loadFile(fs: Pick<ReadFs, 'readFile' | 'stat'>, r: IncludeResult, spec: string, at: Origin, chain: Chain): Promise<unknown> {
  const resolved = path.normalize(path.isAbsolute(spec) ? spec : path.resolve(path.dirname(at.file), spec))
  if (chain.includes(resolved)) {
    r.issues.push({message: `Circular include detected: ${[...chain, resolved].join(' -> ')}.`, at})
    return undefined
  }
  // The product checks depth before reading: the root is depth 0, so at most 10 nested includes.
  if (chain.length - 1 >= MAX_INCLUDE_DEPTH) {
    r.issues.push({message: `Maximum include depth (${MAX_INCLUDE_DEPTH}) exceeded at: ${spec}.`, at})
    return undefined
  }
  let text: string
  try {
    await assertRegularFile(fs, resolved)
    text = await readUtf8(fs, resolved)
  } catch (err) {
    const code = errnoCode(err)
    if (code === undefined) throw err
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code
    r.issues.push({message: `Failed to read include file: ${spec} (resolved: ${resolved}; ${why}).`, at})
    return undefined
  }
  if (!r.files.includes(resolved)) r.files.push(resolved)
  r.texts.set(resolved, text)
  const parsed = parseConfigText(text)
  if (!parsed.ok) {
    r.issues.push({
      message: `Failed to parse include file: ${spec} (resolved: ${resolved}; line ${parsed.line}, column ${parsed.column}: ${parsed.reason}).`,
      at,
    })
    return undefined
  }
  return processFile(fs, r, text, parsed.value, resolved, [...chain, resolved])
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
}
