import {constants} from 'node:fs'
import * as fsp from 'node:fs/promises'
import {randomBytes} from 'node:crypto'
import * as path from 'node:path'

import {debugCaught} from '../model/debug.js'
import {errnoCode} from '../model/errors.js'

/** An open file: every operation is a separate step so tests can fail each one. */
export interface WriteHandle {
  /** Write all of `data` (loops over short writes). */
  write(data: Buffer): Promise<void>
  sync(): Promise<void>
  chmod(mode: number): Promise<void>
  chown(uid: number, gid: number): Promise<void>
  close(): Promise<void>
}

/** The narrow fs the apply engine writes through; tests inject one that fails at a chosen step. */
export interface WriteFs {
  realpath(p: string): Promise<string>
  readFile(p: string): Promise<Buffer>
  stat(p: string): Promise<{mode: number; uid: number; gid: number}>
  /** `flags` are numeric open(2) flags; `mode` applies only when the file is created. */
  open(p: string, flags: number, mode: number): Promise<WriteHandle>
  rename(from: string, to: string): Promise<void>
  /** Create `to` as a hard link to `from`; fails with EEXIST when `to` exists (no-clobber). */
  link(from: string, to: string): Promise<void>
  unlink(p: string): Promise<void>
  readdir(dir: string): Promise<string[]>
  /** fsync a directory so a rename in it survives power loss. */
  fsyncDir(dir: string): Promise<void>
}

function handleOf(fh: fsp.FileHandle): WriteHandle {
  return {
    async write(data) {
      let off = 0
      while (off < data.length) {
        const {bytesWritten} = await fh.write(data, off, data.length - off, null)
        off += bytesWritten
      }
    },
    sync: () => fh.sync(),
    chmod: (mode) => fh.chmod(mode),
    chown: (uid, gid) => fh.chown(uid, gid),
    close: () => fh.close(),
  }
}

/** The part of node:fs/promises the engine needs (memfs' `vol.promises` fits too). */
export type PromisesApi = Pick<typeof fsp, 'realpath' | 'readFile' | 'stat' | 'open' | 'rename' | 'link' | 'unlink' | 'readdir'>

export function writeFsFrom(api: PromisesApi): WriteFs {
  return {
    realpath: (p) => api.realpath(p),
    readFile: (p) => api.readFile(p),
    stat: (p) => api.stat(p),
    open: async (p, flags, mode) => handleOf(await api.open(p, flags, mode)),
    rename: (a, b) => api.rename(a, b),
    link: (a, b) => api.link(a, b),
    unlink: (p) => api.unlink(p),
    readdir: (d) => api.readdir(d),
    async fsyncDir(dir) {
      const fh = await api.open(dir, constants.O_RDONLY | constants.O_DIRECTORY)
      try {
        await fh.sync()
      } finally {
        await fh.close()
      }
    },
  }
}

export const nodeWriteFs: WriteFs = writeFsFrom(fsp)

/** A step the engine is about to take or has just taken; the crash tests pause (and kill) there. */
export type StepHook = (step: string, file: string) => void | Promise<void>

const TMP_RE = /^\.(.+)\.clawdoc-(\d+)-[0-9a-f]+\.tmp$/

/** `.<name>.clawdoc-<pid>-<rand>.tmp` in the target's own directory (a rename across filesystems is not atomic). */
export function tempPathFor(target: string, pid: number): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.clawdoc-${pid}-${randomBytes(4).toString('hex')}.tmp`)
}

export interface AtomicWriteOptions {
  mode: number
  /** Owner to give the new file (only applied when running as root). */
  owner?: {uid: number; gid: number}
  pid: number
  onStep?: StepHook
}

/**
 * Replace `target` with `data`: temp file in the same dir → write → fsync →
 * chmod/chown → close → rename → fsync dir. On failure the temp file is
 * removed and the target is untouched (rename is the only visible step).
 */
export async function writeFileAtomic(fs: WriteFs, target: string, data: Buffer, opts: AtomicWriteOptions): Promise<void> {
  const tmp = tempPathFor(target, opts.pid)
  const step = async (name: string): Promise<void> => {
    if (opts.onStep) await opts.onStep(name, target)
  }
  let renamed = false
  try {
    const fh = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
    try {
      await fh.write(data)
      await step('tmp-written')
      await fh.sync()
      // open(2)'s mode is filtered by the umask: set it explicitly so 0600 stays 0600 (and 0640 stays 0640).
      await fh.chmod(opts.mode & 0o7777)
      if (opts.owner) await fh.chown(opts.owner.uid, opts.owner.gid)
      await step('tmp-synced')
    } finally {
      await fh.close()
    }
    await fs.rename(tmp, target)
    renamed = true
    await step('renamed')
    await fs.fsyncDir(path.dirname(target))
    await step('dir-synced')
  } catch (err) {
    if (!renamed) await removeQuietly(fs, tmp)
    throw err
  }
}

/** Best effort: the caller is already failing with a better error; a missing temp file is fine. */
export async function removeQuietly(fs: WriteFs, p: string): Promise<void> {
  try {
    await fs.unlink(p)
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return
    // Deliberately swallowed: reporting this would hide the original failure. cleanupStaleTemps removes it later.
    debugCaught(`unlink ${p}`, err)
  }
}

/**
 * Remove `.clawdoc-<pid>-*.tmp` files left in `dir` by processes that no longer
 * exist (a crash or SIGKILL mid-write). Returns the names removed.
 */
export async function cleanupStaleTemps(fs: WriteFs, dir: string, isAlive: (pid: number) => boolean): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return []
    throw err
  }
  const removed: string[] = []
  for (const name of names) {
    const m = TMP_RE.exec(name)
    if (!m || isAlive(Number(m[2]))) continue
    try {
      await fs.unlink(path.join(dir, name))
      removed.push(name)
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw err
    }
  }
  return removed
}

/** Is a process with this pid alive? EPERM means it exists but belongs to someone else. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return errnoCode(err) === 'EPERM'
  }
}
