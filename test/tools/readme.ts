import {measuredData} from '../../src/model/profiles/data/measured.js'
import {CHECKS} from '../../src/checks/index.js'
import {releasesLabel} from '../../src/explain/match.js'
import {partyOrderWords} from '../../src/explain/rules.js'
import type {HealthResult, ProfilePrecedenceRow, ReleaseProfileData, Sym} from '../../src/model/profiles/data/types.js'
import {PROFILES, type ReleaseProfile} from '../../src/model/profiles/index.js'
import {PRECEDENCE_ROWS, SERVERS} from '../interop/precedence-table.js'

// The README's generated sections, in one place. Each is built from data that tests prove: the precedence rows
// are asserted against the real releases (test/interop) and against clawdoc's model (precedence-model.test.ts),
// the profile summary is the profiles themselves, the checks list is the registry. test/unit/readme.test.ts fails
// when the README differs; `npm run readme` rewrites the sections.

const show = (s: Sym | 'A(trimmed)' | undefined) => (s === undefined ? '–' : s === '""' ? '`""`' : s === 'A ' ? '`A␠`' : s === 'A(trimmed)' ? 'A (trimmed)' : s)
const code = (s: string) => `\`${s}\``
const list = (xs: readonly string[]) => (xs.length === 0 ? '–' : xs.map(code).join(', '))
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
/** A row's note as Markdown: `<stateDir>/.env` in code, or a renderer takes `<stateDir>` for an HTML tag and hides it. */
const prose = (note: string) => note.replace(/<\w+>\/\S*[^\s.,;:)]/g, (path) => `\`${path}\``)

const HEALTH: Record<HealthResult, string> = {
  'ok': 'OK',
  'token-mismatch': '1008 token mismatch',
  'token-missing': '1008 token missing',
  'no-credentials': '"no token/password or paired device token"',
}

/** The suite that runs a profile's rows against the real release. */
export function precedenceSuite(p: ReleaseProfile): string {
  return p.data ? `test/interop/${p.product}-${p.data.names.release}.test.ts` : 'test/interop/product-precedence.test.ts'
}

/** clawdbot 2026.1.24-3: its rows live in test/interop/precedence-table.ts (src/docs/CLAWDBOT.md §4). */
function clawdbotTable(p: ReleaseProfile): string[] {
  const lines = [
    row(['what it shows', 'mode', 'server: auth.token / own env', 'client: auth.token', 'remote.token', 'shell env', '`<stateDir>/.env`', '`./.env`',
      'client sends', `real \`${p.product} gateway health\``]),
    '|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of PRECEDENCE_ROWS) {
    const s = SERVERS[r.server] as {authToken?: Sym; envToken?: Sym}
    const sends = r.clientSends === undefined ? 'nothing' : show(r.clientSends)
    const cells = [prose(r.note), r.mode, `${show(s.authToken)} / ${show(s.envToken)}`, show(r.authToken), show(r.remoteToken), show(r.shellEnv),
      show(r.stateDirDotenv), show(r.cwdDotenv), sends, HEALTH[r.result]]
    lines.push(row(cells))
  }
  return lines
}

/** A measured openclaw release: the rows of its data file (src/model/profiles/data/). */
function measuredTable(p: ReleaseProfile, d: ReleaseProfileData): string[] {
  const legacy = d.names.legacyPrefixes[0]?.prefix
  const lines = [
    row(['what it shows', 'mode', `server: auth.token / own env${legacy ? ` / ${legacy}*` : ''}`, 'client: auth.token', 'remote.token', 'shell env',
      '`<stateDir>/.env`', '`./.env`', ...(legacy ? [`shell ${legacy}*`] : []), 'client sends', 'direct probe', `real \`${p.product} gateway health\``]),
    `|${'---|'.repeat(legacy ? 12 : 11)}`,
  ]
  for (const r of d.precedence as readonly ProfilePrecedenceRow[]) {
    const s = d.servers[r.server]
    const server = [show(s.authToken), show(s.envToken), ...(legacy ? [show(s.legacyEnvToken)] : [])].join(' / ')
    const cells = [prose(r.note), r.mode, server, show(r.authToken), show(r.remoteToken), show(r.shellEnv), show(r.stateDirDotenv), show(r.cwdDotenv),
      ...(legacy ? [show(r.legacyShellEnv)] : []), r.clientSends === undefined ? 'nothing' : show(r.clientSends), r.probe, HEALTH[r.result]]
    lines.push(row(cells))
  }
  return lines
}

