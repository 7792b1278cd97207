import {defineCheck, type FindingDraft} from '../model/finding.js'
import {makeFinding, syncFix} from './util.js'

export const tokenUnitVsConfig = defineCheck({
  id: 'token.unit-vs-config',
  title: 'Unit file token matches gateway.auth.token',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    if (!views.productConfig) return []
    const auth = views.productConfig.authToken
    const out: FindingDraft[] = []
    const exec = facts.unit.execToken
    if (exec && auth && !exec.value.equals(auth.value)) {
      out.push(
        makeFinding('error', '--token in the unit\'s ExecStart differs from gateway.auth.token: the server uses the ExecStart value and the CLI the config ' +
          'value.', {
          copies: [exec, auth],
          fix: {summary: 'Remove --token from ExecStart (reinstall with: clawdbot daemon install --force), then sync.'},
        }),
      )
    }
    const unitTok = facts.unit.token
    if (!unitTok || !auth || auth.value.isEmpty || unitTok.value.equals(auth.value)) return out
    out.push(
      makeFinding(
        'error',
        'CLAWDBOT_GATEWAY_TOKEN in the unit differs from gateway.auth.token: the server accepts the config value, but tools inside the gateway (browser, ' +
          'cron, nodes) send the unit value and are rejected.',
        {copies: [unitTok, auth], fix: syncFix(facts, 'Make the unit and the config agree, then restart.')},
      ),
    )
    return out
  },
})
