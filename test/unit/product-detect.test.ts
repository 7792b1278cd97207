import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import {runChecks} from '../../src/checks/index.js'
import {diagnose} from '../../src/model/views.js'
import {decideProduct, disagreeingClues} from '../../src/model/profiles/detect.js'
import type {ReadFs} from '../../src/sources/context.js'
import {readProductEvidence} from '../../src/sources/product.js'
import {userUnitDirs} from '../../src/sources/paths.js'
import {makeFacts} from '../helpers/facts.js'

const H = '/home/u'
const UNITS = `${H}/.config/systemd/user`
const PATH = '/usr/local/bin:/usr/bin'

function memfs(files: Record<string, string>, links: Record<string, string> = {}): ReadFs {
  const vol = Volume.fromJSON(files)
  for (const [link, target] of Object.entries(links)) {
    vol.mkdirSync(link.slice(0, link.lastIndexOf('/')), {recursive: true})
    vol.symlinkSync(target, link)
  }
  return vol.promises as unknown as ReadFs
}

const unit = (node: string, entry: string): string => `[Service]\nExecStart=${node} ${entry} gateway --port 18789\n`
const pkg = (name: string, version: string): string => JSON.stringify({name, version})

interface DetectOpts {
  links?: Record<string, string>
  flags?: Record<string, string>
  env?: Record<string, string>
}

async function detect(files: Record<string, string>, opts: DetectOpts = {}) {
  const ctx = {fs: memfs(files, opts.links), env: {PATH, ...opts.env}, home: H}
  return decideProduct(await readProductEvidence(ctx, opts.flags ?? {}, userUnitDirs(ctx)))
}

const OPENCLAW_PKG = '/usr/local/lib/node_modules/openclaw'
const CLAWDBOT_PKG = '/usr/local/lib/node_modules/clawdbot'

