import {createInterface} from 'node:readline/promises'

import {ClawdocError} from '../model/errors.js'

/**
 * The one rule for a change (sync-token, restore, backups --prune): --yes goes ahead; otherwise ask on a
 * terminal after showing the masked preview, and refuse with exit 2 (nothing changed) when nobody can answer
 * (no terminal, --json, or stdin already taken by --token-stdin).
 */
export async function confirmChange(opts: {yes: boolean; canAsk: boolean; preview: string[]; question: string; log: (s: string) => void}): Promise<boolean> {
  if (opts.yes) return true
  if (!opts.canAsk) {
    throw new ClawdocError('USAGE', 'Not asking on a non-interactive terminal: nothing was changed.', {hint: 'Review with --dry-run, then pass --yes.'})
  }
  opts.log(opts.preview.join('\n'))
  const rl = createInterface({input: process.stdin, output: process.stderr})
  const answer = await rl.question(`${opts.question} [y/N] `)
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}
