import {describe, expect, it} from 'vitest'

import {backupPathFor, backupSetId, compareBackups, parseBackupName} from '../../src/fix/backup.js'

const T = Date.UTC(2026, 10, 25, 14, 22, 33, 7)

describe('backup names', () => {
  it('sort lexically in creation order: same second, same millisecond, next millisecond', () => {
    const made = [
      backupPathFor('/d/f.json', T, 0),
      backupPathFor('/d/f.json', T, 1),
      backupPathFor('/d/f.json', T + 1, 0),
      backupPathFor('/d/f.json', T + 1000, 0),
      backupPathFor('/d/f.json', T, 10),
    ]
    const byTime = [made[0], made[1], made[4], made[2], made[3]]
    expect([...made].sort()).toEqual(byTime)
    expect(made[0]).toBe('/d/f.json.clawdoc-20261125T142233.007Z-000.bak')
  })

  it('reads new and old names back to the same time and counter; old -1 names sort after the first of their second', () => {
    expect(parseBackupName('f.json.clawdoc-20261125T142233.007Z-002.bak')).toEqual({
      target: 'f.json',
      id: '20261125T142233.007Z-002',
      ms: T,
      n: 2,
      legacy: false,
    })
    const old0 = parseBackupName('x.service.clawdoc-20261125T142233.bak')
    const old1 = parseBackupName('x.service.clawdoc-20261125T142233-1.bak')
    expect(old0).toMatchObject({target: 'x.service', id: '20261125T142233', n: 0, legacy: true})
    expect(old1).toMatchObject({target: 'x.service', id: '20261125T142233-1', n: 1, legacy: true})
    // Lexically, `-1.bak` sorts before `.bak`; by the parsed key it comes after.
    expect(['x.service.clawdoc-20261125T142233.bak', 'x.service.clawdoc-20261125T142233-1.bak'].sort()[0]).toContain('-1.bak')
    expect(compareBackups(old0!, old1!)).toBeLessThan(0)
  })

  it('ignores files that are not backups', () => {
    for (const n of [
      'f.json',
      'f.json.bak',
      '.f.json.clawdoc-123-abcd.tmp',
      'f.json.clawdoc-2026.bak',
      'f.clawdoc-20261125T142233.007Z-02.bak',
    ]) expect(parseBackupName(n)).toBeUndefined()
    expect(backupSetId(0, 5)).toBe('19700101T000000.000Z-005')
  })
})
