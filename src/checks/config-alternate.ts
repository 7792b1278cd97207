import {defineCheck} from '../model/finding.js'
import * as path from 'node:path'

import {legacyStateDirsBeside, makeFinding} from './util.js'

export const configAlternate = defineCheck({
  id: 'config.alternate',
  title: 'Only one product config is in play',
  section: 'config',
  run({facts}) {
    // A config inside a legacy state dir beside the live one is state.both-dirs' (it says which dir is live and why).
    const covered = legacyStateDirsBeside(facts).map((l) => l.path)
    return facts.alternates.filter((a) => !covered.includes(path.dirname(a.path))).map((a) =>
      makeFinding(
        a.newer && a.product !== 'clawdbot' ? 'warning' : 'info',
        a.product === 'clawdbot'
          ? `Another clawdbot config exists at ${a.path}; this run reads ${facts.config.path}.`
          : `A ${a.product} config exists at ${a.path}${a.newer ? ' and is newer than the clawdbot one' : ''}: if you upgraded, the gateway may read that ` +
            `file (and OPENCLAW_* variables) instead of ${facts.config.path}.`,
        {
          places: [{kind: 'config', file: a.path}],
          fix: {summary: 'Make sure you edit the file your installed version reads (`clawdbot --version` / `openclaw --version`).'},
        },
      ),
    )
  },
})
