import {productInstalled} from '../helpers/clawdbot.js'
import {exitUnlessTierCanRun, machine} from './preconditions.mjs'

/** vitest globalSetup of the interop project: one line and exit status 1 when the machine cannot host the tier. */
export default function setup(): void {
  exitUnlessTierCanRun('interop', machine({productCached: productInstalled()}))
}
