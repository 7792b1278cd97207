import * as path from 'node:path'

import {defineCheck} from '../model/finding.js'
import {legacyStateDirsBeside, makeFinding, releaseName} from './util.js'
import {profileOf} from '../model/profiles/index.js'

export const stateBothDirs = defineCheck({
  id: 'state.both-dirs',
  title: 'One state dir in play',
  section: 'config',
  run({facts}) {
    const legacy = legacyStateDirsBeside(facts)
    if (legacy.length === 0) return []
    const profile = profileOf(facts)
    const live = facts.paths.stateDir
    const src = facts.paths.configPathSource
    const current = path.join(facts.paths.home, profile.names.stateDirName)
    const why =
      src === 'flag'
        ? `--config names ${facts.paths.configPath}`
        : src === 'default'
          ? `that is where ${releaseName(facts)} looks`
          : src === 'profile'
            ? `--profile ${facts.paths.profile ?? ''} names it`
            : `${src} is set`
    return legacy.map((l) =>
      makeFinding(
        'warning',
        `Both ${current} and ${l.path} exist; the live state dir is ${live} ` +
          `(config ${facts.paths.configPath}) because ${why}. ${l.dir}: ${l.note} Edits, tokens and pairings kept in the other dir change nothing ` +
          '(openclaw#3533: "pairing required" / "unauthorized").',
        {
          places: [{kind: 'config', file: live}, {kind: 'config', file: l.path}],
          fix: {
            summary: `Keep ${live}: compare the configs, move anything you still need into ${facts.paths.configPath}, then rename ${l.path} ` +
              `(e.g. to ${l.dir.replace(/^\./, '')}.bak) so no tool or person reads it by mistake.`,
          },
        },
      ),
    )
  },
})
