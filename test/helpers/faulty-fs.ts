import type {WriteFs, WriteHandle} from '../../src/fix/atomic-write.js'

/** Steps at which a fault can be injected. */
export const FAULT_STEPS = ['open', 'write', 'fsync', 'chmod', 'close', 'rename', 'dir-fsync'] as const
export type FaultStep = (typeof FAULT_STEPS)[number] | 'realpath' | 'readFile' | 'stat' | 'link'

export interface Fault {
  step: FaultStep
  /** Which path the fault hits (the file opened / renamed / the dir synced). */
  when: (path: string) => boolean
  /** errno code of the thrown error (default EIO; ENOSPC for write). */
  code?: string
  /** Fail only the n-th matching call (1-based); default: every matching call. */
  nth?: number
}

export interface FaultyFs extends WriteFs {
  /** How many times the fault fired. */
  fired: number
}

function errno(code: string, op: string, p: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: injected failure, ${op} '${p}'`) as NodeJS.ErrnoException
  e.code = code
  return e
}

/** Wrap a WriteFs so that it fails at one chosen step for the paths `when` selects. */
export function faultyFs(base: WriteFs, fault: Fault): FaultyFs {
  let seen = 0
  const out = {fired: 0} as FaultyFs
  const fires = (step: FaultStep, p: string): boolean => {
    if (step !== fault.step || !fault.when(p)) return false
    seen++
    if (fault.nth !== undefined && seen !== fault.nth) return false
    out.fired++
    return true
  }
  const fail = (step: FaultStep, p: string) => errno(fault.code ?? (step === 'write' ? 'ENOSPC' : 'EIO'), step, p)
  const check = (step: FaultStep, p: string): void => {
    if (fires(step, p)) throw fail(step, p)
  }
  const wrap = (h: WriteHandle, p: string): WriteHandle => ({
    write: async (d) => {
      // Simulate a disk that fills up halfway: part of the data lands, then ENOSPC.
      if (fires('write', p)) {
        await h.write(d.subarray(0, Math.floor(d.length / 2)))
        throw fail('write', p)
      }
      await h.write(d)
    },
    sync: async () => (check('fsync', p), h.sync()),
    chmod: async (m) => (check('chmod', p), h.chmod(m)),
    chown: (u, g) => h.chown(u, g),
    // close must still release the real handle, or the test leaks descriptors.
    close: async () => {
      await h.close()
      check('close', p)
    },
  })
  return Object.assign(out, {
    realpath: async (p: string) => (check('realpath', p), base.realpath(p)),
    readFile: async (p: string) => (check('readFile', p), base.readFile(p)),
    stat: async (p: string) => (check('stat', p), base.stat(p)),
    open: async (p: string, f: number, m: number) => {
      check('open', p)
      return wrap(await base.open(p, f, m), p)
    },
    rename: async (a: string, b: string) => (check('rename', b), base.rename(a, b)),
    link: async (a: string, b: string) => (check('link', b), base.link(a, b)),
    unlink: (p: string) => base.unlink(p),
    readdir: (d: string) => base.readdir(d),
    fsyncDir: async (d: string) => (check('dir-fsync', d), base.fsyncDir(d)),
  })
}
