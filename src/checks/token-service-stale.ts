import type {TokenCopy} from '../model/copy.js'
import {defineCheck, type FindingDraft} from '../model/finding.js'
import {clawdoc, makeFinding, systemctl} from './util.js'
import {names} from '../model/profiles/names.js'

function same(a: TokenCopy | undefined, b: TokenCopy | undefined): boolean {
  if (!a || !b) return !a && !b
  return a.value.equals(b.value)
}

export const tokenServiceStale = defineCheck({
  id: 'token.service-stale',
  title: 'Running service uses the unit file\'s token',
  section: 'service',
  needs: 'service',
  run({facts}) {
    const {service, unit} = facts
    const {tokenVar} = names(facts)
    if (service.status !== 'ok' || unit.status !== 'ok' || service.loadState === 'not-found') return []
    const out: FindingDraft[] = []
    const unitPlace = unit.token?.place ?? {kind: 'unit' as const, file: unit.path}
    // `show -p Environment` lists Environment= only; EnvironmentFile= values are read at start,
    // so for those only the running process can be compared.
    const fromEnvFile = unit.token?.origin.type === 'env-file'
    if (!fromEnvFile && !same(unit.token, service.managerToken)) {
      out.push(
        makeFinding('error', `systemd still has the old ${tokenVar} loaded for ${unit.name}: the unit file was edited without daemon-reload, and ` +
          `a restart alone keeps the old value.`, {
          places: [unitPlace, ...(service.managerToken ? [service.managerToken.place] : [])],
          fix: {summary: 'Reload the manager, then restart the service.', command: `${systemctl('daemon-reload')} && ${clawdoc(facts, 'restart')}`},
        }),
      )
    }
    const loaded = fromEnvFile ? unit.token : service.managerToken
    if (service.processEnvStatus === 'ok' && !same(loaded, service.processToken)) {
      out.push(
        makeFinding('error', `The running gateway (pid ${service.mainPid}) was started with a different ${tokenVar} than systemd now holds: it ` +
          `needs a restart.`, {
          places: [...(service.processToken ? [service.processToken.place] : [{kind: 'process' as const, pid: service.mainPid}])],
          fix: {summary: 'Restart through systemd (never pkill: systemd restarts it with whatever it has loaded).', command: clawdoc(facts, 'restart')},
        }),
      )
    }
    return out
  },
})
