// Which product and release a run is about: plain types, the ground the profiles and the facts both stand on.

export type Product = 'clawdbot' | 'openclaw'

export type ProfileId = 'clawdbot' | 'openclaw-early' | 'openclaw-current'

export type ProductSource = 'flag' | 'unit' | 'path' | 'state-dir' | 'default'

/** One piece of evidence that points at another product or profile than the one chosen. */
export interface ProductClue {
  source: Exclude<ProductSource, 'flag' | 'default'>
  product: Product
  release?: string
  profile?: ProfileId
  /** What it is: the unit name, the command path, the state dir. */
  what: string
  /** A state dir that is a symlink: where it points (openclaw 2026.3.2 leaves ~/.clawdbot -> ~/.openclaw after migrating). */
  linkTo?: string
}

export interface ProductFacts {
  name: Product
  release?: string
  profile: ProfileId
  detectedFrom: ProductSource
  note?: string
  /** Every clue, the chosen one included (product.mixed compares them). */
  clues: ProductClue[]
}
