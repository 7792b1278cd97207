import {allCopies} from '../model/copies.js'
import {placesHolding} from '../model/copy.js'
import {defineCheck, type FindingDraft} from '../model/finding.js'
import type {Place} from '../model/place.js'
import {makeFinding, shellQuote} from './util.js'

const octal = (mode: number): string => (mode & 0o777).toString(8).padStart(4, '0')

/**
 * Every file other than the main config (config.permissions) that holds a token or password: an
 * `$include`, the unit or a drop-in, an EnvironmentFile=, a .env. Readable (or writable) by group or others
 * is a warning; a file below a directory they cannot search (a 0700 home) is out of their reach.
 */
export const filesPermissions = defineCheck({
  id: 'files.permissions',
  title: 'Every other file that holds a token is private (0600)',
  section: 'config',
  run({facts}) {
    const holders = new Map<string, {place: Place; variables: Set<string>}>()
    for (const c of allCopies(facts)) {
      for (const p of placesHolding(c)) {
        if (!p.file || p.file === facts.config.path || !['config', 'unit', 'env-file', 'dotenv'].includes(p.kind)) continue
        const h = holders.get(p.file) ?? {place: {kind: p.kind, file: p.file, ...(p.unit ? {unit: p.unit} : {})}, variables: new Set<string>()}
        h.variables.add(p.variable ?? p.key ?? c.label)
        holders.set(p.file, h)
      }
    }
    const out: FindingDraft[] = []
    for (const {path, mode, reach} of facts.fileModes ?? []) {
      const h = holders.get(path)
      // Read or write by group or others, who can also get through the directories above it.
      if (!h || (mode & 0o066 & reach) === 0) continue
      const what = [...h.variables].join(', ')
      out.push(
        makeFinding('warning', `${path} holds ${what} but has mode ${octal(mode)}: other users can read it.`, {
          places: [h.place],
          fix: {summary: 'Make it private (readable by you only).', command: `chmod 600 ${shellQuote(path)}`},
        }),
      )
    }
    return out
  },
})
