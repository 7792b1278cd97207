import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

import {CHECKS} from '../../src/checks/index.js'
import {ALL_RULES, EXPLAIN_CHECK_IDS, explainError, printedBy, releasesLabel, type ExplainFor} from '../../src/explain/match.js'
import {answerFor} from '../../src/explain/rules.js'
import type {ErrorTexts} from '../../src/model/profiles/data/types.js'
import {CLAWDBOT, OPENCLAW_CURRENT, OPENCLAW_EARLY, PROFILES, type ReleaseProfile} from '../../src/model/profiles/index.js'
import {ROOT} from '../helpers/cli.js'

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
      expect(new Set(r.checks).size, `${r.pattern}: a check named twice`).toBe(r.checks.length)
      for (const p of PROFILES) {
        const next = typeof r.nextStep === 'string' ? r.nextStep : r.nextStep(answerFor(p, p.reinstallCommand), ''.match(/(?:)/)!)
        expect(next, r.pattern).toMatch(new RegExp(`clawdoc|${p.product}`))
      }
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

/** A run on a machine where `p` was detected. */
const on = (p: ReleaseProfile): ExplainFor => ({profile: p, inPlay: `this machine runs ${p.product} ${p.representative}`})
const one = (text: string, p: ReleaseProfile) => {
  const {matches} = explainError(text, on(p))
  expect(matches, text).toHaveLength(1)
  return matches[0]!
}

describe('every error text of every release profile', () => {
  // Looped over the profiles: a new profile's texts are covered without touching this test.
  const cases = PROFILES.flatMap((p) =>
    (Object.entries(p.errors) as [keyof ErrorTexts, string | undefined][]).filter(([, t]) => t !== undefined).map(([kind, t]) => [p.id, kind, t!, p] as const))

  it('are all there (each profile has its texts)', () => {
    for (const p of PROFILES) expect(Object.keys(p.errors).length, p.id).toBeGreaterThanOrEqual(3)
  })

  it.each(cases)('%s %s: %s', (_id, kind, text, p) => {
    const {matches} = explainError(`gateway closed (1008): ${text}`, on(p))
    const m = matches.find((x) => ALL_RULES.find((r) => r.pattern === x.pattern)!.texts === kind)
    expect(m, `no rule for the ${kind} text of ${p.id}; got ${matches.map((x) => x.pattern).join(', ')}`).toBeDefined()
    // Its own text: answered for the profile itself, with no other-generation note.
    expect(m!.answeredFor).toBe(p.id)
    expect(m!.note).toBeUndefined()
  })

  it('every rule that answers a kind of measured text recognises at least one profile\'s text', () => {
    for (const r of ALL_RULES.filter((x) => x.texts !== undefined)) {
      expect(PROFILES.some((p) => p.errors[r.texts!] !== undefined && r.re.test(p.errors[r.texts!]!)), r.pattern).toBe(true)
    }
  })

  it('the JSON schema names every profile', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/explain-result.schema.json'), 'utf8'))
    const result = schema.$defs.result.properties
    expect(result.product.properties.profile.enum).toEqual(PROFILES.map((p) => p.id))
    expect(result.explain.items.properties.answeredFor.enum).toEqual(PROFILES.map((p) => p.id))
  })
})

