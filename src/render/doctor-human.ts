import type {Style} from './style.js'

import {sectionTitle} from '../checks/index.js'
import type {DoctorReport} from '../app/doctor-report.js'
import {tildify} from './style.js'

const PARTY_LABEL: Record<string, string> = {
  server: 'server',
  'local-cli': 'local CLI',
  'remote-cli': 'remote CLI',
  'gateway-tools': 'gateway tools',
}

/** The section a check is listed under: a property of the check (its `section`). */
function groupOf(id: string): string {
  return sectionTitle(id) ?? 'Other'
}

/** `openclaw 2026.9.6 · `, `clawdbot (release unknown) · `; nothing when the product was not detected. */
function productLine(p: DoctorReport['product']): string {
  return p ? `${p.name} ${p.release ?? '(release unknown)'} · ` : ''
}

/**
 * The human report. Built only from the JSON report (which holds no secret), so this
 * renderer cannot print a token even by mistake.
 */
export function renderDoctorHuman(r: DoctorReport, c: Style, opts: {home: string; verbose?: boolean}): string {
  const t = (p: string) => tildify(p, opts.home)
  const out: string[] = []
  const profile = r.paths.profile ? ` · profile ${r.paths.profile}` : ''
  out.push(c.bold('clawdoc doctor') + c.dim(` — ${productLine(r.product)}${t(r.paths.config)}${profile} · ${r.paths.unit}`))
  if (r.product?.note) out.push(c.dim(`  ${r.product.note}`))
  out.push('')
  const pwNote = r.copies.some((x) => x.secret === 'password') ? '; lower case = a password' : ''
  out.push(c.bold('Token copies') + c.dim(`  (same letter = same value${pwNote}; values are never shown)`))
  if (r.copies.length === 0) out.push(c.dim('  none found'))
  const labelWidth = Math.min(46, Math.max(0, ...r.copies.map((x) => x.label.length)))
  for (const x of r.copies) {
    const mark = x.secret === 'password' ? c.magenta(x.group.toLowerCase()) : c.cyan(x.group)
    const label = x.label.length > labelWidth ? x.label.slice(0, labelWidth - 1) + '…' : x.label.padEnd(labelWidth)
    const origin = x.origin === 'config-var' ? c.dim(` via \${${x.variable}}`) : x.origin === 'env-file' ? c.dim(' via EnvironmentFile') : ''
    out.push(`  ${mark}  ${c.dim(`len=${String(x.length).padEnd(3)} sha256:${x.sha256}`)}  ${label}  ${c.dim(t(x.place.text))}${origin}`)
    // What this copy hides: still on disk (and back if the winning line goes), but no party reads it.
    for (const h of x.hidden ?? []) {
      const why = h.why === 'reset' ? `reset by the empty Environment= at ${t(h.by?.text ?? '?')}` : `overridden by ${t(h.by?.text ?? x.place.text)}`
      out.push(`     ${c.dim(`↳ len=${String(h.length).padEnd(3)} sha256:${h.sha256}`)}  ${t(h.place.text)}  ${c.dim(why)}`)
    }
  }
  out.push('')
  out.push(c.bold(r.parties.some((p) => p.secret === 'password') ? 'Who uses which token or password' : 'Who uses which token'))
  for (const p of r.parties) {
    // A password has its own (lower-case) letters, as in the copies above.
    const g = p.group ? (p.secret === 'password' ? c.magenta(p.group.toLowerCase()) : c.cyan(p.group)) : c.dim('-')
    const mode = p.authMode ? c.dim(` [auth ${p.authMode}]`) : ''
    out.push(`  ${PARTY_LABEL[p.party].padEnd(13)} ${g}  ${p.reason}${mode}`)
  }
  if (r.probe && r.probe.status !== 'skipped') {
    out.push('')
    out.push(c.bold(`Live probe ${c.dim(r.probe.target)}`))
    if (r.probe.status !== 'ok') out.push(`  ${c.yellow('!')} ${r.probe.reason ?? r.probe.status}`)
    if (r.probe.authOff) out.push(`  ${c.red('✖')} a random token was accepted: auth is off`)
    for (const res of r.probe.results) {
      const ok = res.outcome === 'accepted'
      const group = r.copies.find((x) => x.sha256 === res.sha256)?.group ?? '?'
      out.push(`  ${ok ? c.green('✔') : c.red('✖')} ${c.cyan(group)}  ${res.outcome}${res.message ? c.dim(` — ${res.message}`) : ''}`)
    }
  }
  out.push('')
  let group = ''
  for (const chk of r.checks) {
    // Skipped by the user's own --only/--skip: hidden unless -v. Not checkable: always shown, so a
    // missing ✔ is never mistaken for a pass.
    const userSkip = chk.skipReason === 'skipped with --skip' || chk.skipReason === 'not in --only'
    if (chk.status === 'skipped' && userSkip && !opts.verbose) continue
    const g = groupOf(chk.id)
    if (g !== group) {
      if (group !== '') out.push('')
      out.push(c.bold(g))
      group = g
    }
    const mark =
      chk.status === 'pass'
        ? c.green('✔')
        : chk.status === 'error'
          ? c.red('✖')
          : chk.status === 'warning'
            ? c.yellow('⚠')
            : chk.status === 'info'
              ? c.blue('ℹ')
              : c.dim('-')
    const why = chk.status === 'skipped' && chk.skipReason ? c.dim(` — ${chk.skipReason}`) : ''
    out.push(`  ${mark} ${chk.status === 'pass' || chk.status === 'skipped' ? c.dim(chk.title) : chk.title} ${c.dim(`[${chk.id}]`)}${why}`)
    for (const f of chk.findings) {
      out.push(`      ${f.message}`)
      const places = f.places.map((p) => t(p.text)).filter((p, i, a) => a.indexOf(p) === i)
      if (places.length) out.push(c.dim(`      at ${places.join(', ')}`))
      if (f.fix) {
        out.push(`      ${c.bold('fix:')} ${f.fix.summary}`)
        if (f.fix.command) out.push(`      ${c.cyan('$ ' + f.fix.command)}`)
      }
    }
  }
  out.push('')
  const s = r.summary
  const parts = [
    s.errors ? c.red(`${s.errors} error${s.errors === 1 ? '' : 's'}`) : '0 errors',
    s.warnings ? c.yellow(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`) : '0 warnings',
    `${s.infos} info`,
    `${s.passed}/${s.checks - s.skipped} checks passed`,
  ]
  out.push(parts.join(c.dim(' · ')))
  out.push(closingLine(r, c))
  return out.join('\n')
}

/**
 * The last line. `Nothing to do.` only when the run is ok (exit 0); a failing run without a single
 * command to run points at the fix lines above instead.
 */
export function closingLine(r: Pick<DoctorReport, 'ok' | 'nextStep'>, c: Style): string {
  if (r.nextStep) return `${c.bold('Next:')} ${c.cyan(r.nextStep)}`
  if (r.ok) return c.green('Nothing to do.')
  return c.yellow('No single command fixes this: follow the fix lines above.')
}
