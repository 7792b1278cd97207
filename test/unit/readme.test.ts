import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {PROFILES} from '../../src/model/profiles/index.js'
import {ROOT} from '../helpers/cli.js'
import {generateReadme, precedenceSuite, SECTIONS} from '../tools/readme.js'

// Parts of the README are generated (test/tools/readme.ts, the one generator) from data that tests prove: the
// precedence rows of each release profile, the profile names and layouts, the check registry. This test fails
// when the README drifts; `npm run readme` rewrites it.
const README = path.join(ROOT, 'README.md')

describe('README generated sections', () => {
  it('match the data they are generated from', () => {
    const current = readFileSync(README, 'utf8')
    const wanted = generateReadme(current)
    if (process.env.UPDATE_README && current !== wanted) writeFileSync(README, wanted)
    expect(process.env.UPDATE_README ? readFileSync(README, 'utf8') : current).toBe(wanted)
  })

  it('have one precedence table per profile, each naming a suite that exists', () => {
    const tables = SECTIONS.precedence()
    for (const p of PROFILES) {
      expect(tables).toContain(`#### ${p.product} ${p.representative}\n`)
      expect(existsSync(path.join(ROOT, precedenceSuite(p))), precedenceSuite(p)).toBe(true)
    }
    expect(tables.match(/^\| what it shows /gm)).toHaveLength(PROFILES.length)
  })

  it('summarise every profile in a column of its own', () => {
    const [head] = SECTIONS.profiles().split('\n')
    for (const p of PROFILES) expect(head).toContain(`(\`${p.id}\`)`)
  })
})
