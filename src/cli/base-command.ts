import {Command, Flags} from '@oclif/core'

import {errorExitCode, errorJson, errorText, type ErrorJson} from '../render/error.js'

export {SCHEMA_VERSION} from '../render/error.js'

/** Flags every command shares: where to look. */
export const locationFlags = {
  profile: Flags.string({description: 'clawdbot profile name (same as the product\'s --profile): ~/.clawdbot-NAME and clawdbot-gateway-NAME.service', helpGroup: 'LOCATION'}),
  dev: Flags.boolean({description: 'same as --profile dev', helpGroup: 'LOCATION', default: false}),
  config: Flags.string({description: 'path of clawdbot.json (default: as the product resolves it)', helpGroup: 'LOCATION'}),
  unit: Flags.string({description: 'systemd user unit name (default: clawdbot-gateway[-PROFILE].service)', helpGroup: 'LOCATION'}),
}

/**
 * Every clawdoc command: JSON on stdout when --json, one clear sentence on
 * stderr otherwise, never a stack trace for a user error, and the exit codes
 * of the README (0 ok, 1 findings, 2 usage/input/runtime, 3 apply/restart failed).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  override logJson(json: unknown): void {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n')
  }

  protected commandName(): string {
    return this.id ?? 'clawdoc'
  }

  override toErrorJson(err: unknown): ErrorJson {
    return errorJson(this.commandName(), err)
  }

  override async catch(err: Error & {oclif?: {exit?: number}; exitCode?: number}): Promise<void> {
    // oclif's own exit (this.exit()) and help/version requests pass through untouched.
    if (err.constructor?.name === 'ExitError') throw err
    process.exitCode = errorExitCode(err)
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(err))
      return
    }
    process.stderr.write(errorText(err))
    if (errorJson(this.commandName(), err).error.code === 'INTERNAL') this.debug(err)
  }
}
