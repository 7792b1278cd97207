import * as fsp from 'node:fs/promises'

/** Bigger files go through fs.promises.readFile itself (its size limit and its error for a file too large). */
const ONE_READ_MAX = 256 * 2 ** 20
/** Room for a file whose size stat does not know (procfs says 0): grown as needed. */
const UNKNOWN_SIZE_CHUNK = 64 * 1024

/**
 * `fs.promises.readFile(file)` for the readers: the same bytes and the same errors (the same system
 * calls: open, fstat, read, close), but a file of known size is read in one call. readFile reads 512 KiB
 * at a time, one trip to the thread pool each: twenty for a 10 MB config, and the main thread idles in
 * between. With options (an encoding, a flag), or for a handle, it is readFile itself.
 */
export const readWholeFile = (async (file: unknown, options?: unknown): Promise<Buffer | string> => {
  if (options !== undefined && options !== null) return fsp.readFile(file as string, options as never)
  if (typeof file !== 'string' && !Buffer.isBuffer(file) && !(file instanceof URL)) return fsp.readFile(file as fsp.FileHandle)
  const fh = await fsp.open(file, 'r')
  try {
    const {size} = await fh.stat()
    if (size > ONE_READ_MAX) return await fsp.readFile(fh)
    let buf = Buffer.allocUnsafe(size > 0 ? size : UNKNOWN_SIZE_CHUNK)
    let n = 0
    for (;;) {
      // A known size is read to its end and no further, as readFile does (a file that grows meanwhile is cut there).
      if (size > 0 && n === size) break
      if (n === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2)
        buf.copy(bigger, 0, 0, n)
        buf = bigger
      }
      const {bytesRead} = await fh.read(buf, n, buf.length - n, null)
      if (bytesRead === 0) break
      n += bytesRead
    }
    return n === buf.length ? buf : buf.subarray(0, n)
  } finally {
    await fh.close()
  }
}) as typeof fsp.readFile
