import {defineCheck} from '../model/finding.js'
import {partyMismatch} from './util.js'

export const tokenRemoteCli = defineCheck({
  id: 'token.remote-cli',
  title: "In remote mode, the CLI sends the token of the gateway it reaches",
  section: 'tokens',
  tokenGroup: true,
  run: (d) => partyMismatch(d, 'remote-cli'),
})
