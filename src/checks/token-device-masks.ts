import {serverAccepts} from '../model/parties.js'
import {defineCheck} from '../model/finding.js'
import {makeFinding} from './util.js'

export const tokenDeviceMasks = defineCheck({
  id: 'token.device-masks',
  title: 'Stored device tokens do not hide a shared-token fault',
  section: 'tokens',
  run({facts, views}) {
    const {devices} = facts
    if (!devices.present || devices.tokenCount === 0) return []
    const p = views.parties
    const client = facts.config.gateway.mode === 'remote' ? p['remote-cli'] : p['local-cli']
    const broken = serverAccepts(p.server, client.value) === false
    return [
      makeFinding(
        broken ? 'warning' : 'info',
        broken
          ? `${devices.tokenCount} stored device token(s) let the product's CLI connect even though its shared token is wrong: "the CLI works" proves ` +
            `nothing here, other clients still get 1008.`
          : `${devices.tokenCount} stored device token(s) are sent instead of the shared token by the product's CLI; a CLI success does not prove the shared ` +
            `token is right.`,
        {
          places: [{kind: 'device-store', file: devices.path}],
          fix: {summary: 'Trust `clawdoc doctor --probe` (it sends the shared token without a device), not a CLI success.'},
        },
      ),
    ]
  },
})
