import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {ClawdocError} from '../../src/model/errors.js'
import {editEnvFileAssignment, editUnitAssignment} from '../../src/formats/unit/edit.js'
import {Secret} from '../../src/model/secret.js'
import {formatEnvFileValue, parseEnvironmentFile} from '../../src/formats/unit/env-file.js'
import {formatEnvironmentAssignment, parseUnitText, splitEnvironmentValue} from '../../src/formats/unit/syntax.js'

const T = 'CLAWDBOT_GATEWAY_TOKEN'
const SPECIAL = [' ', '"', "'", '\\', '%', '$', '`', '=', ';', '#', 'x', '%h', '\\n', '\\x41', 'é', '😀']
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/** Printable values, heavy on the characters quoting has to get right. */
const printable = fc
  .array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({unit: 'grapheme', maxLength: 3})), {maxLength: 12})
  .map((parts) => parts.join(''))
  .filter((v) => !UNSAFE.test(v) && v.isWellFormed())
const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/)
const eol = fc.constantFrom('\n', '\r\n')
const otherWord = fc.constantFrom('A=1', '"PATH=/usr/bin:/bin"', "'Q=x y'", 'E=a\\x20b', '"HOME=/h"')
/** The token assignment in the forms found in real units. */
const oldWord = fc.constantFrom(`${T}=tok-U1`, `"${T}=server-token-aaaa"`, `${T}=`, `"${T}=with \\"q\\""`, `'${T}=single'`)
const filler = fc.constantFrom('[Unit]', 'Description=x', '# comment', '; comment', '', 'ExecStart=/usr/bin/node /e.js gateway')

describe('quoting properties', () => {
  it('splitEnvironmentValue(formatEnvironmentAssignment(n, v)) is exactly [{n, v}]', () => {
    fc.assert(
      fc.property(name, printable, (n, v) => {
        const r = splitEnvironmentValue(formatEnvironmentAssignment(n, v))
        expect(r.problems).toEqual([])
        expect(r.assignments.map((a) => ({name: a.name, value: a.value, specifiers: a.specifiers}))).toEqual([{name: n, value: v, specifiers: undefined}])
      }),
      {numRuns: 500},
    )
  })

  it('formatEnvFileValue round-trips through parseEnvironmentFile', () => {
    fc.assert(
      fc.property(name, printable, (n, v) => {
        const r = parseEnvironmentFile(`${n}=${formatEnvFileValue(v)}\n`, '')
        expect(r.assignments.map((a) => [a.name, a.value])).toEqual([[n, v]])
      }),
      {numRuns: 500},
    )
  })

  it('any value with a control character or line break is refused (no line injection)', () => {
    const bad = fc
      .tuple(printable, fc.constantFrom('\n', '\r', '\0', '\t', '\x0b', '\x1b', '\x7f', '\u0085', '\u2028'), printable)
      .map(([a, c, b]) => `${a}${c}${b}`)
    fc.assert(
      fc.property(bad, (v) => {
        for (const fn of [() => formatEnvironmentAssignment(T, v), () => formatEnvFileValue(v)]) {
          expect(fn).toThrow(ClawdocError)
        }
        expect(() => editUnitAssignment(
          `[Service]\nEnvironment=${T}=x\n`,
          {line: 2, variable: T, value: new Secret(v)},
        )).toThrow(/unit file cannot hold the new .* control character/)
      }),
    )
  })
})

describe('editor properties', () => {
  it('editUnitAssignment changes only the assignment word and re-parses to the new value', () => {
    fc.assert(
      fc.property(
        fc.array(filler, {maxLength: 4}),
        fc.array(otherWord, {maxLength: 3}),
        oldWord,
        fc.array(otherWord, {maxLength: 3}),
        fc.array(filler, {maxLength: 4}),
        eol,
        fc.boolean(),
        printable,
        (pre, before, old, after, post, nl, finalNl, v) => {
          const head = ['[Service]', ...pre.filter((l) => l !== '[Unit]')].join(nl) + nl + 'Environment=' + before.map((w) => w + ' ').join('')
          const tail = after.map((w) => ' ' + w).join('') + (post.length > 0 ? nl + post.join(nl) : '') + (finalNl ? nl : '')
          const line = head.split(nl).length
          const out = editUnitAssignment(head + old + tail, {line, variable: T, value: new Secret(v)})
          // byte-identical outside the word
          // An unquoted old word and a value that needs no quoting stay unquoted.
          const safe = /^[A-Za-z0-9._+\-/:@,=^~]+$/.test(v)
          const q = old[0]
          const simplyQuoted = (q === '"' || q === "'") && old.length > 1 && old.indexOf(q, 1) === old.length - 1 && !/[\\\r\n]/.test(old)
          const word = safe && !/["'\\\r\n]/.test(old) ? `${T}=${v}` : safe && simplyQuoted ? `${q}${T}=${v}${q}` : formatEnvironmentAssignment(T, v)
          expect(out).toBe(head + word + tail)
          const entry = parseUnitText(out, '').entries.find((e) => e.line === line)!
          const got = splitEnvironmentValue(entry.value).assignments
          const want = splitEnvironmentValue(before.concat(after).join(' ')).assignments.map((a) => [a.name, a.value])
          expect(got.find((a) => a.name === T)?.value).toBe(v)
          expect(got.filter((a) => a.name !== T).map((a) => [a.name, a.value])).toEqual(want)
        },
      ),
      {numRuns: 300},
    )
  })

  it('editEnvFileAssignment changes only the value and re-parses to the new value', () => {
    const oldValue = fc.constantFrom('tok-U1', '"quoted value"', "'single'", '', 'a\\\nb', '"multi\nline"')
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A=1', '# c', '', "B='x y'"), {maxLength: 4}), oldValue, fc.constantFrom('', ' '), eol, printable, (
        pre, old, sp, nl, v,
      ) => {
        // With CRLF, systemd's escape eats only the \r and the \n ends the value: not a continuation.
        fc.pre(!(old.includes('\\\n') && nl === '\r\n'))
        const head = pre.map((l) => l + nl).join('') + `${T}=${sp}`
        const tail = `${nl}Z=9${nl}`
        const line = pre.length + 1
        const out = editEnvFileAssignment(head + old.replace(/\n/g, nl) + tail, {line, variable: T, value: new Secret(v)})
        const breaks = old.split('\n').length - 1
        const bare = /^[A-Za-z0-9._+\-/:@,=^~]+$/.test(v) && !/["'\\\r\n]/.test(old)
        expect(out).toBe(head + (bare ? v : formatEnvFileValue(v) + nl.repeat(breaks)) + tail)
        const parsed = parseEnvironmentFile(out, '').assignments
        expect(parsed.find((a) => a.name === T)).toMatchObject({value: v, line})
        expect(parsed.find((a) => a.name === 'Z')?.line).toBe(line + 1 + breaks)
      }),
      {numRuns: 300},
    )
  })
})