describe('answers for the release in play', () => {
  const OLD_HINT = CLAWDBOT.errors.tokenMismatch
  const NEW_HINT = OPENCLAW_CURRENT.errors.tokenMismatch

  it('the two generations of the local-CLI mismatch text are different texts', () => {
    expect(NEW_HINT).toBe("unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)")
    expect(OLD_HINT).not.toBe(NEW_HINT)
    expect(OPENCLAW_EARLY.errors.tokenMismatch).toBe(OLD_HINT)
  })

  it('clawdbot: env before config, its own variable, untrimmed server', () => {
    const m = one(OLD_HINT, CLAWDBOT)
    expect(m.pattern).toBe('token-mismatch/cli-hint')
    expect(m.meaning).toContain('$CLAWDBOT_GATEWAY_TOKEN in the shell › ./.env › $HOME/.clawdbot/.env')
    expect(m.meaning).toMatch(/stale CLAWDBOT_GATEWAY_TOKEN in the shell or a \.env file beats gateway\.auth\.token/)
    expect(m.meaning).toMatch(/untrimmed/)
    expect(m.meaning).not.toMatch(/OPENCLAW/)
  })

  it('openclaw early (2026.3.2): the same text, answered with its names and its env-first CLI', () => {
    const m = one(OLD_HINT, OPENCLAW_EARLY)
    expect(m.pattern).toBe('token-mismatch/cli-hint')
    expect(m.answeredFor).toBe('openclaw-early')
    // Its CLI still reads the legacy name (measured), after the new one.
    expect(m.meaning).toContain('$OPENCLAW_GATEWAY_TOKEN (or $CLAWDBOT_GATEWAY_TOKEN) in the shell › ./.env › $HOME/.openclaw/.env › gateway.auth.token')
    expect(m.meaning).toMatch(/beats gateway\.auth\.token/)
    expect(m.printedBy).toBe('clawdbot 2026.1.24+ and openclaw 2026.1.29 up to (not including) 2026.3.22')
  })

  it('openclaw current (2026.9.6): the new local hint; a stale shell token is harmless; legacy names ignored', () => {
    const m = one(`gateway closed (1008): ${NEW_HINT}`, OPENCLAW_CURRENT)
    expect(m.pattern).toBe('token-mismatch/local-cli-hint')
    expect(m.printedBy).toBe('openclaw 2026.3.22+')
    expect(m.meaning).toContain('gateway.auth.token › $OPENCLAW_GATEWAY_TOKEN in the shell › $HOME/.openclaw/.env')
    expect(m.meaning).toMatch(/stale OPENCLAW_GATEWAY_TOKEN in the shell or \$HOME\/\.openclaw\/\.env is not sent while gateway\.auth\.token is set/)
    expect(m.meaning).toMatch(/ignores CLAWDBOT_\* or MOLTBOT_\* variables/)
    expect(m.meaning).not.toMatch(/\.\/\.env|untrimmed/)
    expect(m.checks).toEqual(expect.arrayContaining(['token.local-cli', 'env.newer-names', 'config.alternate']))
  })

  it('openclaw current: the old hint now goes to a remote CLI only', () => {
    const m = one(OLD_HINT, OPENCLAW_CURRENT)
    expect(m.pattern).toBe('token-mismatch/remote-cli-hint')
    expect(m.answeredFor).toBe('openclaw-current')
    expect(m.note).toBeUndefined()
    expect(m.meaning).toMatch(/not on the gateway's machine/)
    expect(m.checks[0]).toBe('token.remote-cli')
  })

  it('a text of another generation than the one detected is answered for its release, and says so', () => {
    const m = one(NEW_HINT, CLAWDBOT)
    expect(m.pattern).toBe('token-mismatch/local-cli-hint')
    expect(m.answeredFor).toBe('openclaw-current')
    expect(m.note).toMatch(/^This text is printed by openclaw 2026\.3\.22\+; this machine runs clawdbot 2026\.1\.24-3\./)
    const early = one(NEW_HINT, OPENCLAW_EARLY)
    expect(early.note).toMatch(/printed by openclaw 2026\.3\.22\+; this machine runs openclaw 2026\.3\.2\./)
    const saved = one(OPENCLAW_EARLY.errors.runtimeTokenWarning!, OPENCLAW_CURRENT)
    expect(saved).toMatchObject({pattern: 'generated-token-saved', answeredFor: 'openclaw-early'})
    expect(saved.note).toMatch(/printed by openclaw 2026\.1\.29 up to \(not including\) 2026\.3\.22; this machine runs openclaw 2026\.9\.6/)
    expect(one('unauthorized: device token mismatch (rotate/reissue device token)', CLAWDBOT).note).toMatch(/this machine runs clawdbot/)
  })

  it('texts every release prints carry no note and no printedBy', () => {
    for (const p of PROFILES) {
      const m = one('gateway closed (1008): unauthorized: gateway token mismatch (provide gateway auth token)', p)
      expect(m).toMatchObject({pattern: 'token-mismatch/other-client', answeredFor: p.id})
      expect(m.note).toBeUndefined()
      expect(m.printedBy).toBeUndefined()
      expect(m.meaning).toContain(`$${p.names.tokenVar}`)
    }
  })

  it('the no-credentials text, the runtime token and the legacy warning (openclaw 2026.9.6)', () => {
    const nc = one(OPENCLAW_CURRENT.errors.noCredentials!, OPENCLAW_CURRENT)
    expect(nc.pattern).toBe('no-credentials')
    expect(nc.meaning).toMatch(/no \$OPENCLAW_GATEWAY_TOKEN/)
    expect(nc.meaning).toMatch(/CLAWDBOT_\* or MOLTBOT_\* variable does not count/)
    const rt = one(`[gateway] Gateway ${OPENCLAW_CURRENT.errors.runtimeTokenWarning!}.`, OPENCLAW_CURRENT)
    expect(rt.pattern).toBe('runtime-token')
    expect(rt.meaning).toMatch(/changes at every restart/)
    expect(rt.nextStep).toBe('clawdoc sync-token')
    const warning = '(node:4242) [OPENCLAW_LEGACY_ENV_VARS] DeprecationWarning: Legacy CLAWDBOT_*, MOLTBOT_* environment variables were detected (2 total)'
    const lw = one(warning, OPENCLAW_CURRENT)
    expect(lw.pattern).toBe('legacy-env-ignored')
    expect(lw.nextStep).toBe('clawdoc sync-token --migrate-legacy-names --yes --restart (renames them to OPENCLAW_*, with backups), or rewrite the unit ' +
      'with `openclaw gateway install --force`, then clawdoc doctor')
  })

  it('a non-loopback bind without auth: the legacy names count on the release that ignores them', () => {
    const text = 'refusing to bind gateway to 0.0.0.0:18789 without auth (set gateway.auth.token/password, or set ' +
      'OPENCLAW_GATEWAY_TOKEN/OPENCLAW_GATEWAY_PASSWORD; legacy CLAWDBOT_* and MOLTBOT_* environment variables are ignored)'
    expect(one(text, OPENCLAW_CURRENT).meaning).toMatch(/no \$OPENCLAW_GATEWAY_TOKEN.*gateway ignores CLAWDBOT_\* or MOLTBOT_\* variables.*runtime token/)
    // 2026.3.2's CLI still reads CLAWDBOT_GATEWAY_TOKEN, its gateway does not (measured): the note follows the gateway, with its own log line.
    expect(one(text, OPENCLAW_EARLY).meaning).toMatch(/2026\.3\.2 gateway ignores CLAWDBOT_\* or MOLTBOT_\* variables.*saved it to config/)
    expect(one(text, CLAWDBOT).meaning).not.toMatch(/ignores/)
  })

  it('the reinstall command is the one this run names (with --profile)', () => {
    const run: ExplainFor = {...on(OPENCLAW_CURRENT), install: () => 'openclaw --profile work gateway install --force'}
    const [m] = explainError(OPENCLAW_CURRENT.errors.legacyEnvWarning!, run).matches
    expect(m!.nextStep).toContain('`openclaw --profile work gateway install --force`')
  })

  it('commands and variables in the answers are the release\'s own', () => {
    for (const p of PROFILES) {
      const blocked = one('Gateway start blocked: set gateway.mode=local (current: remote) or pass --allow-unconfigured.', p)
      expect(blocked.nextStep).toBe(`${p.product} config set gateway.mode local, then clawdoc restart`)
      const missing = one(`Missing config. Run \`${p.product} setup\` or set gateway.mode=local (or pass --allow-unconfigured).`, p)
      expect(missing.pattern).toBe('missing-config')
      expect(missing.meaning).toContain(`$HOME/${p.names.stateDirName}/${p.names.configFileName}`)
      expect(missing.meaning).toContain(p.names.stateDirVar)
      expect(one('gateway closed (1008): pairing required', p).nextStep).toBe(`${p.product} devices list (approve the device), then clawdoc doctor`)
      // Another product's token variable appears only where this release still reads it (a legacy prefix it reads).
      const reads = p.names.legacyPrefixes.filter((l) => l.read).map((l) => `${l.prefix}GATEWAY_TOKEN`)
      const others = PROFILES.map((o) => o.names.tokenVar).filter((v) => v !== p.names.tokenVar && !reads.includes(v))
      for (const text of [...Object.values(p.errors), 'Gateway auth is set to token, but no token is configured.']) {
        for (const m of explainError(text!, on(p)).matches) {
          for (const v of others) expect(`${m.meaning} ${m.nextStep}`, `${p.id} ${m.pattern}`).not.toContain(v)
        }
      }
    }
  })

  it('labels release ranges from the profiles', () => {
    expect(releasesLabel([OPENCLAW_EARLY, OPENCLAW_CURRENT])).toBe('openclaw 2026.1.29+')
    expect(releasesLabel([CLAWDBOT])).toBe('clawdbot 2026.1.24+')
    expect(printedBy(ALL_RULES.find((r) => r.pattern === 'token-mismatch/other-client')!)?.length).toBe(PROFILES.length)
    expect(printedBy(ALL_RULES.find((r) => r.pattern === 'connection-refused')!)).toBeUndefined()
  })
})
