import {Command, ux} from '@oclif/core'

import {errorJson, type ErrorExtras, type ErrorJson} from '../render/error.js'
import {secretValues, type FlagSpec, type Parsed} from './flag-spec.js'
import {reportError, writeJson, type Answer, type Io} from './output.js'
import {suggest} from './suggest.js'

/**
 * Every clawdoc command under oclif. Output and errors go through cli/output.ts, as on the fast
 * path: JSON on stdout when --json, one clear sentence on stderr otherwise, never a stack trace for
 * a user error, and the exit codes of the README (0 ok, 1 findings, 2 usage/input/runtime, 3 apply/restart failed).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true
  /** The command's flag spec (cli/specs.ts); `static flags` is generated from it. */
  static spec: FlagSpec = {}

  override logJson(json: unknown): void {
    writeJson(json)
  }

  protected commandName(): string {
    return this.id ?? 'clawdoc'
  }

  override toErrorJson(err: unknown): ErrorJson {
    return errorJson(this.commandName(), err, this.errorExtras(err))
  }

  /** An unknown flag gets the nearest known one ("did you mean"); a secret flag's value is never echoed. */
  private errorExtras(err: unknown): ErrorExtras {
    const spec = (this.constructor as typeof BaseCommand).spec
    const unknown = (err as {flags?: unknown}).flags
    let hint: string | undefined
    if (Array.isArray(unknown) && typeof unknown[0] === 'string') {
      const near = suggest(unknown[0].replace(/^-+/, '').split('=')[0], [...Object.keys(spec), 'json', 'help'])
      if (near) hint = `Did you mean --${near}? See: clawdoc ${this.commandName()} --help`
    }
    return {hint, secrets: secretValues(spec, this.argv)}
  }

  /** The flags (typed from the command's spec, the same spec that made `static flags`) and the arguments. */
  protected async parsedBy<S extends FlagSpec>(_spec: S): Promise<{flags: Parsed<S>; args: Record<string, string | undefined>}> {
    const {flags, args} = await this.parse()
    return {flags: flags as Parsed<S>, args: args as Record<string, string | undefined>}
  }

  protected io(): Io {
    return {
      log: (text) => this.log(text),
      json: this.jsonEnabled(),
      stdinIsTTY: Boolean(process.stdin.isTTY),
      stdoutIsTTY: Boolean(process.stdout.isTTY),
      stderrIsTTY: Boolean(process.stderr.isTTY),
      spinner: {start: (a, s) => ux.action.start(a, s), status: (s) => (ux.action.status = s), stop: () => ux.action.stop()},
    }
  }

  /** Set the exit code and hand the document to oclif (which prints it with --json, through logJson). */
  protected answer<T>(a: Answer<T>): T {
    process.exitCode = a.exitCode
    return a.doc
  }

  override async catch(err: Error & {oclif?: {exit?: number}; exitCode?: number}): Promise<void> {
    // oclif's own exit (this.exit()) and help/version requests pass through untouched.
    if (err.constructor?.name === 'ExitError') throw err
    reportError(this.commandName(), err, this.jsonEnabled(), this.errorExtras(err))
    if (errorJson(this.commandName(), err).error.code === 'INTERNAL') this.debug(err)
  }
}
