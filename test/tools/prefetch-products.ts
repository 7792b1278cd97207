// Installs (and warms up once) every real product release the interop tier runs, into the same
// cache and through the same helpers the suites use (test/helpers/clawdbot.ts, openclaw.ts), so that
// .ci/run can start it in the background while lint, build and the fast tiers use the CPU: the
// installs are mostly network and disk. The suites take the cache's lock and wait for a prefetch
// still under way; when this fails, they install on their own and fail loudly if they cannot.
//
//   node .ci/prefetch.mjs   (bundles and runs this file; see .ci/run)
import {ensureClawdbot} from '../helpers/clawdbot.js'
import {ensureOpenclaw, OPENCLAW_RELEASES, type OpenclawRelease} from '../helpers/openclaw.js'

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

// One after another: on two cores, parallel installs and warm-ups only slow the fast tiers that
// run beside this. The order is the order the interop files need them in.
const results = [await timed('clawdbot', ensureClawdbot)]
for (const r of Object.keys(OPENCLAW_RELEASES) as OpenclawRelease[]) results.push(await timed(`openclaw ${r}`, () => ensureOpenclaw(r)))
process.exitCode = results.every(Boolean) ? 0 : 1
