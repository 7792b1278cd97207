import {isPlainObject} from '../../model/provenance.js'

const NAME = /^[A-Z_][A-Z0-9_]*$/

export interface VarIssue {
  variable: string
  reason: 'unset' | 'empty'
  keyPath: string[]
}

export type Env = Readonly<Record<string, string | undefined>>

/**
 * Substitute `${VAR}` in every string of the config, as config/env-substitution.js does: only
 * `[A-Z_][A-Z0-9_]*` names, `$${VAR}` yields a literal `${VAR}`, anything else stays as written.
 * The product throws on the first unset or empty variable; we collect all of them (the value is left
 * as written) so one run reports every one. With `refs`, every reference is also recorded there as
 * `unset`, whatever `env` says (what a gateway with an empty env would miss), in the same one walk.
 */
export function substituteVars(value: unknown, env: Env, issues: VarIssue[], keyPath: string[] = [], refs?: VarIssue[]): unknown {
  // One path array for the whole walk, copied only for a reference (a big config has few, and many values).
  return substitute(value, env, issues, [...keyPath], refs)
}

function substitute(value: unknown, env: Env, issues: VarIssue[], path: string[], refs: VarIssue[] | undefined): unknown {
  if (typeof value === 'string') return substituteString(value, env, issues, path, refs)
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      path.push(String(i))
      const out = substitute(v, env, issues, path, refs)
      path.pop()
      return out
    })
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      path.push(k)
      out[k] = substitute(v, env, issues, path, refs)
      path.pop()
    }
    return out
  }
  return value
}

function substituteString(s: string, env: Env, issues: VarIssue[], path: readonly string[], refs?: VarIssue[]): string {
  if (!s.includes('$')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (ch !== '$') {
      out += ch
      continue
    }
    if (s[i + 1] === '$' && s[i + 2] === '{') {
      const end = s.indexOf('}', i + 3)
      if (end !== -1 && NAME.test(s.slice(i + 3, end))) {
        out += s.slice(i + 1, end + 1)
        i = end
        continue
      }
    }
    if (s[i + 1] === '{') {
      const end = s.indexOf('}', i + 2)
      const name = end === -1 ? '' : s.slice(i + 2, end)
      if (NAME.test(name)) {
        const v = env[name]
        refs?.push({variable: name, reason: 'unset', keyPath: [...path]})
        if (v === undefined || v === '') {
          issues.push({variable: name, reason: v === undefined ? 'unset' : 'empty', keyPath: [...path]})
          out += s.slice(i, end + 1)
        } else out += v
        i = end
        continue
      }
    }
    out += ch
  }
  return out
}

/** The first variable a template really substitutes (escaped `$${X}` and invalid names do not count). */
export function firstVariable(template: string): string | undefined {
  const issues: VarIssue[] = []
  substituteString(template, {}, issues, [])
  return issues[0]?.variable
}
