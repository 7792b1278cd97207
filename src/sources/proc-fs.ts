import * as fs from 'node:fs'
import type * as fsp from 'node:fs/promises'

/** What the per-process readers of procfs use (src/sources/proc.ts, the fd scan of src/sources/port.ts): a part of ReadFs. */
export type ProcFs = Pick<typeof fsp, 'readFile' | 'readdir' | 'readlink'>

/**
 * The real procfs, read synchronously behind the same promise interface (a failure is a rejection with the same errno).
 * A file under /proc/<pid> is made by the kernel on the spot, in microseconds and without a disk: the trips to the
 * thread pool of fs.promises cost more than the reads (a service's fd scan: some 4 ms against under 1). Not for
 * /proc/net/tcp, whose every read walks the kernel's socket table for milliseconds: that one stays on ctx.fs, read beside
 * other work.
 */
export const PROC_FS: ProcFs = {
  readFile: (async (file: string) => fs.readFileSync(file)) as unknown as ProcFs['readFile'],
  readdir: (async (dir: string) => fs.readdirSync(dir)) as unknown as ProcFs['readdir'],
  readlink: (async (link: string) => fs.readlinkSync(link)) as unknown as ProcFs['readlink'],
}
