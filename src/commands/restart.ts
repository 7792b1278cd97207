import {Flags, ux} from '@oclif/core'

import {BaseCommand, locationFlags} from '../cli/base-command.js'
import {createContext} from '../sources/context.js'
import {renderRestartHuman, restartExitCode, restartResult, type RestartResult} from '../render/restart.js'
import {realRestartDeps} from '../restart/deps.js'
import {runRestart} from '../app/restart.js'
import {resolvePaths} from '../sources/paths.js'

export type {RestartResult}

export default class Restart extends BaseCommand {
  static override summary = 'Restart the gateway service safely: preflight, daemon-reload when needed, restart, verify.'
  static override description =
    'Refuses to restart into a config the product would discard, runs daemon-reload when the unit file changed, names any process ' +
    'outside the unit that holds the port, then waits until the unit is active and the port accepts connections, and checks the ' +
    'running process got the right token. Exit 0 ok, 1 restarted but the env token disagrees, 2 preflight blocked, 3 restart failed.'
  static override examples = ['<%= config.bin %> restart', '<%= config.bin %> restart --dry-run', '<%= config.bin %> restart --stop-strays --timeout 60']
  static override flags = {
    ...locationFlags,
    'dry-run': Flags.boolean({description: 'run the preflight only and say what would be done', default: false}),
    'stop-strays': Flags.boolean({description: 'send SIGTERM to the exact pid of a process outside the unit that holds the port', default: false}),
    timeout: Flags.integer({description: 'seconds to wait for the service to come up', default: 30, min: 1}),
    probe: Flags.boolean({description: 'after the restart, ask the gateway which tokens it accepts (default: when the port answers)', allowNo: true}),
  }

  async run(): Promise<RestartResult> {
    const {flags} = await this.parse(Restart)
    const ctx = createContext()
    const spin = Boolean(process.stderr.isTTY) && !this.jsonEnabled()
    if (spin) ux.action.start('clawdoc restart', 'preflight')
    const outcome = await runRestart(
      ctx,
      {paths: resolvePaths(ctx, flags), dryRun: flags['dry-run'], stopStrays: flags['stop-strays'], timeoutMs: flags.timeout * 1000, probe: flags.probe},
      realRestartDeps(spin ? (name) => (ux.action.status = name) : undefined),
    ).finally(() => spin && ux.action.stop())
    const result = restartResult(outcome)
    this.log(renderRestartHuman(result))
    process.exitCode = restartExitCode(outcome)
    return result
  }
}
