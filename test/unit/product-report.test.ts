import {describe, expect, it} from 'vitest'

import {runChecks} from '../../src/checks/index.js'
import type {Facts} from '../../src/model/facts.js'
import {diagnose} from '../../src/model/views.js'
import {renderDoctorHuman} from '../../src/render/doctor-human.js'
import {buildDoctorReport} from '../../src/app/doctor-report.js'
import {PLAIN} from '../../src/render/style.js'
import {makeFacts} from '../helpers/facts.js'

function report(patch: (f: Facts) => void) {
  const d = diagnose(makeFacts(patch))
  return buildDoctorReport(d.facts, runChecks(d), d.views.parties, {failOn: 'warning', ok: true})
}

const firstLines = (f: (x: Facts) => void, n = 1) => renderDoctorHuman(report(f), PLAIN, {home: '/nowhere'}).split('\n').slice(0, n)

describe('the product on the first line and in --json', () => {
  it('a detected release', () => {
    const openclaw = (f: Facts) => {
      f.product = {name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'unit', clues: []}
      f.paths.configPath = '/h/.openclaw/openclaw.json'
      f.unit.name = 'openclaw-gateway.service'
    }
    const r = report(openclaw)
    expect(r.product).toEqual({name: 'openclaw', release: '2026.9.6', profile: 'openclaw-current', detectedFrom: 'unit'})
    expect(Object.keys(r).indexOf('product')).toBe(Object.keys(r).indexOf('paths') - 1)
    expect(firstLines(openclaw)).toEqual(['clawdoc doctor — openclaw 2026.9.6 · /h/.openclaw/openclaw.json · openclaw-gateway.service'])
  })

  it('an unknown release, with the profile\'s note on the next line', () => {
    const lines = firstLines((f) => {
      const note = 'openclaw release unknown: using the newest profile (2026.9.6)'
      f.product = {name: 'openclaw', profile: 'openclaw-current', detectedFrom: 'state-dir', note, clues: []}
    }, 2)
    expect(lines[0]).toMatch(/^clawdoc doctor — openclaw \(release unknown\) · /)
    expect(lines[1]).toBe('  openclaw release unknown: using the newest profile (2026.9.6)')
  })

  it('not detected: no product field, no product on the line', () => {
    const r = report(() => {})
    expect('product' in JSON.parse(JSON.stringify(r))).toBe(false)
    expect(firstLines(() => {})[0]).not.toMatch(/clawdbot \(|openclaw /)
  })
})
