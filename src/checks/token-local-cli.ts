import {defineCheck} from '../model/finding.js'
import {partyMismatch} from './util.js'

export const tokenLocalCli = defineCheck({
  id: 'token.local-cli',
  title: "The local CLI sends the server's token",
  section: 'tokens',
  tokenGroup: true,
  run: (d) => partyMismatch(d, 'local-cli'),
})
