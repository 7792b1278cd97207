import {defineCheck, type FindingDraft} from '../model/finding.js'
import {makeFinding} from './util.js'

const MAX = 20

/**
 * What the unit, drop-in and EnvironmentFile= readers noticed that systemd treats differently from
 * how the file looks: an unbalanced quote drops the rest of a line (and the token with it), a
 * masked unit never starts, a required EnvironmentFile= is missing, a .env cannot be read.
 */
export const unitSyntax = defineCheck({
  id: 'unit.syntax',
  title: 'The unit, drop-ins and environment files read as they look',
  section: 'service',
  run({facts}) {
    const problems = [
      ...facts.unit.warnings,
      ...[facts.env.cwdDotenv, facts.env.stateDirDotenv].flatMap((d) => (d.error ? [d.error] : [])),
    ]
    const out: FindingDraft[] = problems.slice(0, MAX).map((p) =>
      makeFinding(
        'warning',
        p.message,
        {places: [p.place], fix: {summary: 'Correct the line shown (systemd.syntax(7)), then run systemctl --user daemon-reload.'}},
      ),
    )
    if (problems.length > MAX) out.push(makeFinding('info', `…and ${problems.length - MAX} more of the same kind.`, {places: []}))
    return out
  },
})
