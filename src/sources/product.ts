import * as path from 'node:path'

import {parseExecStart, parseUnitText} from '../formats/unit/syntax.js'
import {debugCaught} from '../model/debug.js'
import {PROFILES, type Product} from '../model/profiles/index.js'
import type {PackageInfo, ProductEvidence} from '../model/profiles/detect.js'
import type {Context} from './context.js'
import {assertRegularFile} from './regular-file.js'

// The evidence of which product and release are in play (decided by model/profiles/detect.ts). Files only,
// never a process: a few readFile/realpath/stat calls, all at once, to stay inside doctor's start-up budget.

export interface ProductFlags {
  product?: string
  release?: string
  profile?: string
  dev?: boolean
  unit?: string
}

const COMMANDS: readonly Product[] = ['openclaw', 'clawdbot']
/** How far above an entry script its package.json may be (dist/index.js → ../package.json). */
const PACKAGE_DEPTH = 3

function missing(err: unknown): boolean {
  const code = (err as {code?: string}).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

async function readText(ctx: Pick<Context, 'fs'>, file: string): Promise<string | undefined> {
  try {
    // A unit (or package.json) that is a FIFO or a device would block or never end: check first.
    await assertRegularFile(ctx.fs, file)
    return (await ctx.fs.readFile(file, 'utf8')) as string
  } catch (error) {
    if (!missing(error)) debugCaught(`read ${file}`, error)
    return undefined
  }
}

/** The nearest package.json above `entry` that names a product. */
async function packageOf(ctx: Pick<Context, 'fs'>, entry: string): Promise<PackageInfo | undefined> {
  let dir = path.dirname(entry)
  for (let i = 0; i < PACKAGE_DEPTH; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json')
    const text = await readText(ctx, file)
    if (text === undefined) continue
    try {
      const json = JSON.parse(text) as {name?: unknown; version?: unknown}
      if (typeof json.name === 'string' && (COMMANDS as readonly string[]).includes(json.name)) {
        return {name: json.name, version: typeof json.version === 'string' ? json.version : undefined, file}
      }
    } catch (error) {
      debugCaught(`parse ${file}`, error)
    }
    return undefined
  }
  return undefined
}

/** The script a unit's last ExecStart= runs: the first argument after the interpreter that ends in .js/.mjs/.cjs. */
function execEntry(text: string, file: string): string | undefined {
  const exec = parseUnitText(text, file).entries.filter((e) => e.section === 'Service' && e.key === 'ExecStart' && e.value !== '').at(-1)
  if (!exec) return undefined
  const script = parseExecStart(exec.value).argv.find((a, i) => i > 0 && /\.[cm]?js$/.test(a))
  return script !== undefined && path.isAbsolute(script) ? script : undefined
}

/** Unit names to look for: the asked-for one, else each profile's (with --profile's suffix), newest product first. */
function unitCandidates(flags: ProductFlags, envProfile: string | undefined): string[] {
  if (flags.unit) return [flags.unit.endsWith('.service') ? flags.unit : `${flags.unit}.service`]
  const profile = flags.dev ? 'dev' : (flags.profile ?? envProfile)
  const names: string[] = []
  for (const p of [...PROFILES].reverse()) {
    const n = profile && profile.toLowerCase() !== 'default' ? p.names.unitNameWithProfile.replace('<profile>', profile) : p.names.unitName
    if (!names.includes(n)) names.push(n)
  }
  return names
}

async function findUnit(ctx: Pick<Context, 'fs'>, dirs: string[], unitName: string): Promise<ProductEvidence['units'][number] | undefined> {
  for (const dir of dirs) {
    const file = path.join(dir, unitName)
    const text = await readText(ctx, file)
    if (text === undefined) continue
    const entry = execEntry(text, file)
    return {unitName, file, pkg: entry ? await packageOf(ctx, entry) : undefined}
  }
  return undefined
}

async function findCommand(ctx: Pick<Context, 'fs' | 'env'>, command: Product): Promise<ProductEvidence['bins'][number] | undefined> {
  const dirs = (ctx.env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d))
  const found = await Promise.all(
    dirs.map(async (d) => {
      try {
        return await ctx.fs.realpath(path.join(d, command))
      } catch (error) {
        if (!missing(error)) debugCaught(`resolve ${command} on PATH`, error)
        return undefined
      }
    }),
  )
  const real = found.find((f) => f !== undefined)
  return real === undefined ? undefined : {command, path: real, pkg: await packageOf(ctx, real)}
}

async function exists(ctx: Pick<Context, 'fs'>, dir: string): Promise<boolean> {
  try {
    return (await ctx.fs.stat(dir)).isDirectory()
  } catch (error) {
    if (!missing(error)) debugCaught(`stat ${dir}`, error)
    return false
  }
}

/** The state dirs (names under HOME) that are symlinks, with their real paths; one lstat each. */
async function symlinkTargets(ctx: Pick<Context, 'fs' | 'home'>, dirs: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  await Promise.all(
    dirs.map(async (d) => {
      const p = path.join(ctx.home, d)
      try {
        if ((await ctx.fs.lstat(p)).isSymbolicLink()) out[d] = await ctx.fs.realpath(p)
      } catch (error) {
        // It existed a moment ago (stat); gone or unreadable now: treated as a plain dir, which it was reported as.
        if (!missing(error)) debugCaught(`lstat ${p}`, error)
      }
    }),
  )
  return out
}

/**
 * Read the evidence. `unitDirs` are the user unit dirs the product writes to (the first of the search path:
 * a unit elsewhere was not installed by the product).
 */
export async function readProductEvidence(ctx: Pick<Context, 'fs' | 'env' | 'home'>, flags: ProductFlags, unitDirs: string[]): Promise<ProductEvidence> {
  const envProfile = PROFILES.map((p) => ctx.env[p.names.profileVar]?.trim()).find((v) => v !== undefined && v !== '')
  const stateDirNames = [...new Set(PROFILES.map((p) => p.names.stateDirName))]
  const [units, bins, dirs] = await Promise.all([
    Promise.all(unitCandidates(flags, envProfile).map((n) => findUnit(ctx, unitDirs, n))),
    Promise.all(COMMANDS.map((c) => findCommand(ctx, c))),
    Promise.all(stateDirNames.map(async (d) => ((await exists(ctx, path.join(ctx.home, d))) ? d : undefined))),
  ])
  const product = COMMANDS.find((c) => c === flags.product)
  const stateDirs = dirs.filter((d) => d !== undefined)
  const evidence: ProductEvidence = {
    flags: {product, release: flags.release},
    units: units.filter((u) => u !== undefined),
    bins: bins.filter((b) => b !== undefined),
    stateDirs,
  }
  const links = await symlinkTargets(ctx, stateDirs)
  if (Object.keys(links).length > 0) evidence.stateDirLinks = links
  return evidence
}