describe('product detection', () => {
  it('nothing at all: clawdbot, release unknown, from the default', async () => {
    const d = await detect({'/tmp/x': ''})
    expect(d.facts).toEqual({name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'default', clues: []})
  })

  it('a legacy state dir that is a symlink (openclaw 2026.3.2 migrated it) carries where it points', async () => {
    const d = await detect({[`${H}/.openclaw/openclaw.json`]: '{}'}, {links: {[`${H}/.clawdbot`]: `${H}/.openclaw`}})
    const dirs = d.facts.clues.filter((c) => c.source === 'state-dir')
    expect(dirs.map((c) => [c.what, c.linkTo])).toEqual([['.clawdbot', `${H}/.openclaw`], ['.openclaw', undefined]])
  })

  it('only ~/.clawdbot: clawdbot from the state dir', async () => {
    const d = await detect({[`${H}/.clawdbot/clawdbot.json`]: '{}'})
    expect(d.facts).toMatchObject({name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'state-dir'})
    expect(d.facts.release).toBeUndefined()
  })

  it('the unit\'s ExecStart package gives product and release (openclaw dist/index.js)', async () => {
    const d = await detect({
      [`${UNITS}/openclaw-gateway.service`]: unit('/usr/bin/node', `${OPENCLAW_PKG}/dist/index.js`),
      [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.9.6'),
      [`${H}/.clawdbot/clawdbot.json`]: '{}',
    })
    expect(d.facts).toMatchObject({name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'unit'})
    expect(d.facts.note).toBeUndefined()
    expect(disagreeingClues(d.facts)).toEqual([])
  })

  it('clawdbot\'s dist/entry.js, and openclaw 2026.3.2 gets the early profile', async () => {
    const c = await detect({
      [`${UNITS}/clawdbot-gateway.service`]: unit('/n', `${CLAWDBOT_PKG}/dist/entry.js`),
      [`${CLAWDBOT_PKG}/package.json`]: pkg('clawdbot', '2026.1.24-3'),
    })
    expect(c.facts).toMatchObject({name: 'clawdbot', release: '2026.1.24-3', profile: 'clawdbot', detectedFrom: 'unit'})
    const o = await detect({
      [`${UNITS}/openclaw-gateway.service`]: unit('/n', `${OPENCLAW_PKG}/openclaw.mjs`),
      [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.3.2'),
    })
    expect(o.facts).toMatchObject({name: 'openclaw', release: '2026.3.2', profile: 'openclaw-early'})
  })

  it('the command on PATH: the symlink resolved to its package.json (never run)', async () => {
    const d = await detect({[`${OPENCLAW_PKG}/openclaw.mjs`]: '', [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.12.1'), '/usr/bin/.keep': ''}, {
      links: {'/usr/local/bin/openclaw': `${OPENCLAW_PKG}/openclaw.mjs`},
    })
    expect(d.facts).toMatchObject({name: 'openclaw', release: '2026.12.1', profile: 'openclaw-current', detectedFrom: 'path'})
    expect(d.facts.note).toMatch(/newer than the newest measured release/)
  })

  it('flags win: --product alone takes the release of a matching clue; --release overrides', async () => {
    const files = {
      [`${UNITS}/openclaw-gateway.service`]: unit('/n', `${OPENCLAW_PKG}/dist/index.js`),
      [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.3.2'),
    }
    expect((await detect(files, {flags: {product: 'clawdbot'}})).facts).toMatchObject({name: 'clawdbot', profile: 'clawdbot', detectedFrom: 'flag'})
    expect((await detect(files, {flags: {release: '2026.9.6'}})).facts).toMatchObject({name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current'})
  })

  it('an openclaw command with a clawdbot unit still installed is product.mixed', async () => {
    const d = await detect({
      [`${UNITS}/clawdbot-gateway.service`]: unit('/n', `${CLAWDBOT_PKG}/dist/entry.js`),
      [`${CLAWDBOT_PKG}/package.json`]: pkg('clawdbot', '2026.1.24-3'),
      [`${OPENCLAW_PKG}/openclaw.mjs`]: '',
      [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.9.6'),
    }, {links: {'/usr/local/bin/openclaw': `${OPENCLAW_PKG}/openclaw.mjs`}})
    expect(d.facts).toMatchObject({name: 'clawdbot', detectedFrom: 'unit'})
    expect(disagreeingClues(d.facts)).toEqual([
      {source: 'path', product: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', what: `${OPENCLAW_PKG}/openclaw.mjs`},
    ])
    const facts = makeFacts((f) => {
      f.product = d.facts
    })
    const r = runChecks(diagnose(facts), {only: ['product.mixed']}).find((c) => c.id === 'product.mixed')!
    expect(r.status).toBe('warning')
    expect(r.findings[0].message).toMatch(/clawdbot 2026\.1\.24-3 \(from unit\).*openclaw command on PATH .* runs openclaw 2026\.9\.6/)
  })

  it('two releases of one product (unit on 2026.3.2, PATH on 2026.9.6) disagree by profile; the same profile does not', async () => {
    const files = {
      [`${UNITS}/openclaw-gateway.service`]: unit('/n', '/opt/oc/dist/index.js'),
      '/opt/oc/package.json': pkg('openclaw', '2026.3.2'),
      [`${OPENCLAW_PKG}/openclaw.mjs`]: '',
      [`${OPENCLAW_PKG}/package.json`]: pkg('openclaw', '2026.9.6'),
    }
    const d = await detect(files, {links: {'/usr/local/bin/openclaw': `${OPENCLAW_PKG}/openclaw.mjs`}})
    expect(d.facts).toMatchObject({release: '2026.3.2', profile: 'openclaw-early'})
    expect(disagreeingClues(d.facts).map((c) => c.profile)).toEqual(['openclaw-current'])
  })
})

describe('state dirs alone', () => {
  it('only ~/.openclaw: openclaw, release unknown (newest profile, said so)', async () => {
    const d = await detect({[`${H}/.openclaw/openclaw.json`]: '{}'})
    expect(d.facts).toMatchObject({name: 'openclaw', profile: 'openclaw-current', detectedFrom: 'state-dir', note: expect.stringMatching(/release unknown/)})
  })

  it('both dirs and nothing else: clawdbot, as clawdoc always assumed', async () => {
    const d = await detect({[`${H}/.openclaw/openclaw.json`]: '{}', [`${H}/.clawdbot/clawdbot.json`]: '{}'})
    expect(d.facts).toMatchObject({name: 'clawdbot', detectedFrom: 'state-dir'})
  })
})
