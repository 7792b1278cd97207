import {defineCheck} from '../model/finding.js'
import {PROFILES, profileOf} from '../model/profiles/index.js'
import {makeFinding} from './util.js'

export const envNewerNames = defineCheck({
  id: 'env.newer-names',
  title: 'No variables of a newer product name',
  section: 'config',
  run({facts}) {
    const names = facts.env.newerNames
    if (names.length === 0) return []
    const profile = profileOf(facts)
    // Which products read those names as their own (from the profiles' prefixes), and the release line in play.
    const readers = [...new Set(PROFILES.filter((p) => names.some((n) => n.startsWith(p.names.envPrefix))).map((p) => p.product))]
    const line = `${profile.product} ${profile.representative.split('.').slice(0, 2).join('.')}`
    return [
      makeFinding('info', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} set: ${line} ignores ${names.length === 1 ? 'it' : 'them'}, ` +
        `while ${readers.join('/') || 'another release'} reads them instead of ${profile.names.envPrefix}*.`, {
        places: names.map((variable) => ({kind: 'shell-env' as const, variable})),
      }),
    ]
  },
})
