import {SCHEMA_VERSION} from '../model/schema-version.js'
import type {TokenCopy} from '../model/copy.js'
import type {Facts} from '../model/facts.js'
import type {CheckResult, Severity} from '../model/finding.js'
import type {Party, PartyToken} from '../model/parties.js'
import type {Place} from '../model/place.js'
import {allCopies} from '../model/copies.js'
import {groupLetters} from '../model/letters.js'
import {formatPlace} from '../model/format-place.js'

/** A place in --json: its fields, and `text` as the human report prints it (first key). */
export type JsonPlace = {text: string} & Place

export interface DoctorReport {
  schemaVersion: typeof SCHEMA_VERSION
  command: 'doctor'
  ok: boolean
  failOn: Severity
  summary: {errors: number; warnings: number; infos: number; checks: number; passed: number; skipped: number}
  /** The product and release in play (undefined when they were not detected). */
  product?: {name: string; release?: string; profile: string; detectedFrom: string; note?: string}
  paths: {config: string; configSource: string; stateDir: string; profile?: string; unit: string; unitFile: string}
  copies: {
    id: string
    group: string
    secret: string
    label: string
    length: number
    sha256: string
    origin: string
    variable?: string
    place: JsonPlace
    shadowed: JsonPlace[]
    /** Assignments that reach no party (overridden, or reset by an empty Environment=), masked. */
    hidden?: {why: 'shadowed' | 'reset'; length: number; sha256: string; place: JsonPlace; by?: JsonPlace}[]
  }[]
  parties: {
    party: Party
    /** What the party sends or checks: a token, or (a server in password mode) a password. */
    secret?: 'token' | 'password'
    copy?: string
    group?: string
    length?: number
    sha256?: string
    authMode?: string
    reason: string
  }[]
  service: {status: string; activeState?: string; subState?: string; mainPid?: number; needDaemonReload?: boolean; reason?: string}
  probe?: {
    status: string
    target: string
    authOff?: boolean
    reason?: string
    results: {copies: string[]; length: number; sha256: string; outcome: string; message?: string; ms: number}[]
  }
  checks: {
    id: string
    title: string
    status: string
    skipReason?: string
    findings: {severity: Severity; message: string; places: JsonPlace[]; fix?: {summary: string; command?: string; rotates?: true}; copies?: string[]}[]
  }[]
  nextStep?: string
}

export function jsonPlace(p: Place): JsonPlace {
  return {text: formatPlace(p), kind: p.kind, file: p.file, line: p.line, column: p.column, variable: p.variable, key: p.key, unit: p.unit, pid: p.pid}
}

export function countFindings(results: CheckResult[]): {errors: number; warnings: number; infos: number} {
  const all = results.flatMap((r) => r.findings)
  return {
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    infos: all.filter((f) => f.severity === 'info').length,
  }
}

/** Build the --json document. Values never appear: only length and a SHA-256 prefix. */
export function buildDoctorReport(
  facts: Facts,
  results: CheckResult[],
  parties: Record<Party, PartyToken>,
  opts: {failOn: Severity; ok: boolean; nextStep?: string},
): DoctorReport {
  const copies = allCopies(facts)
  const letters = groupLetters(copies)
  const sameGroup = (c: TokenCopy) => [...letters].find(([k]) => k.secret === c.secret && k.value.equals(c.value))?.[1]
  const groupOf = (c: TokenCopy | undefined) => (c ? letters.get(c) ?? sameGroup(c) : undefined)
  const counts = countFindings(results)
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'doctor',
    ok: opts.ok,
    failOn: opts.failOn,
    summary: {
      ...counts,
      checks: results.length,
      passed: results.filter((r) => r.status === 'pass').length,
      skipped: results.filter((r) => r.status === 'skipped').length,
    },
    product: facts.product && {
      name: facts.product.name,
      release: facts.product.release,
      profile: facts.product.profile,
      detectedFrom: facts.product.detectedFrom,
      note: facts.product.note,
    },
    paths: {
      config: facts.paths.configPath,
      configSource: facts.paths.configPathSource,
      stateDir: facts.paths.stateDir,
      profile: facts.paths.profile,
      unit: facts.unit.name,
      unitFile: facts.unit.path,
    },
    copies: copies.map((c) => ({
      id: c.id,
      group: letters.get(c)!,
      secret: c.secret,
      label: c.label,
      length: c.value.length,
      sha256: c.value.fingerprint,
      origin: c.origin.type,
      variable: c.origin.type === 'config-var' ? c.origin.variable : undefined,
      place: jsonPlace(c.place),
      shadowed: (c.shadowed ?? []).map(jsonPlace),
      hidden: c.hidden?.map((h) => ({
        why: h.why,
        length: h.value.length,
        sha256: h.value.fingerprint,
        place: jsonPlace(h.place),
        by: h.by && jsonPlace(h.by),
      })),
    })),
    parties: (Object.values(parties) as PartyToken[]).map((p) => {
      // A server in password mode checks a password: show that, with the password's own letter.
      if (p.password) {
        const pw = p.password.copy
        const pwValue = pw?.value
        return {party: p.party, secret: 'password' as const, copy: pw?.id, group: groupOf(pw), length: pwValue?.length, sha256: pwValue?.fingerprint,
          authMode: p.authMode, reason: p.password.reason}
      }
      return {
        party: p.party,
        secret: p.value ? ('token' as const) : undefined,
        copy: p.copy?.id,
        group: groupOf(p.copy),
        length: p.value?.length,
        sha256: p.value?.fingerprint,
        authMode: p.authMode,
        reason: p.reason,
      }
    }),
    service: {
      status: facts.service.status,
      activeState: facts.service.activeState,
      subState: facts.service.subState,
      mainPid: facts.service.mainPid,
      needDaemonReload: facts.service.needDaemonReload,
      reason: facts.service.reason,
    },
    probe: facts.probe && {
      status: facts.probe.status,
      target: facts.probe.target,
      authOff: facts.probe.authOff,
      reason: facts.probe.reason,
      results: facts.probe.results.map((r) => ({...r, copies: [...r.copies]})),
    },
    checks: results.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      skipReason: r.skipReason,
      findings: r.findings.map((f) => ({severity: f.severity, message: f.message, places: f.places.map(jsonPlace), fix: f.fix, copies: f.copies})),
    })),
    nextStep: opts.nextStep,
  }
}
