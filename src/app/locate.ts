import {decideProduct, type ProductDecision} from '../model/profiles/detect.js'
import type {Paths} from '../model/facts.js'
import type {Context} from '../sources/context.js'
import {resolvePaths, userUnitDirs, type PathFlags} from '../sources/paths.js'
import {readProductEvidence, type ProductFlags} from '../sources/product.js'

export type LocateFlags = PathFlags & ProductFlags

/** Which product and release are in play, then where its files are. */
export async function locate(ctx: Pick<Context, 'env' | 'home' | 'cwd' | 'fs'>, flags: LocateFlags): Promise<{paths: Paths; product: ProductDecision}> {
  const product = decideProduct(await readProductEvidence(ctx, flags, userUnitDirs(ctx)))
  return {paths: resolvePaths(ctx, flags), product}
}
