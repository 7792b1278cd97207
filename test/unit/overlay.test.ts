import {Volume} from 'memfs'
import {describe, expect, it} from 'vitest'

import type {ReadFs} from '../../src/sources/context.js'
import {overlayFs} from '../../src/sources/overlay.js'

describe('overlayFs', () => {
  it('answers readFile with the planned bytes (Buffer or string, relative paths too) and passes everything else through', async () => {
    const vol = Volume.fromJSON({'/h/unit': 'old\n', '/h/other': 'x'})
    const fs = overlayFs(vol.promises as unknown as ReadFs, new Map([['/h/unit', Buffer.from('new\n')]]))
    expect(await fs.readFile('/h/unit', 'utf8')).toBe('new\n')
    expect(await fs.readFile('/h/./unit', {encoding: 'utf8'})).toBe('new\n')
    expect(Buffer.isBuffer(await fs.readFile('/h/unit'))).toBe(true)
    expect(await fs.readFile('/h/other', 'utf8')).toBe('x')
    expect((await fs.stat('/h/unit')).isFile()).toBe(true)
    // Nothing was written: the disk keeps the old bytes.
    expect(vol.readFileSync('/h/unit', 'utf8')).toBe('old\n')
    await expect(fs.readFile('/h/missing')).rejects.toMatchObject({code: 'ENOENT'})
  })
})
