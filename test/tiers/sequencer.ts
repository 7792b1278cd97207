import {BaseSequencer, type TestSpecification} from 'vitest/node'

/**
 * The whole run is as long as its longest file plus what is left for the other worker, so that file starts first. It is
 * openclaw 2026.9.6's live drift suite (about 6 of the 10 minutes of a full run on the 2-core CI machine, measured in
 * `vitest --reporter=json`). vitest's own order would start it after the e2e and integration tiers (projects in
 * alphabetical order), and on a clean clone it has no durations to go by. The other files keep vitest's order (local runs:
 * failed first, then longest first); .ci/run installs openclaw 2026.9.6 first so this file waits least for its product.
 */
export const FIRST = ['test/interop/live-drift-openclaw.test.ts']

export default class CriticalPathFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification): number => {
      const i = FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`))
      return i === -1 ? FIRST.length : i
    }
    // Array.prototype.sort is stable: vitest's order holds within each rank.
    return sorted.sort((a, b) => rank(a) - rank(b))
  }
}
