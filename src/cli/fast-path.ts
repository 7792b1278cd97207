import {parseArgs} from 'node:util'

import {runDoctorCli, type DoctorFlags} from './doctor-cli.js'
import {errorExitCode, errorJson, errorText} from '../render/error.js'
import {SEVERITIES} from '../model/finding.js'

/**
 * Start-up fast path for `clawdoc doctor`: loading @oclif/core alone costs more than node's own
 * start (README.md, Performance), and doctor must answer in ~3x `node -e 0`. Plain, valid doctor invocations
 * are parsed here with node's parseArgs and run without oclif; anything else (help, --explain,
 * --list-checks, a usage error) returns false and goes through oclif, which owns help and usage
 * messages. test/integration/fast-path.test.ts proves both paths print the same thing.
 */
export async function fastDoctor(argv: string[]): Promise<boolean> {
  let values: Record<string, string | boolean | string[] | undefined>
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        json: {type: 'boolean'},
        offline: {type: 'boolean'},
        probe: {type: 'boolean'},
        'no-probe': {type: 'boolean'},
        remote: {type: 'boolean'},
        verbose: {type: 'boolean', short: 'v'},
        color: {type: 'boolean'},
        'no-color': {type: 'boolean'},
        'fail-on': {type: 'string'},
        only: {type: 'string', multiple: true},
        skip: {type: 'string', multiple: true},
        profile: {type: 'string'},
        dev: {type: 'boolean'},
        config: {type: 'string'},
        unit: {type: 'string'},
      },
    }).values
  } catch (error) {
    // Not ours to word: oclif reports unknown flags and missing values.
    if ((error as {code?: string}).code?.startsWith('ERR_PARSE_ARGS')) return false
    throw error
  }
  if (values['fail-on'] !== undefined && !(SEVERITIES as readonly unknown[]).includes(values['fail-on'])) return false
  if ((values.probe && values['no-probe']) || (values.color && values['no-color'])) return false
  const split = (v: unknown) => (v as string[] | undefined)?.flatMap((s) => s.split(',')).filter((s) => s !== '')
  const flags: DoctorFlags = {
    ...(values as DoctorFlags),
    probe: values.probe ? true : values['no-probe'] ? false : undefined,
    color: values.color ? true : values['no-color'] ? false : undefined,
    only: split(values.only),
    skip: split(values.skip),
  }
  try {
    const {report, exitCode} = await runDoctorCli(flags, {log: (s) => process.stdout.write(s + '\n')})
    if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
    process.exitCode = exitCode
  } catch (error) {
    process.exitCode = errorExitCode(error)
    if (flags.json) process.stdout.write(JSON.stringify(errorJson('doctor', error), null, 2) + '\n')
    else process.stderr.write(errorText(error))
  }
  return true
}
