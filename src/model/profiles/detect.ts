import {chooseProfile, PROFILES} from './index.js'
import type {Product, ProductClue, ProductFacts, ProductSource} from '../product.js'
import type {ReleaseProfile} from './types.js'

export type {ProductClue, ProductFacts, ProductSource}

// Which product and release are in play, from the evidence src/sources/product.ts reads. Pure.

/** A package.json beside the entry a unit or a PATH command runs. */
export interface PackageInfo {
  name: string
  version?: string
  file: string
}

export interface ProductEvidence {
  flags: {product?: Product; release?: string}
  /** Units found in the user unit dirs, in the order the reader looked (the asked-for unit first). */
  units: {unitName: string; file: string; pkg?: PackageInfo}[]
  /** `openclaw` / `clawdbot` commands on PATH, first in PATH order. */
  bins: {command: Product; path: string; pkg?: PackageInfo}[]
  /** State dirs that exist under HOME (names such as `.openclaw`). */
  stateDirs: string[]
  /** Those of them that are symlinks, with the real path they resolve to. */
  stateDirLinks?: Record<string, string>
}



const PRODUCTS: readonly Product[] = ['openclaw', 'clawdbot']

function asProduct(name: string | undefined): Product | undefined {
  return PRODUCTS.find((p) => p === name)
}

/** The product a unit name belongs to (its own or a legacy name of a profile). */
function unitProduct(unitName: string): Product | undefined {
  const base = unitName.replace(/\.service$/, '')
  const hit = PROFILES.find((p) => [p.names.unitName, p.names.unitNameWithProfile].some((n) => matchesUnit(n, base)))
  if (hit) return hit.product
  // moltbot-gateway was the Moltbot-era name of clawdbot's unit.
  return base.startsWith('moltbot-gateway') ? 'clawdbot' : undefined
}

function matchesUnit(pattern: string, base: string): boolean {
  const p = pattern.replace(/\.service$/, '')
  const [head, tail] = p.split('<profile>')
  return tail === undefined ? base === p : base.startsWith(head) && base.endsWith(tail) && base.length > head.length + tail.length
}

function stateDirProduct(dir: string): Product | undefined {
  return PROFILES.find((p) => p.names.stateDirName === dir)?.product
}

function clue(source: ProductClue['source'], product: Product, what: string, release?: string): ProductClue {
  return {source, product, what, release, profile: release === undefined ? undefined : chooseProfile(product, release).profile.id}
}

/** Every clue in source order: units, then PATH, then state dirs. */
export function productClues(e: ProductEvidence): ProductClue[] {
  const out: ProductClue[] = []
  for (const u of e.units) {
    const product = asProduct(u.pkg?.name) ?? unitProduct(u.unitName)
    if (product) out.push(clue('unit', product, u.unitName, u.pkg?.version))
  }
  for (const b of e.bins) out.push(clue('path', asProduct(b.pkg?.name) ?? b.command, b.path, b.pkg?.version))
  // State dirs alone are weak: with both ~/.clawdbot and ~/.openclaw and no unit or command to tell, clawdoc keeps
  // what it always assumed (clawdbot) and config.alternate names the other config.
  const dirs = e.stateDirs.map((d) => ({d, p: stateDirProduct(d)})).sort((a, b) => PRODUCTS.indexOf(b.p!) - PRODUCTS.indexOf(a.p!))
  for (const {d, p} of dirs) {
    if (!p) continue
    const c = clue('state-dir', p, d)
    const link = e.stateDirLinks?.[d]
    if (link !== undefined) c.linkTo = link
    out.push(c)
  }
  return out
}

export interface ProductDecision {
  facts: ProductFacts
  profile: ReleaseProfile
}

/**
 * Flags first; then the unit's package, the command on PATH, the state dirs; else clawdbot (what clawdoc assumed
 * before it knew other products). The release comes from the first clue of the chosen product that has one.
 */
export function decideProduct(e: ProductEvidence): ProductDecision {
  const clues = productClues(e)
  const first = clues[0]
  const name: Product = e.flags.product ?? first?.product ?? 'clawdbot'
  const detectedFrom: ProductSource = e.flags.product ? 'flag' : (first?.source ?? 'default')
  const release = e.flags.release ?? clues.find((c) => c.product === name && c.release !== undefined)?.release
  const {profile, note} = chooseProfile(name, release)
  const facts: ProductFacts = {name, profile: profile.id, detectedFrom, clues}
  if (release !== undefined) facts.release = release
  if (note !== undefined) facts.note = note
  return {facts, profile}
}

/**
 * The units and commands that point elsewhere than the chosen product or profile. State dirs are left out: a
 * release may read a legacy dir by design (openclaw 2026.9.6 falls back to ~/.clawdbot).
 */
export function disagreeingClues(f: ProductFacts): ProductClue[] {
  return f.clues.filter((c) => c.source !== 'state-dir' && (c.product !== f.name || (c.profile !== undefined && c.profile !== f.profile)))
}
