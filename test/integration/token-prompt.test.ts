import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'

import {afterAll, describe, expect, it} from 'vitest'

import {TOK_A} from '../helpers/facts.js'
import {makeHome, RUN} from '../helpers/cli.js'

// `sync-token --token-stdin` on a terminal (issue 11): a prompt on stderr, and what is typed is never echoed.
// util-linux `script` gives the CLI a real pseudo-terminal; we type only after the prompt is shown, when echo is off.
const NEW = 'typed-by-hand-Zq81-never-echoed'
const {home, cleanup} = makeHome({'.clawdbot/clawdbot.json': `{ gateway: { mode: 'local', auth: { token: '${TOK_A}' } } }`})
afterAll(cleanup)

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

function onTerminal(args: string[], keys: string): Promise<{code: number | null; screen: string}> {
  const command = [process.execPath, RUN, ...args].map(quote).join(' ')
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SHELL: '/bin/sh', TERM: 'dumb', NO_COLOR: '1'},
    cwd: home,
  })
  let screen = ''
  let typed = false
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString('utf8')
    if (!typed && screen.includes('input hidden')) {
      typed = true
      child.stdin.write(keys)
    }
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({code, screen})))
}

describe('sync-token --token-stdin on a terminal', () => {
  it('asks on the terminal, does not echo what is typed, and uses it', async () => {
    const r = await onTerminal(['sync-token', '--token-stdin', '--dry-run', '--offline'], `${NEW}x\u007f\r`)
    expect(r.screen).toContain('Gateway token (input hidden, Enter to end): ')
    expect(r.screen).not.toContain(NEW)
    // The value read (backspace applied) is the one the plan writes: its fingerprint is shown, never the value.
    const fp = createHash('sha256').update(NEW).digest('hex').slice(0, 8)
    expect(r.screen).toContain(`sha256:${fp}`)
    expect(r.code).toBe(0)
  })

  it('Ctrl-C cancels with nothing changed and a non-zero exit', async () => {
    const r = await onTerminal(['sync-token', '--token-stdin', '--yes', '--offline'], `${NEW}\u0003`)
    expect(r.screen).toContain('Cancelled: no token was read and nothing was changed.')
    expect(r.screen).not.toContain(NEW)
    expect(r.code).toBe(2)
  })
})
