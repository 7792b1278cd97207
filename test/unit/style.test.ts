import {describe, expect, it} from 'vitest'

import {makeStyle, PLAIN} from '../../src/render/style.js'

describe('makeStyle', () => {
  it('is plain (no chalk) for pipes, NO_COLOR, --no-color and TERM=dumb', async () => {
    expect(await makeStyle({env: {}, isTTY: false})).toBe(PLAIN)
    expect(await makeStyle({env: {NO_COLOR: '1'}, isTTY: true})).toBe(PLAIN)
    expect(await makeStyle({env: {}, isTTY: true, color: false})).toBe(PLAIN)
    expect(await makeStyle({env: {TERM: 'dumb'}, isTTY: true})).toBe(PLAIN)
    expect(await makeStyle({env: {NO_COLOR: '1', FORCE_COLOR: '1'}, isTTY: false})).toBe(PLAIN)
  })
  it('colours a terminal, or when FORCE_COLOR asks', async () => {
    expect((await makeStyle({env: {}, isTTY: true})).red('x')).toBe('\u001B[31mx\u001B[39m')
    expect((await makeStyle({env: {FORCE_COLOR: '1'}, isTTY: false})).red('x')).not.toBe('x')
    expect((await makeStyle({env: {NO_COLOR: ''}, isTTY: true})).red('x')).not.toBe('x')
  })
  it('honours --color and --no-color as chalk does: FORCE_COLOR wins over them, they win over NO_COLOR and a pipe', async () => {
    expect((await makeStyle({env: {}, isTTY: false, color: true})).red('x')).not.toBe('x')
    expect((await makeStyle({env: {NO_COLOR: '1'}, isTTY: false, color: true})).red('x')).not.toBe('x')
    expect((await makeStyle({env: {TERM: 'dumb'}, isTTY: true, color: true})).red('x')).not.toBe('x')
    expect(await makeStyle({env: {FORCE_COLOR: '0'}, isTTY: true, color: true})).toBe(PLAIN)
    expect(await makeStyle({env: {FORCE_COLOR: 'false'}, isTTY: true})).toBe(PLAIN)
    expect((await makeStyle({env: {FORCE_COLOR: '1'}, isTTY: true, color: false})).red('x')).not.toBe('x')
  })
})
