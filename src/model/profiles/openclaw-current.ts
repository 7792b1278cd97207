import {OPENCLAW_2026_9_6_RUNTIME} from './data/openclaw-2026.9.6.runtime.js'
import {legacyReadsFromData, namesFromData, partiesFromData} from './from-data.js'
import type {ReleaseProfile} from './types.js'

// The run-time part only: the measured tables stay out of the start path (data/openclaw-2026.9.6.ts).
const D = OPENCLAW_2026_9_6_RUNTIME

/** openclaw 2026.3.22 and later: CLAWDBOT_* ignored, token in an env file, config-first CLI. */
export const OPENCLAW_CURRENT: ReleaseProfile = {
  id: 'openclaw-current',
  product: 'openclaw',
  representative: D.names.release,
  range: {from: '2026.3.22'},
  names: namesFromData(D),
  paths: {
    stateDirVarMovesConfig: true,
    profileDirName: `${D.names.stateDirName}-<profile>`,
    legacyFallback: {dir: '.clawdbot', configFileNames: ['clawdbot.json', 'openclaw.json']},
  },
  parties: partiesFromData(D),
  legacyReads: legacyReadsFromData(D),
  withoutToken: D.errors.runtimeTokenWarning ? 'generates-token' : 'auth-none',
  unitLayout: {tokenFromConfig: D.unit.tokenFromConfig, tokenFromEnv: D.unit.tokenFromEnv, environmentFile: D.unit.environmentFile},
  errors: D.errors,
  probe: D.probe,
  reinstallCommand: 'openclaw gateway install --force',
  configSchema: {file: D.configSchema.generatedCopy, note: D.configSchema.note, checkChannelIds: false},
  data: D,
}
