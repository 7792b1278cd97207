import {OPENCLAW_2026_3_2_RUNTIME} from './data/openclaw-2026.3.2.runtime.js'
import {legacyReadsFromData, namesFromData, partiesFromData} from './from-data.js'
import type {ReleaseProfile} from './types.js'

// The run-time part only: the measured tables stay out of the start path (data/openclaw-2026.3.2.ts).
const D = OPENCLAW_2026_3_2_RUNTIME

/** openclaw 2026.1.29 up to 2026.3.21: the unit embeds the token, the CLI still reads CLAWDBOT_GATEWAY_TOKEN, env-first CLI. */
export const OPENCLAW_EARLY: ReleaseProfile = {
  id: 'openclaw-early',
  product: 'openclaw',
  representative: D.names.release,
  range: {from: '2026.1.29', until: '2026.3.22'},
  names: namesFromData(D),
  // Measured: OPENCLAW_STATE_DIR does not move `config file`; ~/.clawdbot is migrated by any command, never read in place.
  paths: {stateDirVarMovesConfig: false, profileDirName: `${D.names.stateDirName}-<profile>`},
  parties: partiesFromData(D),
  legacyReads: legacyReadsFromData(D),
  withoutToken: D.errors.runtimeTokenWarning ? 'generates-token' : 'auth-none',
  unitLayout: {tokenFromConfig: D.unit.tokenFromConfig, tokenFromEnv: D.unit.tokenFromEnv},
  errors: D.errors,
  probe: D.probe,
  reinstallCommand: 'openclaw gateway install --force',
  // It cannot print its schema, and 2026.9.6's strict schema refuses keys 2026.3.2 writes itself (measured: the config it
  // saves with a generated token): no schema, so config.invalid is skipped on this release.
  configSchema: {note: `No schema: ${D.configSchema.note}`, checkChannelIds: false},
  data: D,
}
