import {BaseCommand} from '../cli/base-command.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {restartFront} from '../cli/restart-cli.js'
import {RESTART_FLAGS} from '../cli/specs.js'
import type {RestartResult} from '../render/restart.js'

export type {RestartResult}

export default class Restart extends BaseCommand {
  static override summary = 'Restart the gateway service safely: preflight, daemon-reload when needed, restart, verify.'
  static override description =
    'Refuses to restart into a config the product would discard, runs daemon-reload when the unit file changed, names any process ' +
    'outside the unit that holds the port, then waits until the unit is active and the port accepts connections, and checks the ' +
    'running process got the right token. Exit 0 ok, 1 restarted but the env token disagrees, 2 preflight blocked, 3 restart failed.'
  static override examples = ['<%= config.bin %> restart', '<%= config.bin %> restart --dry-run', '<%= config.bin %> restart --stop-strays --timeout 60']
  static override spec = RESTART_FLAGS
  static override flags = toOclifFlags(RESTART_FLAGS)

  async run(): Promise<RestartResult> {
    return this.answer(await restartFront((await this.parsedBy(RESTART_FLAGS)).flags, this.io()))
  }
}
