import {defineCheck} from '../model/finding.js'
import type {Facts} from '../model/facts.js'
import type {Secret} from '../model/secret.js'
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

/** The one strength rule (doctor's token.weak and sync-token's warning): undefined when strong enough. */
export function weakness(value: Secret): {length: number; bits: number} | undefined {
  // reveal() only to measure; the value never leaves this function.
  const v = value.reveal()
  const bits = estimateBits(v)
  return v.length >= MIN_LENGTH && bits >= MIN_BITS ? undefined : {length: v.length, bits: Math.floor(bits)}
}

/** How to rotate to a strong token (every client clawdoc cannot reach then needs the new value). */
export const rotateCommand = (facts: Facts) => clawdoc(facts, 'sync-token', '--generate', '--rotate', '--yes')

export const tokenWeak = defineCheck({
  id: 'token.weak',
  title: 'The gateway token is strong',
  section: 'tokens',
  run({facts, views}) {
    const server = views.parties.server
    // In remote mode this machine's gateway.auth.token is not what clients use (the gateway host judges its own).
    if (views.productConfig?.mode === 'remote' && !facts.unit.allowUnconfigured) return []
    if (server.authMode !== 'token' || !server.copy || server.copy.value.isEmpty) return []
    const weak = weakness(server.copy.value)
    if (!weak) return []
    return [
      makeFinding('warning', `The gateway token is weak (${weak.length} characters, about ${weak.bits} bits); clawdbot generates 48 hex characters (192 ` +
        `bits).`, {
        copies: [server.copy],
        fix: {
          summary: 'Rotate to a strong token (every client clawdoc cannot reach must then get the new value: sync-token prints the list).',
          command: rotateCommand(facts),
          rotates: true,
        },
      }),
    ]
  },
})
