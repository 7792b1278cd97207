import {defineCheck} from '../model/finding.js'
import {makeFinding} from './util.js'

export const envNewerNames = defineCheck({
  id: 'env.newer-names',
  title: 'No variables of a newer product name',
  section: 'config',
  run({facts}) {
    const names = facts.env.newerNames
    if (names.length === 0) return []
    return [
      makeFinding('info', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} set: clawdbot 2026.1 ignores ${names.length === 1 ? 'it' : 'them'}, ` +
        `while openclaw reads them instead of CLAWDBOT_*.`, {
        places: names.map((variable) => ({kind: 'shell-env' as const, variable})),
      }),
    ]
  },
})
