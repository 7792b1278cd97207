import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A, TOK_B} from '../helpers/facts.js'
import {makeHome, runCli} from '../helpers/cli.js'

// bin/run.js answers plain `doctor` invocations without loading oclif. Both paths must print
// exactly the same thing and exit the same way; anything the fast path does not understand
// must reach oclif (help, usage errors).
const {home, cleanup} = makeHome({
  '.clawdbot/clawdbot.json': `{ gateway: { mode: 'local', auth: { token: '${TOK_A}' }, remote: { token: '${TOK_B}' } } }`,
  '.clawdbot-w/clawdbot.json': `{ gateway: { mode: 'local', auth: { token: '${TOK_A}' } } }`,
})
afterAll(cleanup)

const matrix: string[][] = [
  ['--offline'],
  ['--offline', '--json'],
  ['--offline', '--json', '--only', 'token.auth-vs-remote,config.missing'],
  ['--offline', '--only=token.auth-vs-remote', '--only', 'unit.missing', '-v'],
  ['--offline', '--skip', 'unit.missing', '--fail-on', 'error'],
  ['--offline', '--profile', 'w', '--json'],
  ['--offline', '--no-color', '--no-probe'],
  ['--offline', '--only', 'nope.nope'],
  ['--offline', '--json', '--only', 'nope.nope'],
  ['--offline', '--profile', 'bad/name'],
  ['--offline', '--dev', '--profile', 'x', '--json'],
  ['--offline', '--fail-on', 'fatal'],
  ['--bogus-flag'],
]

describe('doctor fast path', () => {
  for (const args of matrix) {
    it(args.join(' '), async () => {
      const env = {HOME: home}
      const fast = await runCli(['doctor', ...args], {env, cwd: home})
      const slow = await runCli(['doctor', ...args], {env: {...env, CLAWDOC_NO_FAST_PATH: '1'}, cwd: home})
      expect(fast.code).toBe(slow.code)
      expect(fast.stdout).toBe(slow.stdout)
      // Usage errors from oclif mention the flag; compare the first line only.
      expect(fast.stderr.split('\n')[0]).toBe(slow.stderr.split('\n')[0])
    })
  }
})
