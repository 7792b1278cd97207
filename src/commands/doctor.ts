import {BaseCommand} from '../cli/base-command.js'
import {doctorFront, type DoctorDocument} from '../cli/doctor-cli.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {DOCTOR_FLAGS} from '../cli/specs.js'

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
  static override spec = DOCTOR_FLAGS
  static override flags = toOclifFlags(DOCTOR_FLAGS)

  async run(): Promise<DoctorDocument> {
    return this.answer(await doctorFront((await this.parsedBy(DOCTOR_FLAGS)).flags, this.io()))
  }
}
