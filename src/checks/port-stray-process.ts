import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding} from './util.js'

export const portStrayProcess = defineCheck({
  id: 'port.stray-process',
  title: 'Only the service listens on the gateway port',
  section: 'service',
  needs: 'port',
  run({facts}) {
    const {port} = facts
    if (port.status !== 'ok') return []
    return port.listeners
      .filter((l) => l.belongsToService === false)
      .map((l) =>
        makeFinding(
          'error',
          `Port ${port.port} is held by pid ${l.pid ?? '?'} (${l.command ?? 'unknown command'}), which is not part of ${facts.unit.name}: a leftover manual ` +
            `start. systemd's gateway cannot bind, and clients talk to the stray one.`,
          {
            places: [{kind: 'port', pid: l.pid}],
            fix: {
              summary: `Stop that exact process (not by name), then restart the service.`,
              command: clawdoc(facts, 'restart', '--stop-strays'),
            },
          },
        ),
      )
  },
})
