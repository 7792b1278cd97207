import {Flags} from '@oclif/core'

import {BaseCommand, locationFlags} from '../cli/base-command.js'
import {CHECKS} from '../checks/index.js'
import {createContext} from '../sources/context.js'
import {runDoctorCli} from '../cli/doctor-cli.js'
import type {DoctorReport} from '../render/doctor-json.js'
import {makeStyle} from '../render/style.js'
import {SEVERITIES} from '../model/finding.js'

export type DoctorResult = DoctorReport | {schemaVersion: number; command: 'doctor'; ok: true; checks: {id: string; title: string}[]}

export default class Doctor extends BaseCommand {
  static override summary = 'Find every copy of the gateway token and say which one each party uses (read-only).'
  static override description =
    'Reads the config (with $include and ${VAR}), the shell environment, .env files, the systemd user unit and its drop-ins, ' +
    'the running service and the gateway port. Changes nothing. Token values are never shown: only their length and a SHA-256 prefix.'
  static override examples = [
    '<%= config.bin %> doctor',
    '<%= config.bin %> doctor --json',
    '<%= config.bin %> doctor --profile work --fail-on error',
    '<%= config.bin %> doctor --explain "gateway closed (1008): unauthorized: gateway token mismatch"',
  ]
  static override flags = {
    ...locationFlags,
    only: Flags.string({description: 'run only these check ids (comma-separated)', delimiter: ',', multiple: true}),
    skip: Flags.string({description: 'skip these check ids (comma-separated)', delimiter: ',', multiple: true}),
    'list-checks': Flags.boolean({description: 'list the check ids and exit', default: false}),
    'fail-on': Flags.string({description: 'lowest severity that makes the exit code 1', options: [...SEVERITIES], default: 'warning'}),
    probe: Flags.boolean({description: 'ask the running gateway which tokens it accepts (default: when its port answers on loopback)', allowNo: true}),
    remote: Flags.boolean({description: 'also probe gateway.remote.url (sends the remote token there)', default: false}),
    offline: Flags.boolean({description: 'do not ask systemd, /proc or the gateway; read files and the environment only', default: false}),
    explain: Flags.string({description: 'explain a pasted error text ("-" reads it from stdin)'}),
    color: Flags.boolean({description: 'colour output (default: when stdout is a terminal and NO_COLOR is unset)', allowNo: true}),
    verbose: Flags.boolean({char: 'v', description: 'also list skipped checks', default: false}),
  }

  async run(): Promise<DoctorResult | unknown> {
    const {flags} = await this.parse(Doctor)
    const ctx = createContext()
    const style = await makeStyle({env: ctx.env, isTTY: Boolean(process.stdout.isTTY), noColor: flags.color === false})
    if (flags['list-checks']) {
      const checks = CHECKS.map((c) => ({id: c.id, title: c.title}))
      this.log(checks.map((c) => `${c.id.padEnd(28)} ${c.title}`).join('\n'))
      return {schemaVersion: 1, command: 'doctor', ok: true, checks}
    }
    if (flags.explain !== undefined) {
      const {explainCommand} = await import('../app/explain.js')
      return explainCommand(this, flags.explain, style)
    }
    const {report, exitCode} = await runDoctorCli(flags, this)
    process.exitCode = exitCode
    return report
  }
}
