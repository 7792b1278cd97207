import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {CHECKS} from '../../src/checks/index.js'
import {ROOT} from '../helpers/cli.js'
import {PRECEDENCE_ROWS, SERVERS, type Sym} from '../interop/precedence-table.js'

// Parts of the README are generated from data that tests prove (the precedence rows are asserted
// against the real product by test/interop and against clawdoc's model by precedence-model.test.ts;
// the checks list is the registry itself). This test fails when the README drifts;
// `UPDATE_README=1 npx vitest run --config test/vitest.config.ts test/unit/readme.test.ts` rewrites it.
const README = path.join(ROOT, 'README.md')

const show = (s: Sym | undefined) => (s === undefined ? '–' : s === '""' ? '`""`' : s === 'A ' ? '`A␠`' : s)

function precedenceTable(): string {
  const lines = [
    '| what it shows | mode | server: auth.token / own env | client: auth.token | remote.token | shell env | `<stateDir>/.env` | `./.env` | client sends ' +
      '| real `clawdbot gateway health` |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of PRECEDENCE_ROWS) {
    const s = SERVERS[r.server] as {authToken?: Sym; envToken?: Sym}
    const sends = r.clientSends === undefined ? 'nothing' : r.clientSends === 'A(trimmed)' ? 'A (trimmed)' : r.clientSends
    const result = r.result === 'ok' ? 'OK' : r.result === 'token-mismatch' ? '1008 token mismatch' : '1008 token missing'
    const server = `${show(s.authToken)} / ${show(s.envToken)}`
    const cells = [r.note, r.mode, server, show(r.authToken), show(r.remoteToken), show(r.shellEnv), show(r.stateDirDotenv), show(r.cwdDotenv), sends, result]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  return lines.join('\n')
}

function checksTable(): string {
  return ['| id | passes when |', '|---|---|', ...CHECKS.map((c) => `| \`${c.id}\` | ${c.title} |`)].join('\n')
}

function block(text: string, name: string, body: string): string {
  const start = `<!-- generated:${name}:start -->`
  const end = `<!-- generated:${name}:end -->`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i === -1 || j === -1) throw new Error(`README.md lacks the ${start} … ${end} markers`)
  return text.slice(0, i + start.length) + '\n' + body + '\n' + text.slice(j)
}

describe('README generated sections', () => {
  it('match the data they are generated from', () => {
    const current = readFileSync(README, 'utf8')
    const wanted = block(block(current, 'precedence', precedenceTable()), 'checks', checksTable())
    if (process.env.UPDATE_README) writeFileSync(README, wanted)
    expect(current).toBe(wanted)
  })
})
