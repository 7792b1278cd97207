// Cross-checks readUnit and the editors against a real (private) systemd user manager: each
// case's unit runs a tiny script that dumps its argv and environment; what systemd handed the
// process must be what readUnit says. Fake tokens only.
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import * as fsp from 'node:fs/promises'
import * as path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {editEnvFileAssignment, editUnitAssignment} from '../../src/formats/unit/edit.js'
import {Secret} from '../../src/model/secret.js'
import {resolvePaths} from '../../src/sources/paths.js'
import {readUnit} from '../../src/sources/unit/read.js'
import {startUserManager, type UserManager} from '../helpers/user-manager.js'

const T = 'CLAWDBOT_GATEWAY_TOKEN'
const AWKWARD = `a b"c\\d%e'f$g;#h%%i \`x\` é`

interface Case {
  service: string
  dropIns?: Record<string, string>
  envFiles?: Record<string, string>
  /** What the process must see (also checked, so a case cannot silently test nothing). */
  token: string | undefined
  edit?: (unit: string, scratch: string) => Promise<void>
  /** systemd must refuse to start the service (readUnit must then flag an env file). */
  startFails?: boolean
}

let um: UserManager
const dump = () => path.join(um.scratch, 'dump.cjs')

const CASES: Record<string, Case> = {
  unquoted: {service: `Environment=${T}=tok-U1`, token: 'tok-U1'},
  quoted: {service: `Environment="${T}=server-token-aaaa" "PATH=/usr/bin:/bin"`, token: 'server-token-aaaa'},
  continued: {service: `Environment=A=1 \\\n# inner comment\n  "${T}=sp ace\\x41\\ttab" 'B=\\s'`, token: 'sp aceA\ttab'},
  singleQuoteEscape: {service: `Environment='${T}=x\\'y'`, token: "x'y"},
  reset: {service: `Environment=${T}=old\nEnvironment=\nEnvironment=OTHER=1`, token: undefined},
  percent: {service: `Environment=${T}=50%%off`, token: '50%off'},
  lastWins: {service: `Environment=${T}=a ${T}=b`, token: 'b'},
  syntaxError: {service: `Environment=${T}=kept B="unterminated`, token: 'kept'},
  dropInsAndFiles: {
    service: `Environment=${T}=unit`,
    dropIns: {'10-a.conf': `[Service]\nEnvironment=${T}=dropin\nEnvironmentFile=@SCRATCH@/f.env\nEnvironmentFile=-/nonexistent/x.env`},
    envFiles: {'f.env': `# c\n${T}="from file \\"q\\" \\$x"\n`},
    token: 'from file "q" $x',
  },
  commentContinuation: {
    service: 'EnvironmentFile=@SCRATCH@/c.env',
    envFiles: {'c.env': `${T}=first\n# comment \\\n${T}=swallowed-by-systemd-252\n`},
    token: 'first',
  },
  crlfUnit: {service: `Environment=A=1\r\nEnvironment="${T}=crlf"\r\nEnvironment=B=2`, token: 'crlf'},
  nulInEnvFile: {service: 'EnvironmentFile=@SCRATCH@/n.env', envFiles: {'n.env': `${T}=first\nA=1\0\n${T}=after-nul\n`}, token: undefined, startFails: true},
  exportInEnvFile: {service: 'EnvironmentFile=@SCRATCH@/x.env', envFiles: {'x.env': `export ${T}=exported\nA=1\n`}, token: undefined},
  bomInEnvFile: {service: 'EnvironmentFile=@SCRATCH@/b.env', envFiles: {'b.env': `\ufeff${T}=bom\nA=1\n`}, token: undefined},
  crlfContinuationInEnvFile: {service: 'EnvironmentFile=@SCRATCH@/r.env', envFiles: {'r.env': `${T}=one\\\r\ntwo=2\r\n`}, token: 'one'},
  editedUnit: {
    service: `Environment=A=1 ${T}=old "Z=z"`,
    token: AWKWARD,
    async edit(unit) {
      const text = await readFile(unit, 'utf8')
      const line = text.split('\n').findIndex((l) => l.startsWith('Environment=A=1')) + 1
      await writeFile(unit, editUnitAssignment(text, {line, variable: T, value: new Secret(AWKWARD)}))
    },
  },
  editedEnvFile: {
    service: 'EnvironmentFile=@SCRATCH@/e.env',
    envFiles: {'e.env': `A=1\n${T}='old'\nB=2\n`},
    token: AWKWARD,
    async edit(_unit, scratch) {
      const f = path.join(scratch, 'e.env')
      await writeFile(f, editEnvFileAssignment(await readFile(f, 'utf8'), {line: 2, variable: T, value: new Secret(AWKWARD)}))
    },
  },
  execStart: {service: `Environment=V=from-var\nExecStart="${process.execPath}" "@DUMP@" gateway --port 28789 --token \${V}`, token: undefined},
}

async function runCase(name: string, c: Case): Promise<{argv: string[]; env: Record<string, string | undefined>}> {
  const unitName = `clawdoc-case-${name}.service`
  const out = path.join(um.scratch, `${name}.json`)
  const sub = (s: string) => s.replaceAll('@SCRATCH@', um.scratch).replaceAll('@DUMP@', dump())
  const exec = c.service.includes('ExecStart=') ? '' : `ExecStart="${process.execPath}" "${dump()}"\n`
  const unit = await um.writeUnit(unitName, `[Unit]\nDescription=case\n[Service]\nType=oneshot\nStandardOutput=file:${out}\n${exec}${sub(c.service)}\n`)
  for (const [f, text] of Object.entries(c.dropIns ?? {})) {
    await mkdir(`${unit}.d`, {recursive: true})
    await writeFile(path.join(`${unit}.d`, f), sub(text))
  }
  for (const [f, text] of Object.entries(c.envFiles ?? {})) await writeFile(path.join(um.scratch, f), text)
  if (c.edit) await c.edit(unit, um.scratch)
  expect((await um.systemctl('daemon-reload')).code).toBe(0)
  const r = await um.systemctl('start', unitName)
  if (c.startFails) {
    expect(r.code).not.toBe(0)
    return {argv: [], env: {}}
  }
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(await readFile(out, 'utf8')) as {argv: string[]; env: Record<string, string>}
}

beforeAll(async () => {
  um = await startUserManager()
  await writeFile(path.join(um.scratch, 'dump.cjs'), 'process.stdout.write(JSON.stringify({argv: process.argv.slice(2), env: process.env}))\n')
})
afterAll(async () => {
  await um?.stop()
})

describe('readUnit agrees with a real systemd user manager', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name]
    const seen = await runCase(name, c)
    expect(seen.env[T]).toBe(c.token)
    const paths = resolvePaths({env: um.env, home: um.home, cwd: '/'}, {unit: `clawdoc-case-${name}`})
    const facts = await readUnit({fs: fsp as unknown as ReadFs, env: um.env}, paths)
    expect(facts.status).toBe('ok')
    if (c.startFails) expect(facts.envFiles.map((e) => e.status)).toContain('parse-error')
    if (c.token === undefined) expect(facts.token).toBeUndefined()
    else expect(facts.token?.value.equals(new Secret(c.token))).toBe(true)
    if (name === 'execStart') {
      expect(seen.argv).toEqual(['gateway', '--port', '28789', '--token', 'from-var'])
      expect(facts.execStart?.args.slice(2)).toEqual(seen.argv)
      expect(facts.execToken?.value.equals(new Secret('from-var'))).toBe(true)
      expect(facts.port).toBe(28789)
    }
  })
})
