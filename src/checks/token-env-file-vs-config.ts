import * as path from 'node:path'

import {formatPlace} from '../model/format-place.js'
import {defineCheck} from '../model/finding.js'
import {isIgnoredLegacy, makeFinding, partyMismatch, syncFix, type ClientParty} from './util.js'
import {profileOf} from '../model/profiles/index.js'

const CLIENTS: readonly ClientParty[] = ['local-cli', 'remote-cli', 'gateway-tools']

export const tokenEnvFileVsConfig = defineCheck({
  id: 'token.env-file-vs-config',
  title: 'The unit\'s env file holds the config\'s token',
  section: 'tokens',
  tokenGroup: true,
  run(d) {
    const {facts, views} = d
    const envFile = profileOf(facts).unitLayout.environmentFile
    const tok = facts.unit.token
    const auth = views.productConfig?.authToken
    // A SecretRef object (2026.9.6) or null is not a value to compare: config.invalid / the party checks judge it.
    if (!envFile || !tok || !auth || auth.nonString === 'object' || auth.nonString === 'null' || tok.origin.type !== 'env-file' || isIgnoredLegacy(tok)) {
      return []
    }
    // The file the release writes (`-$STATE_DIR/gateway.systemd.env`), as this setup resolves $STATE_DIR.
    const file = path.join(facts.paths.stateDir, path.basename(envFile.replace(/^-/, '')))
    if (tok.place.file !== file || tok.value.equals(auth.value)) return []
    // A party check that already names this copy against the config says it (with the party's consequence): not twice.
    const said = CLIENTS.flatMap((p) => partyMismatch(d, p)).some((f) => f.copies?.includes(tok.id) && f.copies.includes(auth.id))
    if (said) return []
    return [
      makeFinding('error', `${formatPlace(tok.place)} holds another gateway token than ${formatPlace(auth.place)}: the unit's environment and the config ` +
        'disagree, so the gateway\'s in-process tools and the product\'s own drift check see two tokens, and whichever copy you rotate next leaves the ' +
        'other stale.', {copies: [tok, auth], fix: syncFix(facts, 'Make the env file hold the config\'s value, then restart the gateway.')}),
    ]
  },
})
