import * as path from 'node:path'

import {errnoCode} from '../errors.js'
import type {ReadFs} from '../context.js'
import {Secret} from '../secret.js'
import type {CopyId, DotenvFacts, TokenCopy} from '../types.js'
import {assertRegularFile} from './regular-file.js'

// The product loads .env files with the `dotenv` package (infra/dotenv.js); this is
// dotenv 16's line grammar, so we read exactly the values it would.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm

export interface DotenvEntry {
  name: string
  value: string
  line: number
  column: number
}

/** Parse .env text as dotenv 16 does; the last assignment of a name wins. */
export function parseDotenv(text: string): DotenvEntry[] {
  const src = text.replace(/\r\n?/g, '\n')
  const out: DotenvEntry[] = []
  let m: RegExpExecArray | null
  LINE.lastIndex = 0
  while ((m = LINE.exec(src)) !== null) {
    if (m[0] === '' ) {
      LINE.lastIndex++
      continue
    }
    const name = m[1]
    let value = (m[2] ?? '').trim()
    const quote = value[0]
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r')
    const before = src.slice(0, m.index + m[0].indexOf(name))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    out.push({name, value, line, column})
  }
  return out
}

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
      shadowed: entries.slice(0, -1).map((e) => ({kind: 'dotenv' as const, file, line: e.line, column: e.column, variable: name})),
    })
  }
  return {path: file, status: 'ok', copies}
}
