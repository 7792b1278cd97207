// Installs every real product release the interop tier runs, into the same cache and through the
// same helpers the suites use (test/helpers/clawdbot.ts, openclaw.ts), so that .ci/run can start it
// in the background while lint, build and the fast tiers use the CPU: an install is mostly network
// and disk. The warm-up start (CPU: the product compiles its plugins) stays with the interop tier,
// where it has the machine to itself. The suites take the cache's lock and wait for a prefetch
// still under way; when this fails, they install on their own and fail loudly if they cannot.
//
//   node .ci/prefetch.mjs   (bundles and runs this file; see .ci/run)
import {installClawdbot} from '../helpers/clawdbot.js'
import {installOpenclaw, OPENCLAW_RELEASES, type OpenclawRelease} from '../helpers/openclaw.js'

async function timed(what: string, fn: () => Promise<unknown>): Promise<boolean> {
  const started = Date.now()
  try {
    await fn()
    process.stdout.write(`prefetch: ${what} ready in ${((Date.now() - started) / 1000).toFixed(0)} s\n`)
    return true
  } catch (error) {
    process.stdout.write(`prefetch: ${what} failed: ${(error as Error).message.split('\n')[0]}\n`)
    return false
  }
}

// One after another (npm itself uses the CPU the fast tiers beside this need), in the order the interop tier starts its
// files: vitest runs the tiers' projects in alphabetical order and, on a clean clone (no durations cached), the larger
// files first. The interop tier starts with openclaw 2026.9.6's live drift suite (also the longest file of the run), then
// clawdbot's; the early openclaw's suites come last. Installed in another order, the first interop file waited minutes.
const ORDER: [string, () => Promise<unknown>][] = [
  ['openclaw 2026.9.6', () => installOpenclaw('2026.9.6')],
  ['clawdbot', installClawdbot],
  ...(Object.keys(OPENCLAW_RELEASES) as OpenclawRelease[])
    .filter((r) => r !== '2026.9.6')
    .map((r): [string, () => Promise<unknown>] => [`openclaw ${r}`, () => installOpenclaw(r)]),
]
const results: boolean[] = []
for (const [what, install] of ORDER) results.push(await timed(what, install))
process.exitCode = results.every(Boolean) ? 0 : 1
