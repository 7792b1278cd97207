import {defineCheck} from '../model/finding.js'
import {disagreeingClues, type ProductClue} from '../model/profiles/detect.js'
import type {Place} from '../model/place.js'
import {makeFinding} from './util.js'

function describe(c: ProductClue): string {
  const what = c.source === 'unit' ? `the unit ${c.what}` : `the ${c.product} command on PATH (${c.what})`
  return `${what} runs ${c.product}${c.release ? ` ${c.release}` : ''}`
}

function place(c: ProductClue): Place {
  return c.source === 'unit' ? {kind: 'unit', unit: c.what} : {kind: 'shell-env', variable: 'PATH'}
}

export const productMixed = defineCheck({
  id: 'product.mixed',
  title: 'One product and release in play',
  section: 'config',
  run({facts}) {
    const product = facts.product
    if (!product) return []
    const others = disagreeingClues(product)
    if (others.length === 0) return []
    const chosen = `${product.name}${product.release ? ` ${product.release}` : ''}`
    return [
      makeFinding(
        'warning',
        `This run reads the setup of ${chosen} (from ${product.detectedFrom}), but ${others.map(describe).join('; ')}: `
          + 'two releases or products side by side read different files and names, and two gateways may fight over one port.',
        {
          places: others.map(place),
          fix: {summary: 'Keep one: uninstall the other product\'s unit or package, or pass --product/--release to say which one clawdoc should judge.'},
        },
      ),
    ]
  },
})
