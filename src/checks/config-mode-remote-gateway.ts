import {defineCheck} from '../model/finding.js'
import {profileOf} from '../model/profiles/index.js'
import {isLoopbackUrl, makeFinding, shellQuote, systemctl} from './util.js'

export const configModeRemoteGateway = defineCheck({
  id: 'config.mode-remote-gateway',
  title: 'A machine that runs the gateway is in local mode',
  section: 'config',
  run({facts, views}) {
    if (!views.productConfig || views.productConfig.mode !== 'remote' || facts.unit.status !== 'ok') return []
    // `gateway --allow-unconfigured` makes the product start anyway (its own refusal text says so).
    if (facts.unit.allowUnconfigured) return []
    const gw = views.productConfig
    const clientOfAnotherGateway = gw.remoteUrl !== undefined && !isLoopbackUrl(gw.remoteUrl)
    return [
      makeFinding('error', `gateway.mode is "remote" while ${facts.unit.name} is installed here: the gateway refuses to start ("set gateway.mode=local") and ` +
        `systemd restarts it every 5 s.`, {
        places: [views.productConfig.places['gateway.mode'] ?? {kind: 'config', file: facts.config.path, key: 'gateway.mode'}],
        fix: clientOfAnotherGateway
          ? {
              // Switching to local mode would point this machine's CLI away from the gateway it uses now.
              summary:
                `This machine's CLI uses the gateway at ${gw.remoteUrl}; if that is intended, stop and disable the unit here ` +
                '(else set gateway.mode to local).',
              command: systemctl('disable', '--now', shellQuote(facts.unit.name)),
            }
          : {summary: 'Use local mode on the machine that runs the gateway.', command: `${profileOf(facts).product} config set gateway.mode local`},
      }),
    ]
  },
})
