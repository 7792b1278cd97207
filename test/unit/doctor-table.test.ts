import {readFileSync} from 'node:fs'

import {describe, expect, it} from 'vitest'

// @ts-expect-error: a plain .mjs tool without types (test/tools/doctor-table.mjs)
import {DATA, README, recordInto, renderTable, withTable} from '../tools/doctor-table.mjs'

// The README's "openclaw doctor vs clawdoc" table is generated from test/interop/live-drift-openclaw.json, which the
// live interop suite compares with the real openclaw 2026.9.6. Here: the committed table is the one that data gives.
const data = JSON.parse(readFileSync(DATA as string, 'utf8')) as {drifts: Record<string, {title: string; clawdoc: {check: string; repair: string[]}}>}

describe('README: openclaw doctor vs clawdoc', () => {
  it('the committed table is generated from the committed data (node test/tools/doctor-table.mjs --write)', () => {
    const readme = readFileSync(README as string, 'utf8')
    expect(readme).toBe(withTable(readme, renderTable(data)))
  })

  it('a changed record changes the table (the test can fail)', () => {
    const changed = structuredClone(data)
    Object.values(changed.drifts)[0].clawdoc.check = 'no.such-check'
    expect(renderTable(changed)).not.toBe(renderTable(data))
    expect(renderTable(changed)).toContain('`no.such-check`')
  })

  it('--record takes the product side of a run and keeps the titles and clawdoc columns', () => {
    const run = {
      measuredOpenclawDoctor: true,
      baseline: {fixture: 'f', productHealth: 'ok', clawdocErrors: []},
      drifts: Object.fromEntries(Object.keys(data.drifts).map((id) => [id, {fixture: id, productHealth: 'token-mismatch', clawdocErrors: ['x']}])),
    }
    const out = recordInto(data, run) as typeof data & {baseline: unknown; drifts: Record<string, Record<string, unknown>>}
    expect(out.baseline).toEqual({fixture: 'f', productHealth: 'ok'})
    for (const [id, d] of Object.entries(out.drifts)) {
      expect(d).toEqual({title: data.drifts[id].title, fixture: id, productHealth: 'token-mismatch', clawdoc: data.drifts[id].clawdoc})
    }
  })

  it('--record refuses a run that did not measure openclaw\'s own doctor (the table would lose those columns)', () => {
    const run = {measuredOpenclawDoctor: false, baseline: {fixture: 'f', productHealth: 'ok'}, drifts: {}}
    expect(() => recordInto(data, run)).toThrow(/did not run openclaw's own doctor; record with npm run record:doctor-table/)
  })
})
