import * as path from 'node:path'

import {errnoCode} from '../model/errors.js'
import type {ReadFs} from './context.js'
import {Secret} from '../model/secret.js'
import type {CopyId, TokenCopy} from '../model/copy.js'
import type {DotenvFacts} from '../model/facts.js'
import {assertRegularFile} from './regular-file.js'
import {parseDotenv, type DotenvEntry} from '../formats/dotenv/parse.js'

const WATCHED: Record<string, {id: 'token' | 'password'}> = {
  CLAWDBOT_GATEWAY_TOKEN: {id: 'token'},
  CLAWDBOT_GATEWAY_PASSWORD: {id: 'password'},
}

export async function readDotenv(fs: ReadFs, file: string, id: Extract<CopyId, 'cwd.dotenv' | 'statedir.dotenv'>): Promise<DotenvFacts> {
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
  for (const e of parseDotenv(text)) {
    if (!(e.name in WATCHED)) continue
    byName.set(e.name, [...(byName.get(e.name) ?? []), e])
  }
  for (const [name, entries] of byName) {
    const last = entries[entries.length - 1]
    const secret = WATCHED[name].id
    copies.push({
      id: id,
      secret,
      label: `${name} in ${id === 'cwd.dotenv' ? './.env' : '<stateDir>/.env'}`,
      value: new Secret(last.value),
      place: {kind: 'dotenv', file, line: last.line, column: last.column, variable: name},
      origin: {type: 'literal'},
    })
    const place = copies[copies.length - 1].place
    const hidden = entries.slice(0, -1).map((e) => ({
      place: {kind: 'dotenv' as const, file, line: e.line, column: e.column, variable: name},
      value: new Secret(e.value),
      why: 'shadowed' as const,
      by: place,
    }))
    if (hidden.length > 0) Object.assign(copies[copies.length - 1], {shadowed: hidden.map((h) => h.place), hidden})
  }
  return {path: file, status: 'ok', copies}
}
