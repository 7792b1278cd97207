import {decideProduct, type ProductDecision} from '../model/profiles/detect.js'
import type {ReleaseProfile} from '../model/profiles/index.js'
import type {Paths} from '../model/facts.js'
import {debugCaught} from '../model/debug.js'
import type {Context} from '../sources/context.js'
import {resolvePaths, userUnitDirs, type PathFlags} from '../sources/paths.js'
import {readProductEvidence, type ProductFlags} from '../sources/product.js'

export type LocateFlags = PathFlags & ProductFlags

/**
 * The profile's paths. A release that picks its config by what exists (openclaw) is resolved twice: once to
 * learn which paths it asks about, then with their answers (one stat each, all at once); clawdbot asks none.
 */
export async function profilePaths(ctx: Pick<Context, 'env' | 'home' | 'cwd' | 'fs'>, flags: PathFlags, profile: ReleaseProfile): Promise<Paths> {
  const asked = new Set<string>()
  const first = resolvePaths(ctx, flags, profile, (p) => {
    asked.add(p)
    return false
  })
  if (asked.size === 0) return first
  const found = new Set<string>()
  await Promise.all(
    [...asked].map(async (p) => {
      try {
        await ctx.fs.stat(p)
        found.add(p)
      } catch (error) {
        const code = (error as {code?: string}).code
        if (code !== 'ENOENT' && code !== 'ENOTDIR') debugCaught(`stat ${p}`, error)
      }
    }),
  )
  return resolvePaths(ctx, flags, profile, (p) => found.has(p))
}

/** Which product and release are in play, then where its files are. */
export async function locate(ctx: Pick<Context, 'env' | 'home' | 'cwd' | 'fs'>, flags: LocateFlags): Promise<{paths: Paths; product: ProductDecision}> {
  const product = decideProduct(await readProductEvidence(ctx, flags, userUnitDirs(ctx)))
  return {paths: await profilePaths(ctx, flags, product.profile), product}
}
