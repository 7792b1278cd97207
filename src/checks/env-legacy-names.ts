import {allCopies} from '../model/copies.js'
import {formatPlace} from '../model/format-place.js'
import {defineCheck} from '../model/finding.js'
import {clawdoc, isIgnoredLegacy, makeFinding, releaseName} from './util.js'
import {profileOf} from '../model/profiles/index.js'

/** Copies the gateway itself would take (its unit, drop-ins, env files, <stateDir>/.env, its running environment). */
const GATEWAY_SIDE = new Set(['unit.env', 'unit.env.password', 'statedir.dotenv', 'service.manager-env', 'service.process-env'])

export const envLegacyNames = defineCheck({
  id: 'env.legacy-names',
  title: 'No legacy variable names the release ignores',
  section: 'config',
  run({facts, views}) {
    const ignored = allCopies(facts).filter(isIgnoredLegacy)
    if (ignored.length === 0) return []
    const profile = profileOf(facts)
    const where = ignored.map((c) => formatPlace(c.place)).join('; ')
    const prefixes = [...new Set(ignored.map((c) => c.legacyName!.prefix))].map((p) => `${p}*`).join(' and ')
    const base = `${releaseName(facts)} ignores ${prefixes} (it reads only ${profile.names.envPrefix}* names): ${where}`
    const server = views.serverNextStart
    const gatewayRunsHere = facts.unit.status === 'ok' || ignored.some((c) => GATEWAY_SIDE.has(c.id))
    // Until the readers drop an ignored copy from the party model, the server may still "win" one: it counts as none.
    const noServerToken = server.authMode !== 'password' && (server.copy === undefined || isIgnoredLegacy(server.copy))
    const shellOnly = ignored.every((c) => c.place.kind === 'shell-env')
    const fix = shellOnly
      ? {summary: `Rename the export in your shell profile (~/.bashrc, ~/.profile or ~/.zshrc) to ${profile.names.envPrefix}…, then open a new shell.`}
      : {
        summary: `Rename them to ${profile.names.envPrefix}… in the unit, drop-ins and env files (a lossless rename, with backup), then restart the gateway.`,
        command: clawdoc(facts, 'sync-token', '--migrate-legacy-names', '--yes', '--restart'),
      }
    if (gatewayRunsHere && noServerToken && views.productConfig?.mode !== 'remote') {
      const said = profile.errors.runtimeTokenWarning ? ` (it logs "${profile.errors.runtimeTokenWarning}")` : ''
      return [
        makeFinding('error', `${base}. So the gateway has no token: it runs on a random runtime token generated at each start${said}; the local CLI ` +
          'still gets in through device pairing, every other client is locked out.', {copies: ignored, fix}),
      ]
    }
    return [makeFinding('warning', `${base}. They change nothing; whoever set them expects them to.`, {copies: ignored, fix})]
  },
})
