import {defineCheck, type FindingDraft} from '../model/finding.js'
import {makeFinding, syncFix} from './util.js'

const CREDENTIAL_PAIRS = [
  ['appKey', 'appSecret'],
  ['clientId', 'clientSecret'],
] as const

export const channelDingtalk = defineCheck({
  id: 'channel.dingtalk',
  title: 'DingTalk channel is complete and agrees on the token',
  section: 'tokens',
  tokenGroup: true,
  run({facts, views}) {
    const out: FindingDraft[] = []
    // Compare with the server's token, or with the file's auth token when the product discards the
    // config (the bridge copy must still match once the config is fixed).
    const expected = views.parties.server.value ?? facts.config.gateway.authToken?.value
    for (const ch of facts.config.channels) {
      if (!/dingtalk/i.test(ch.id)) continue
      if (ch.enabled === false) {
        out.push(makeFinding('info', `channels.${ch.id} is disabled.`, {places: [ch.place]}))
      }
      const hasPair = CREDENTIAL_PAIRS.some(([a, b]) => ch.keys.includes(a) && ch.keys.includes(b))
      if (!hasPair) {
        // Name exactly what is missing: the other half of a pair that is half there, else both pairs.
        const half = CREDENTIAL_PAIRS.filter((pair) => pair.some((k) => ch.keys.includes(k)))
        const missing = half.map((pair) => {
          const [have, lack] = ch.keys.includes(pair[0]) ? pair : [pair[1], pair[0]]
          return {have, lack}
        })
        const message = missing.length
          ? `channels.${ch.id} has ${missing.map((m) => `${m.have} but no ${m.lack}`).join(', and ')}: the channel cannot log in.`
          : `channels.${ch.id} has neither appKey/appSecret nor clientId/clientSecret: the channel cannot log in.`
        const summary = missing.length
          ? `Add ${missing.map((m) => `channels.${ch.id}.${m.lack}`).join(' or ')} from your DingTalk app.`
          : 'Add the credentials of your DingTalk app (clientId/clientSecret for the plugin in use).'
        out.push(makeFinding('error', message, {places: [ch.place], fix: {summary}}))
      }
      for (const t of ch.tokens) {
        if (expected && !expected.equals(t.value)) {
          out.push(makeFinding(
            'error',
            `${t.label} differs from the gateway's token: the DingTalk bridge is rejected with 1008.`,
            {copies: [t], fix: syncFix(facts)},
          ))
        }
      }
    }
    return out
  },
})
