import type {ProbeOutcome} from '../model/facts.js'

/** Longest product text we keep (its close reasons are cut to 120 bytes anyway). */
export const MAX_MESSAGE = 200

/**
 * Map the product's rejection text (res `error.message` or the 1008 close reason,
 * src/docs/CLAWDBOT.md §4) to an outcome. Only token_mismatch and token_missing get their
 * own outcome: every other auth or pairing reason is `rejected`, and texts that
 * mean "we spoke the protocol wrong" are `protocol-error`.
 */
export function classifyRejection(text: string, sentToken = true): ProbeOutcome {
  // A device-less client without a token is stopped before the token check (LIVE),
  // so for a probe that sent none this text is the server's "token missing".
  if (!sentToken && /^device identity required/i.test(text)) return 'token-missing'
  if (/gateway token mismatch/i.test(text)) return 'token-mismatch'
  if (/gateway token missing/i.test(text)) return 'token-missing'
  if (/protocol mismatch|invalid handshake|invalid connect params/i.test(text)) return 'protocol-error'
  return 'rejected'
}

/**
 * Keep a product message safe to show: cut to MAX_MESSAGE chars and, as a belt
 * on top of the product's braces, mask the token if something echoed it.
 */
export function safeMessage(text: string, token: string | undefined, mask: string | undefined): string {
  let out = text
  if (token && token.length > 0 && out.includes(token)) out = out.split(token).join(mask ?? '<token>')
  return out.length > MAX_MESSAGE ? out.slice(0, MAX_MESSAGE) : out
}
