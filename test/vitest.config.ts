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
    // Two test files at a time, whatever the core count. vitest's default (cores - 1) is one file at a time on the
    // 2-core CI machine, and most of the time of the slow tiers is spent waiting on child processes (real gateways,
    // systemd, the built CLI), not in the test process. Every file that starts a gateway or a user manager takes its own
    // free ports, HOME, cgroup and mount namespace, so two files never share one.
    maxWorkers: 2,
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
