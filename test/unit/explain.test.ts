import {describe, expect, it} from 'vitest'

import {CHECKS} from '../../src/checks/index.js'
import {ALL_RULES, EXPLAIN_CHECK_IDS, explainError} from '../../src/explain/match.js'

const ids = (text: string) => explainError(text).matches.map((m) => m.pattern)

/** The seed log and texts taken verbatim from the product (src/docs/CLAWDBOT.md §4, dist of 2026.1.24-3). */
const SEED = [
  'gateway connect failed: Error: unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
  'Error: gateway closed (1008): unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)',
  'Gateway target: ws://127.0.0.1:18789',
  'Source: local loopback',
  'Config: /home/u/.clawdbot/clawdbot.json',
  'Bind: loopback',
].join('\n')

describe('explainError', () => {
  it.each([
    [SEED, ['token-mismatch/cli-hint']],
    ['unauthorized: gateway token mismatch (open a tokenized dashboard URL or paste token in Control UI settings)', ['token-mismatch/control-ui']],
    ['gateway closed (1008): unauthorized: gateway token mismatch (provide gateway auth token)', ['token-mismatch/other-client']],
    ['unauthorized conn=3f2 reason=token_mismatch', ['token-mismatch']],
    ['unauthorized: gateway token missing (set gateway.remote.token to match gateway.auth.token)', ['token-missing/cli-hint']],
    ['unauthorized: gateway token missing (provide gateway auth token)', ['token-missing']],
    ['unauthorized: gateway token not configured on gateway (set gateway.auth.token)', ['token-not-configured']],
    ['unauthorized: gateway password mismatch (provide gateway auth password)', ['password-mismatch']],
    ['unauthorized: gateway password missing (enter the password in Control UI settings)', ['password-missing']],
    ['unauthorized: gateway password not configured on gateway (set gateway.auth.password)', ['password-missing']],
    ['gateway closed (1008): device identity required', ['device-identity-required']],
    ['gateway closed (1008): pairing required', ['pairing-required']],
    ['gateway closed (1002): protocol mismatch', ['protocol-mismatch']],
    ['gateway connect failed: Error: connect ECONNREFUSED 127.0.0.1:18789', ['connection-refused']],
    ['Failed to connect to bus: No medium found', ['no-bus']],
    ['systemctl --user unavailable: Failed to connect to bus: No such file or directory', ['no-bus']],
    [
      'Gateway auth is set to token, but no token is configured.\nSet gateway.auth.token (or CLAWDBOT_GATEWAY_TOKEN), or pass --token.',
      ['token-mode-without-token'],
    ],
    ['Invalid config at /home/u/.clawdbot/clawdbot.json:\n- channels.dingtalk: unknown channel id: dingtalk', ['invalid-config']],
    ['Invalid config at /x/clawdbot.json: Missing env var "GW_TOKEN" referenced at config path: gateway.auth.token', ['missing-env-var', 'invalid-config']],
    ['Gateway start blocked: set gateway.mode=local (current: remote)', ['start-blocked-mode']],
    ['gateway remote mode misconfigured: gateway.remote.url missing', ['remote-mode-misconfigured']],
    ['Error: listen EADDRINUSE: address already in use 127.0.0.1:18789', ['port-in-use']],
    ['Circular include detected: a.json5 -> b.json5 -> a.json5', ['include-error']],
    ['refusing to bind gateway to 0.0.0.0:18789 without auth (set gateway.auth.token or CLAWDBOT_GATEWAY_TOKEN, or pass --token)', ['bind-without-auth']],
    ['Found "gateway.token" in config. Use "gateway.auth.token" instead.', ['legacy-gateway-token']],
    ['config reload skipped (invalid config)', ['invalid-config']],
  ])('%s', (text, want) => {
    expect(ids(text)).toEqual(want)
  })

  it('says the cli hint is misleading in local mode and points at the client-side checks', () => {
    const [m] = explainError(SEED).matches
    expect(m!.meaning).toMatch(/misleading/)
    expect(m!.meaning).toMatch(/only used when gateway\.mode is "remote"/)
    expect(m!.checks.slice(0, 2)).toEqual(['token.local-cli', 'token.remote-cli'])
    expect(m!.nextStep).toBe('clawdoc doctor')
  })

  it('names the missing variable and the config path, and the current mode', () => {
    const [v] = explainError('Missing env var "GW_TOKEN" referenced at config path: gateway.auth.token').matches
    expect(v!.meaning).toContain('${GW_TOKEN} at gateway.auth.token')
    expect(v!.checks).toEqual(['config.var-unset', 'config.invalid'])
    const [b] = explainError('Gateway start blocked: set gateway.mode=local (current: remote)').matches
    expect(b!.meaning).toContain('(the config says remote)')
  })

  it('matches nothing in unrelated text', () => {
    expect(explainError('all good here').matches).toEqual([])
    expect(explainError('').matches).toEqual([])
  })

  it('reports several independent problems from one pasted log, in table order', () => {
    const log = 'Invalid config at /x: bad\nconnect ECONNREFUSED 127.0.0.1:18789\nFailed to connect to bus: x'
    expect(ids(log)).toEqual(['connection-refused', 'no-bus', 'invalid-config'])
  })

  it('only uses check ids the doctor registers, and every rule has a next step', () => {
    const registered = new Set(CHECKS.map((c) => c.id))
    for (const id of EXPLAIN_CHECK_IDS) expect(registered.has(id), id).toBe(true)
    for (const r of ALL_RULES) {
      expect(r.checks.length, r.pattern).toBeGreaterThan(0)
      expect(r.nextStep, r.pattern).toMatch(/clawdoc|clawdbot/)
    }
    expect(new Set(ALL_RULES.map((r) => r.pattern)).size).toBe(ALL_RULES.length)
  })

  it('is linear on long input (no catastrophic backtracking) and ignores text past 64 KiB', () => {
    const long = 'x'.repeat(200_000) + ' gateway token mismatch'
    const t = performance.now()
    expect(explainError(long).matches).toEqual([])
    expect(performance.now() - t).toBeLessThan(500)
  })
})
