import {defineCheck} from '../model/finding.js'
import {partyMismatch} from './util.js'

export const tokenGatewayTools = defineCheck({
  id: 'token.gateway-tools',
  title: "Tools inside the gateway send the server's token",
  section: 'tokens',
  tokenGroup: true,
  run: (d) => partyMismatch(d, 'gateway-tools'),
})
