import {defineConfig} from 'vitest/config'

/**
 * One project per tier, so that each can run alone (`npm run test:<tier>`, which is `--project <tier>`) and the full
 * `npm test` runs them all. The tiers that need root or the network check that first, in their globalSetup
 * (test/tiers/): without it they fail with one line instead of passing quietly.
 */
const tier = (name: string, dirs: string[], globalSetup: string[] = []) => ({
  extends: true as const,
  test: {name, include: dirs.map((d) => `test/${d}/**/*.test.ts`), globalSetup},
})

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    testTimeout: 30_000,
    // Interop hooks install the real product once (about 40 s) and start real gateways.
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      tier('unit', ['unit']),
      // Real files and processes, no privileges: the hostile-input corpus and the secret-leak harness belong here.
      tier('integration', ['integration', 'hostile', 'hygiene']),
      tier('e2e', ['e2e'], ['test/tiers/setup-e2e.ts']),
      tier('interop', ['interop'], ['test/tiers/setup-interop.ts']),
    ],
  },
})
