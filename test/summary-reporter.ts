import type {Reporter, TestModule} from 'vitest/node'

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, after vitest's own
 * summary, so any CI log reader sees how many tests ran. Skips are counted, never hidden.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`)
    // In CI nothing may be skipped: a skipped suite is not a passing one.
    if (process.env.CI && skipped > 0) {
      process.stdout.write(`CI: ${skipped} test(s) were skipped; that is a failure here.\n`)
      process.exitCode = 1
    }
  }
}
