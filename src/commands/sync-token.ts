import {BaseCommand} from '../cli/base-command.js'
import {toOclifFlags} from '../cli/oclif-flags.js'
import {SYNC_TOKEN_FLAGS} from '../cli/specs.js'
import {syncTokenFront} from '../cli/sync-token-cli.js'
import type {SyncTokenResult} from '../render/sync.js'

export type {SyncTokenResult}

export default class SyncToken extends BaseCommand {
  static override summary = 'Write one gateway token into every copy clawdbot reads (config, unit, .env files), safely.'
  static override description =
    'Plans every edit first, shows a masked diff, then writes with backups, a lock and rollback. Default value: the token the gateway server takes at its ' +
      'next start (gateway.auth.token, else the unit file token).'
  static override examples = [
    '<%= config.bin %> sync-token --dry-run',
    '<%= config.bin %> sync-token --yes',
    'pass show clawdbot | <%= config.bin %> sync-token --token-stdin --yes',
    '<%= config.bin %> sync-token --migrate-legacy-names --dry-run',
  ]
  static override spec = SYNC_TOKEN_FLAGS
  static override flags = toOclifFlags(SYNC_TOKEN_FLAGS)

  async run(): Promise<SyncTokenResult> {
    return this.answer(await syncTokenFront((await this.parsedBy(SYNC_TOKEN_FLAGS)).flags, this.io()))
  }
}
