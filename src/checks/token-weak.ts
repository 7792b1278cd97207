import {defineCheck} from '../model/finding.js'
import {clawdoc, makeFinding} from './util.js'

/** Shannon entropy of the characters times the length: a rough upper bound in bits. */
export function estimateBits(value: string): number {
  if (value.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / value.length
    h -= p * Math.log2(p)
  }
  return h * value.length
}

export const MIN_LENGTH = 24
export const MIN_BITS = 96

export const tokenWeak = defineCheck({
  id: 'token.weak',
  title: 'The gateway token is strong',
  section: 'tokens',
  run({facts, views}) {
    const server = views.parties.server
    // In remote mode this machine's gateway.auth.token is not what clients use (the gateway host judges its own).
    if (views.productConfig?.mode === 'remote' && !facts.unit.allowUnconfigured) return []
    if (server.authMode !== 'token' || !server.copy || server.copy.value.isEmpty) return []
    // reveal() only to measure; the value never leaves this function.
    const v = server.copy.value.reveal()
    const bits = estimateBits(v)
    if (v.length >= MIN_LENGTH && bits >= MIN_BITS) return []
    return [
      makeFinding('warning', `The gateway token is weak (${v.length} characters, about ${Math.floor(bits)} bits); clawdbot generates 48 hex characters (192 ` +
        `bits).`, {
        copies: [server.copy],
        fix: {
          summary: 'Rotate to a strong token (every client clawdoc cannot reach must then get the new value: sync-token prints the list).',
          command: clawdoc(facts, 'sync-token', '--generate', '--rotate', '--yes'),
          rotates: true,
        },
      }),
    ]
  },
})
