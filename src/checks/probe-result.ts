import {defineCheck, type FindingDraft} from '../model/finding.js'
import {serverAccepts} from '../model/parties.js'
import {clawdoc, makeFinding, newTokenFix, partyScope} from './util.js'

export const probeResult = defineCheck({
  id: 'probe.result',
  title: 'The running gateway accepts the token the clients send',
  section: 'service',
  needs: 'probe',
  run({facts, views}) {
    const probe = facts.probe
    if (!probe || probe.status !== 'ok') return []
    const out: FindingDraft[] = []
    if (probe.authOff) {
      out.push(makeFinding('error', `The gateway at ${probe.target} accepted a random token: auth is off.`, {
        places: [{kind: 'port', pid: facts.service.mainPid}],
        fix: newTokenFix({facts, views}, 'Generate a token into every place, then restart.', '--restart'),
      }))
      return out
    }
    const accepted = probe.results.filter((r) => r.outcome === 'accepted')
    // In remote mode through a loopback URL to another machine's gateway (a tunnel), no copy here is that gateway's:
    // token.remote-cli says what its refusal means, and a restart here would not help.
    const tunnel = partyScope({facts, views}, 'remote-cli')
    if (probe.results.length > 0 && accepted.length === 0 && !(tunnel.inPlay && !tunnel.localServer)) {
      out.push(makeFinding('error', `The gateway at ${probe.target} accepts none of the ${probe.results.length} token value(s) found on this machine: the ` +
        `running gateway uses a value that is no longer on disk (restart it) or another gateway holds the port.`, {
        places: [],
        fix: {summary: 'Restart through systemd so it reads the current files.', command: clawdoc(facts, 'restart')},
      }))
    }
    const p = views.parties
    const client = facts.config.gateway.mode === 'remote' ? undefined : p['local-cli']
    // When the model already sees the local CLI's mismatch, token.local-cli reports it; the probe
    // speaks only when the live gateway contradicts the model (it holds a value no file has).
    const modelSeesIt = client?.value !== undefined && serverAccepts(p.server, client.value) === false
    if (client?.value && accepted.length > 0 && !modelSeesIt) {
      const mine = probe.results.find((r) => r.sha256 === client.value!.fingerprint)
      if (mine && mine.outcome !== 'accepted') {
        out.push(makeFinding('error', `The gateway rejects the token the local CLI sends (${client.copy?.label ?? 'unknown'}): ` +
          `${mine.message ?? mine.outcome}.`, {
          copies: client.copy ? [client.copy] : [],
          fix: {summary: 'Make every copy the value the gateway accepts.', command: clawdoc(facts, 'sync-token', '--dry-run')},
        }))
      }
    }
    return out
  },
})
