import {installCommand} from '../model/profiles/index.js'
import {formatPlace} from '../model/format-place.js'
import {defineCheck} from '../model/finding.js'
import {clawdoc, isIgnoredLegacy, makeFinding, releaseName} from './util.js'
import {profileOf} from '../model/profiles/index.js'

export const unitInlineToken = defineCheck({
  id: 'unit.inline-token',
  title: 'The unit keeps the token where the release puts it',
  section: 'service',
  run({facts}) {
    const layout = profileOf(facts).unitLayout
    const tok = facts.unit.token
    // Legacy names the release ignores are env.legacy-names'; a token from EnvironmentFile= is not inline.
    if (layout.tokenFromConfig === 'inline' || !tok || tok.origin.type === 'env-file' || tok.place.kind !== 'unit' || isIgnoredLegacy(tok)) return []
    const where = layout.tokenFromConfig === 'env-file' ? `in ${layout.environmentFile?.replace(/^-/, '') ?? 'an env file'}` : 'in the config only'
    return [
      makeFinding('warning', `The unit embeds the gateway token at ${formatPlace(tok.place)}, but ${releaseName(facts)} keeps it ${where}: ` +
        'the next rotation (a `config set`, an onboarding, a reinstall) leaves this copy stale, and the gateway keeps the old token (openclaw#17223).', {
        copies: [tok],
        fix: {
          summary: `Rewrite the unit the way the release installs it (${installCommand(facts, {force: true})}), then sync every copy to the server's value.`,
          command: `${installCommand(facts, {force: true})} && ${clawdoc(facts, 'sync-token', '--yes', '--restart')}`,
        },
      }),
    ]
  },
})
