import {createInterface} from 'node:readline/promises'

import {ClawdocError} from '../model/errors.js'

/**
 * sync-token's rule for a change: --yes goes ahead; otherwise ask on a terminal (after showing the
 * masked preview), and refuse with exit 2 (nothing changed) when nobody can answer.
 */
export async function confirmChange(opts: {yes: boolean; json: boolean; preview: string[]; question: string; log: (s: string) => void}): Promise<boolean> {
  if (opts.yes) return true
  if (!process.stdin.isTTY || opts.json) {
    throw new ClawdocError('USAGE', 'Not asking on a non-interactive terminal: nothing was changed.', {hint: 'Review with --dry-run, then pass --yes.'})
  }
  opts.log(opts.preview.join('\n'))
  const rl = createInterface({input: process.stdin, output: process.stderr})
  const answer = await rl.question(`${opts.question} [y/N] `)
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}
