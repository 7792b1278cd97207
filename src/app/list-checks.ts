import {CHECKS} from '../checks/index.js'
import {EXIT} from '../model/errors.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'

export interface ListChecksResult {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'list-checks'
  ok: true
  checks: {id: string; title: string}[]
}

export interface ListChecksDeps {
  checks: readonly {id: string; title: string}[]
}

/** `clawdoc list-checks`: every check id doctor knows, with its title. */
export function runListChecks(_ctx: unknown, _opts: object = {}, deps: ListChecksDeps = {checks: CHECKS}): ListChecksResult {
  return {schemaVersion: SCHEMA_VERSION, command: 'list-checks', ok: true, checks: deps.checks.map((c) => ({id: c.id, title: c.title}))}
}

/** Exit code: always 0. */
export function listChecksExitCode(_result: ListChecksResult): number {
  return EXIT.OK
}