/** One table per profile, newest last, each under a heading that names the release it was measured on. */
export function precedenceTables(): string {
  const out: string[] = []
  for (const p of PROFILES) {
    out.push(
      `#### ${p.product} ${p.representative}`,
      '',
      `Profile \`${p.id}\` (${releasesLabel([p])}). Shell env = \`${p.names.tokenVar}\`. Each row was run against the real release by ` +
        `\`${precedenceSuite(p)}\`.`,
      '',
      ...(measuredData(p) ? measuredTable(p, measuredData(p)!) : clawdbotTable(p)),
      '',
    )
  }
  return out.join('\n').trimEnd()
}

const LAYOUT: Record<ReleaseProfile['unitLayout']['tokenFromConfig'], string> = {
  'inline': 'inline (`Environment=` in the unit)',
  'env-file': 'in the unit\'s env file',
  'none': 'not in the unit',
}

const STATE_DIR: Record<NonNullable<ReleaseProfileData['names']['legacyStateDirs'][number]['behaviour']>, string> = {
  'read-if-new-missing': 'read while the new one is missing',
  'migrated-on-any-command': 'migrated by any command',
  'ignored': 'ignored',
}

/** The names, unit layout and env files of every profile, side by side (one column per profile). */
export function profileSummary(): string {
  const lines = [
    row(['', ...PROFILES.map((p) => `${p.product} ${p.representative} (\`${p.id}\`)`)]),
    `|---|${PROFILES.map(() => '---|').join('')}`,
  ]
  const add = (what: string, cell: (p: ReleaseProfile) => string) => lines.push(row([what, ...PROFILES.map(cell)]))
  add('releases', (p) => releasesLabel([p]))
  add('config file', (p) => code(`~/${p.names.stateDirName}/${p.names.configFileName}`))
  add('other config names read in the state dir', (p) => list(p.names.legacyConfigFileNames))
  add('state dir', (p) => code(`~/${p.names.stateDirName}`))
  add('legacy state dirs', (p) =>
    p.data && p.data.names.legacyStateDirs.length > 0
      ? p.data.names.legacyStateDirs.map((l) => `${code(`~/${l.dir}`)} ${STATE_DIR[l.behaviour]}`).join('; ')
      : '–')
  add('unit', (p) => `${code(p.names.unitName)} (${code(p.names.unitNameWithProfile)})`)
  add('legacy units', (p) => list(p.names.legacyUnitNames))
  add('env prefix', (p) => code(p.names.envPrefix))
  add('legacy prefixes', (p) =>
    p.names.legacyPrefixes.length === 0 ? '–' : p.names.legacyPrefixes.map((l) => `${code(`${l.prefix}*`)} ${l.read ? 'read' : 'ignored'}`).join(', '))
  add('unit layout: a config token', (p) => LAYOUT[p.unitLayout.tokenFromConfig])
  add('unit layout: an env token', (p) => LAYOUT[p.unitLayout.tokenFromEnv])
  add('unit env file', (p) => (p.unitLayout.environmentFile ? code(`EnvironmentFile=${p.unitLayout.environmentFile}`) : '–'))
  add('env files read', (p) => list(p.names.envFiles))
  add('gateway takes its token from', (p) => partyOrderWords(p, 'server'))
  add('local CLI sends', (p) => partyOrderWords(p, 'local-cli'))
  add('remote CLI sends', (p) => partyOrderWords(p, 'remote-cli'))
  add('rewrites the unit', (p) => code(p.reinstallCommand))
  return lines.join('\n')
}

export function checksTable(): string {
  return ['| id | passes when |', '|---|---|', ...CHECKS.map((c) => `| \`${c.id}\` | ${c.title} |`)].join('\n')
}

/** The README's generated sections: marker name → body. */
export const SECTIONS: Readonly<Record<string, () => string>> = {
  'profiles': profileSummary,
  'precedence': precedenceTables,
  'checks': checksTable,
}

function block(text: string, name: string, body: string): string {
  const start = `<!-- generated:${name}:start -->`
  const end = `<!-- generated:${name}:end -->`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i === -1 || j === -1) throw new Error(`README.md lacks the ${start} … ${end} markers`)
  return text.slice(0, i + start.length) + '\n' + body + '\n' + text.slice(j)
}

/** The README with every generated section rebuilt from its data. */
export function generateReadme(current: string): string {
  return Object.entries(SECTIONS).reduce((text, [name, body]) => block(text, name, body()), current)
}
