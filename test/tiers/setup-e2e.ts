import {exitUnlessTierCanRun} from './preconditions.mjs'

/** vitest globalSetup of the e2e project: one line and exit status 1 when the machine cannot host the tier. */
export default function setup(): void {
  exitUnlessTierCanRun('e2e')
}
