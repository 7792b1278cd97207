import {EXIT} from '../model/errors.js'
import {restartExitCode} from '../app/restart.js'
import {SCHEMA_VERSION} from '../model/schema-version.js'
import type {Blocker, Phase, RestartOutcome, Stray} from '../restart/types.js'
import type {Severity} from '../model/finding.js'
import {formatPlace} from '../model/format-place.js'
import {CLAWDBOT} from '../model/profiles/index.js'

export interface RestartResult {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'restart'
  ok: boolean
  outcome: RestartOutcome['outcome']
  dryRun: boolean
  unit: string
  port?: number
  phases: Phase[]
  actions: string[]
  blockers: Blocker[]
  strays: Stray[]
  final?: RestartOutcome['final']
  token?: RestartOutcome['token']
  journal?: RestartOutcome['journal']
  probe?: RestartOutcome['probe']
  findings: {check: string; severity: Severity; message: string; places: string[]; fix?: {summary: string; command?: string; rotates?: true}}[]
}


export function restartResult(o: RestartOutcome): RestartResult {
  const findings = o.checks
    .flatMap((c) => c.findings)
    .filter((f) => f.severity !== 'info')
    .map((f) => ({check: f.check, severity: f.severity, message: f.message, places: f.places.map(formatPlace), fix: f.fix}))
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'restart',
    ok: restartExitCode(o) === EXIT.OK,
    outcome: o.outcome,
    dryRun: o.dryRun,
    unit: o.unit,
    port: o.facts?.port.port,
    phases: o.phases,
    actions: o.actions,
    blockers: o.blockers,
    strays: o.strays,
    final: o.final,
    token: o.token,
    journal: o.journal,
    probe: o.probe,
    findings,
  }
}

const TOKEN_TEXT = (v: string): Record<NonNullable<RestartOutcome['token']>['check'], string> => ({
  match: `the running gateway's ${v} matches gateway.auth.token`,
  mismatch: `the running gateway's ${v} differs from gateway.auth.token: in-gateway tools will be rejected. Fix: clawdoc sync-token, ` +
    'then clawdoc restart',
  'exec-token': 'the unit passes --token, which overrides the environment inside the gateway',
  'no-config-token': 'no gateway.auth.token: the environment token is the server token',
  'no-env-token': `no ${v} in the service: everything uses gateway.auth.token`,
  unknown: 'could not read the running process\' environment',
})

export function renderRestartHuman(r: RestartResult): string {
  const out: string[] = []
  const head: Record<RestartResult['outcome'], string> = {
    restarted: `Restarted ${r.unit}.`,
    'dry-run': `Dry run for ${r.unit}: nothing was changed.`,
    'preflight-failed': `Did not restart ${r.unit}:`,
    'restart-failed': `Restart of ${r.unit} failed.`,
    'not-healthy': `${r.unit} did not come up healthy.`,
  }
  out.push(head[r.outcome])
  for (const b of r.blockers) out.push(`  ✗ ${b.message}`, ...(b.hint ? [`    ${b.hint}`] : []))
  for (const a of r.actions) out.push(`  • ${a}`)
  if (r.final) {
    const accepts = r.final.portAccepts ? 'accepts connections' : 'does not accept connections'
    out.push(`  state: ${r.final.activeState ?? '?'}/${r.final.subState ?? '?'}, MainPID ${r.final.mainPid ?? '-'}, port ${r.final.port} ${accepts}`)
  }
  if (r.token) out.push(`  token: ${TOKEN_TEXT(r.token.variable ?? CLAWDBOT.names.tokenVar)[r.token.check]}`)
  if (r.probe?.status === 'ok') {
    out.push(
      r.probe.authOff
        ? '  probe: the gateway accepts any token: auth is off'
        : r.probe.serverToken === 'accepted'
          ? '  probe: the gateway accepts the server token (WebSocket handshake)'
          : `  probe: the gateway answers ${r.probe.serverToken ?? 'nothing known'} for the server token`,
    )
  } else if (r.probe && r.outcome === 'restarted') out.push(`  probe: not done (${r.probe.reason ?? r.probe.status})`)
  if (r.phases.length) out.push(`  timings: ${r.phases.map((p) => `${p.name} ${p.ms} ms`).join(', ')}`)
  if (r.journal) {
    if (r.journal.available) out.push(`  Last ${r.journal.lines.length} journal lines:`, ...r.journal.lines.map((l) => `    ${l}`))
    else out.push(`  journal unavailable (no entries for ${r.unit}); check the unit's StandardOutput= log file.`)
  }
  const relevant = r.outcome === 'restarted' ? r.findings.filter((f) => f.severity === 'error') : r.findings
  if (relevant.length) {
    out.push('  Findings:')
    for (const f of relevant) out.push(`    [${f.severity}] ${f.check}: ${f.message}`, ...(f.fix ? [`      fix: ${f.fix.command ?? f.fix.summary}`] : []))
  }
  return out.join('\n')
}
