import * as fs from 'node:fs'

/**
 * What the per-process readers of procfs use (src/sources/proc.ts, the fd scan of src/sources/port.ts): a part of
 * ReadFs, without options (a caller that needs one sees the type refuse it, rather than an option silently ignored).
 */
export interface ProcFs {
  readFile(file: string): Promise<Buffer | string>
  readdir(dir: string): Promise<string[]>
  readlink(link: string): Promise<string | Buffer>
}

/**
 * The real procfs, read synchronously behind the same promise interface (a failure is a rejection with the same errno).
 * A file under /proc/<pid> is made by the kernel on the spot, in microseconds and without a disk: the trips to the
 * thread pool of fs.promises cost more than the reads (a service's fd scan: some 4 ms against under 1). Not for
 * /proc/net/tcp, whose every read walks the kernel's socket table for milliseconds: that one stays on ctx.fs, read beside
 * other work.
 */
export const PROC_FS: ProcFs = {
  readFile: async (file) => fs.readFileSync(file),
  readdir: async (dir) => fs.readdirSync(dir),
  readlink: async (link) => fs.readlinkSync(link),
}
