import {runChecks} from '../checks/index.js'
import {gatherFacts, refreshLive} from '../sources/gather.js'
import {tcpAccepts} from './tcp.js'
import type {PhaseName, RestartDeps} from './types.js'

/** The real dependencies of runRestart (tests inject fakes instead). */
export function realRestartDeps(onPhase?: (name: PhaseName) => void): RestartDeps {
  return {
    gather: gatherFacts,
    refresh: refreshLive,
    runChecks: (d) => runChecks(d),
    // One exact pid, chosen by the preflight from the port's owner; never a name.
    kill: (pid, sig) => process.kill(pid, sig),
    tcpAccepts,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onPhase,
  }
}
