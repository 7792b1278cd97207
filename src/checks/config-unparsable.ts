import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import type {Paths} from '../model/facts.js'
import {makeFinding, shellQuote} from './util.js'

/** Where the config path came from, as the user would change it. */
function pathOrigin(paths: Pick<Paths, 'configPathSource'>): string {
  const s = paths.configPathSource
  return s === 'flag' ? '--config' : s === 'profile' ? '--profile' : s === 'default' ? 'the default path' : s
}

/** The fix for a config that cannot be read depends on why: only a permission problem is a chmod. */
function unreadableFix(code: string | undefined, paths: Pick<Paths, 'configPath' | 'configPathSource'>): {summary: string; command?: string} {
  const file = paths.configPath
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return {summary: 'Give the file back to its owner with mode 0600.', command: `chmod 600 ${shellQuote(file)}`}
    case 'EISDIR':
      return {summary: `${file} is a directory, not a config file: point ${pathOrigin(paths)} at the config file itself, not at its directory.`}
    case 'not-regular':
      return {summary: `Replace ${file} with a regular file (the product reads it as one), or point ${pathOrigin(paths)} at the config file.`}
    case 'ELOOP':
      return {summary: `Fix the symlink at ${file}: it points back into itself.`}
    default:
      return {summary: `Check ${file} (${code ?? 'unreadable'}) and that ${pathOrigin(paths)} names the config file.`}
  }
}

export const configUnparsable = defineCheck({
  id: 'config.unparsable',
  title: 'Config file parses',
  section: 'config',
  run({facts}) {
    const {config, paths} = facts
    const {product, names} = profileOf(facts)
    if (config.status !== 'parse-error' && config.status !== 'unreadable') return []
    const what = config.status === 'unreadable' ? 'cannot be read' : 'is not valid JSON5'
    const problem = config.error?.message ? ` ${config.error.message}` : ''
    return [
      makeFinding('error', `The config ${what}, so ${product} runs on an empty config (default port, no config token).${problem}`, {
        places: [config.error?.place ?? {kind: 'config', file: config.path}],
        fix: config.status === 'unreadable' ? unreadableFix(config.unreadable, paths) : {
          summary: `Fix the file at the line shown, or restore the newest backup (${names.configFileName}.bak).`,
        },
      }),
    ]
  },
})
