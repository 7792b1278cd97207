import {readdirSync, readFileSync, rmSync} from 'node:fs'
import * as path from 'node:path'
import fc from 'fast-check'
import {afterAll, describe, expect, it} from 'vitest'

import {ROOT} from '../helpers/cli.js'
import {diagnoseIn, doctorIn, type Home} from '../helpers/in-process.js'
import {lostParties, runNextStep, workingParties} from '../helpers/next-step.js'
import {fakeToken, setupArb, type Setup} from '../helpers/placements.js'
import {dotenvCases, unitCases} from '../hostile/cases-unit.js'
import {materialize} from '../hostile/home-tree.js'

// Issue 11, item 2: every `Next:` line doctor prints leaves the setup no worse. For each setup of
// the corpus: doctor (offline), run its Next: line for real (files written, shell env changed),
// doctor again, and no client that had an accepted token has lost it.

const CFG = '.clawdbot/clawdbot.json'
const UNIT = '.config/systemd/user/clawdbot-gateway.service'
const X = 'feed5eed'.repeat(6)
const unit = (lines: string[]) =>
  ['[Unit]', 'Description=Clawdbot Gateway', '', '[Service]', ...lines, 'Restart=always', '', '[Install]', 'WantedBy=default.target', ''].join('\n')
const EXEC = 'ExecStart="/usr/bin/node" "/opt/clawdbot/dist/entry.js" gateway --port 18789'

interface CorpusCase {
  name: string
  files: Record<string, string | Buffer>
  env?: Record<string, string>
  cwd?: string
}

/** A placement of the property test, written as the files the readers parse. */
function filesOf(s: Setup): CorpusCase {
  const t = (src: keyof Setup['at']) => s.tokens[s.at[src]!]
  const has = (src: keyof Setup['at']) => s.at[src] !== undefined
  const url = s.remoteUrl === 'loopback' ? 'ws://127.0.0.1:18789' : 'wss://gw.example.net'
  const gateway: Record<string, unknown> = {mode: s.mode, remote: {url, ...(has('remote') ? {token: t('remote')} : {})}}
  if (has('auth')) gateway.auth = {token: t('auth')}
  // A key the product's strict schema rejects: it then discards the whole config.
  if (s.discarded) gateway.customBindHost = 'x'
  const envBlock = has('envBlock') ? {env: {CLAWDBOT_GATEWAY_TOKEN: t('envBlock')}} : {}
  const files: Record<string, string> = {[CFG]: JSON.stringify({...envBlock, gateway}, null, 2) + '\n'}
  if (has('cwdDotenv')) files['work/.env'] = `CLAWDBOT_GATEWAY_TOKEN=${t('cwdDotenv')}\n`
  if (has('stateDotenv')) files['.clawdbot/.env'] = `CLAWDBOT_GATEWAY_TOKEN=${t('stateDotenv')}\n`
  if (s.unitInstalled) {
    const lines = [has('execStart') ? `${EXEC} --token ${t('execStart')}` : EXEC]
    if (has('unitEnv')) lines.push(`Environment=CLAWDBOT_GATEWAY_TOKEN=${t('unitEnv')}`)
    if (has('envFile')) {
      lines.push('EnvironmentFile=%h/.config/clawdbot/gateway.env')
      files['.config/clawdbot/gateway.env'] = `CLAWDBOT_GATEWAY_TOKEN=${t('envFile')}\n`
    }
    files[UNIT] = unit(lines)
    if (has('dropIn')) files[`${UNIT}.d/10-token.conf`] = `[Service]\nEnvironment=CLAWDBOT_GATEWAY_TOKEN=${t('dropIn')}\n`
  }
  return {name: JSON.stringify({...s, tokens: s.tokens.length}), files, env: has('shell') ? {CLAWDBOT_GATEWAY_TOKEN: t('shell')} : {}, cwd: 'work'}
}

function corpus(): CorpusCase[] {
  const out: CorpusCase[] = []
  // test/fixtures/configs: each config alone, beside a unit with its token, and beside a unit with another one.
  const dir = path.join(ROOT, 'test/fixtures/configs')
  const includes = Object.fromEntries(
    readdirSync(path.join(dir, 'includes')).map((f) => [`.clawdbot/includes/${f}`, readFileSync(path.join(dir, 'includes', f), 'utf8')]),
  )
  for (const f of readdirSync(dir).filter((f) => /\.json5?$/.test(f))) {
    const text = readFileSync(path.join(dir, f), 'utf8')
    const token = /"?token"?:\s*['"]([^'"]+)['"]/.exec(text)?.[1] ?? X
    out.push({name: `fixture ${f}`, files: {[CFG]: text, ...includes}})
    const withUnit = (t: string) => ({[CFG]: text, ...includes, [UNIT]: unit([EXEC, `Environment=CLAWDBOT_GATEWAY_TOKEN=${t}`])})
    out.push({name: `fixture ${f} + unit with its token`, files: withUnit(token)})
    out.push({name: `fixture ${f} + unit with another token`, files: withUnit(X)})
  }
  // The bundled example home.
  const example = path.join(ROOT, 'test/example/home')
  const walk = (d: string): string[] =>
    readdirSync(d, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]))
  out.push({name: 'example home', files: Object.fromEntries(walk(example).map((p) => [path.relative(example, p), readFileSync(p)]))})
  // The hostile corpus' unit and .env setups (real trees, no FIFOs).
  for (const c of [...unitCases(), ...dotenvCases()]) if (!c.setup) out.push({name: `hostile ${c.family}: ${c.name}`, files: c.files, env: c.env})
  // The property test's placements, sampled (the running process cannot be written to files).
  const samples = fc.sample(setupArb().map((s) => ({...s, running: false, at: {...s.at, process: undefined}})), {numRuns: 150, seed: 11})
  for (const s of samples) out.push(filesOf(s))
  return out
}

const roots: string[] = []
afterAll(() => roots.forEach((r) => rmSync(r, {recursive: true, force: true})))

describe('every Next: line leaves the setup no worse', () => {
  const cases = corpus()
  it('covers the corpus', () => {
    expect(cases.length).toBeGreaterThan(200)
    expect(fakeToken(0)).not.toBe(fakeToken(1))
  })
  for (const c of cases) {
    it(c.name, async () => {
      const tree = materialize(c.files)
      roots.push(tree.root)
      const h: Home = {home: tree.home, env: {...c.env}, cwd: c.cwd ? path.join(tree.home, c.cwd) : undefined}
      const before = await diagnoseIn(h)
      const {report} = await doctorIn(h)
      if (!report.nextStep) return
      const outcome = await runNextStep(report.nextStep, h)
      const after = await diagnoseIn(h)
      expect(lostParties(before, after), `${report.nextStep} (${outcome})`).toEqual([])
      // A line that ran was worth running: doctor's next line is not the same one again.
      // (Not for lines whose effect offline facts cannot show: systemd's state, a doctor re-run.)
      if (outcome === 'ran' && !/^(clawdoc doctor|systemctl)|&& clawdoc doctor/.test(report.nextStep) && workingParties(before).size > 0) {
        const again = await doctorIn(h)
        expect(again.report.nextStep, 'the same Next: line again').not.toBe(report.nextStep)
      }
    })
  }
})

