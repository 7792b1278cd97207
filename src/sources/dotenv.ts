import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import type {ReadFs} from './context.js'
import {Secret} from '../model/secret.js'
import type {CopyId, TokenCopy} from '../model/copy.js'
import type {DotenvFacts} from '../model/facts.js'
import {assertRegularFile} from './regular-file.js'
import {parseDotenv, type DotenvEntry} from '../formats/dotenv/parse.js'
import type {SecretName} from '../model/profiles/names.js'

/** The token and password copies of a `.env` under the release's names (`watched`: src/model/profiles/names.ts). */
export async function readDotenv(
  fs: ReadFs,
  file: string,
  id: Extract<CopyId, 'cwd.dotenv' | 'statedir.dotenv'>,
  watched: readonly SecretName[],
): Promise<DotenvFacts> {
  let text: string
  try {
    await assertRegularFile(fs, file)
    text = await fs.readFile(file, 'utf8') as string
  } catch (error) {
    const code = errnoCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return {path: file, status: 'missing', copies: []}
    return {
      path: file,
      status: 'unreadable',
      copies: [],
      error: {message: `Cannot read ${path.basename(file)} (${code ?? 'error'}).`, place: {kind: 'dotenv', file}},
    }
  }
  const copies: TokenCopy[] = []
  const byName = new Map<string, DotenvEntry[]>()
  for (const e of parseDotenv(text, (name) => watched.some((w) => w.variable === name))) {
    byName.set(e.name, [...(byName.get(e.name) ?? []), e])
  }
  for (const [name, entries] of byName) {
    const last = entries[entries.length - 1]
    const {secret, legacyName} = watched.find((w) => w.variable === name)!
    const copy: TokenCopy = {
      id: id,
      secret,
      label: `${name} in ${id === 'cwd.dotenv' ? './.env' : '<stateDir>/.env'}`,
      value: new Secret(last.value),
      place: {kind: 'dotenv', file, line: last.line, column: last.column, variable: name},
      origin: {type: 'literal'},
    }
    if (legacyName) copy.legacyName = legacyName
    const hidden = entries.slice(0, -1).map((e) => ({
      place: {kind: 'dotenv' as const, file, line: e.line, column: e.column, variable: name},
      value: new Secret(e.value),
      why: 'shadowed' as const,
      by: copy.place,
    }))
    if (hidden.length > 0) Object.assign(copy, {shadowed: hidden.map((h) => h.place), hidden})
    copies.push(copy)
  }
  return {path: file, status: 'ok', copies}
}
