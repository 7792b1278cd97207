import {createInterface} from 'node:readline/promises'

import {Flags} from '@oclif/core'

import {BaseCommand, locationFlags} from '../cli/base-command.js'
import {createContext} from '../sources/context.js'
import {ClawdocError, EXIT} from '../model/errors.js'
import {runSync} from '../app/sync-token.js'
import type {TokenChoice, TokenSourceName} from '../fix/token-value.js'
import {fileDiff, renderSyncHuman, syncResult, type SyncTokenResult} from '../render/sync.js'
import {renderRestartHuman, restartExitCode, restartResult} from '../render/restart.js'
import {realRestartDeps} from '../restart/deps.js'
import {runRestart} from '../app/restart.js'
import {resolvePaths} from '../sources/paths.js'

export type {SyncTokenResult}

export default class SyncToken extends BaseCommand {
  static override summary = 'Write one gateway token into every copy clawdbot reads (config, unit, .env files), safely.'
  static override description =
    'Plans every edit first, shows a masked diff, then writes with backups, a lock and rollback. Default value: the token the gateway server takes at its next start (gateway.auth.token, else the unit file token).'
  static override examples = ['<%= config.bin %> sync-token --dry-run', '<%= config.bin %> sync-token --yes', 'pass show clawdbot | <%= config.bin %> sync-token --token-stdin --yes']
  static override flags = {
    ...locationFlags,
    token: Flags.string({description: 'use this value (visible in shell history and ps; prefer --token-stdin)', exclusive: ['token-stdin', 'generate', 'from']}),
    'token-stdin': Flags.boolean({description: 'read the value from stdin', default: false, exclusive: ['generate', 'from']}),
    generate: Flags.boolean({description: 'make a new random token (48 hex, like the product)', default: false, exclusive: ['from']}),
    from: Flags.string({description: 'copy the value from this copy', options: ['auth', 'remote', 'env', 'unit']}),
    'allow-weak': Flags.boolean({description: 'accept a --token/--token-stdin value shorter than 16 characters', default: false}),
    'dry-run': Flags.boolean({description: 'show the masked diff and change nothing', default: false}),
    yes: Flags.boolean({char: 'y', description: 'do not ask before writing', default: false}),
    offline: Flags.boolean({description: 'do not ask systemd about the service', default: false}),
    restart: Flags.boolean({description: 'then restart the gateway through systemd and verify it (same as clawdoc restart)', default: false, exclusive: ['dry-run', 'offline']}),
  }

  async run(): Promise<SyncTokenResult> {
    const {flags} = await this.parse(SyncToken)
    const ctx = createContext()
    const choice: TokenChoice = flags.generate
      ? {kind: 'generate'}
      : flags.from
        ? {kind: 'from', source: flags.from as TokenSourceName}
        : flags['token-stdin']
          ? {kind: 'value', value: await readStdin(), via: 'stdin'}
          : flags.token !== undefined
            ? {kind: 'value', value: flags.token, via: 'flag'}
            : {kind: 'server'}
    const confirm = async (plan: Parameters<Parameters<typeof runSync>[1]['confirm']>[0]): Promise<boolean> => {
      if (flags.yes) return true
      if (!process.stdin.isTTY || flags['token-stdin'] || this.jsonEnabled()) {
        throw new ClawdocError('USAGE', 'Not asking on a non-interactive terminal: nothing was changed.', {hint: 'Review with --dry-run, then pass --yes.'})
      }
      for (const f of plan.files) this.log([f.path, ...fileDiff(f)].join('\n'))
      const rl = createInterface({input: process.stdin, output: process.stderr})
      const answer = await rl.question(`Write ${plan.files.length} file(s)? [y/N] `)
      rl.close()
      return /^y(es)?$/i.test(answer.trim())
    }
    const o = await runSync(ctx, {paths: resolvePaths(ctx, flags), choice, dryRun: flags['dry-run'], confirm, live: !flags.offline, allowWeak: flags['allow-weak']})
    const failed = Boolean(o.apply?.error)
    const ok = o.plan.blockers.length === 0 && !failed && (flags['dry-run'] || o.findingsAfter.length === 0)
    const result = syncResult(o, flags['dry-run'], ok)
    this.log(renderSyncHuman(o, result, flags['dry-run'], flags.restart))
    if (failed) process.exitCode = EXIT.FAILED
    else if (o.plan.blockers.length > 0) process.exitCode = EXIT.ERROR
    else if (!flags['dry-run'] && o.findingsAfter.length > 0) process.exitCode = EXIT.FINDINGS
    if (flags.restart && !failed && o.plan.blockers.length === 0) {
      // The files now agree; cycle the service so the running process gets the value too.
      const outcome = await runRestart(ctx, {paths: resolvePaths(ctx, flags), dryRun: false, stopStrays: false, timeoutMs: 30_000}, realRestartDeps())
      result.restart = restartResult(outcome)
      result.ok = result.ok && result.restart.ok
      this.log('')
      this.log(renderRestartHuman(result.restart))
      const code = restartExitCode(outcome)
      if (code !== EXIT.OK) process.exitCode = code === EXIT.ERROR ? EXIT.FAILED : code
    }
    return result
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of process.stdin) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
