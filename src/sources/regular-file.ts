import type {ReadFs} from './context.js'
import {errnoCode} from '../model/errors.js'

/**
 * Pseudo errno for a path that is not a regular file (worded so that messages quoting the code read well).
 * Reading a FIFO blocks forever and reading /dev/zero never ends (an `$include` or CLAWDBOT_CONFIG_PATH
 * can point anywhere), so readers check first and report this like any other unreadable file.
 */
export const NOT_REGULAR = 'not a regular file'

/** Throws an errno-style error (code NOT_REGULAR) when `file` exists but is not a regular file. */
export async function assertRegularFile(fs: Pick<ReadFs, 'stat'>, file: string): Promise<void> {
  let st: Awaited<ReturnType<ReadFs['stat']>>
  try {
    st = await fs.stat(file)
  } catch (err) {
    // The caller's readFile comes next and reports the same errno (ENOENT, EACCES, ELOOP) in its own terms.
    if (errnoCode(err) !== undefined) return
    throw err
  }
  if (!st.isFile()) throw Object.assign(new Error(`${file} is not a regular file`), {code: NOT_REGULAR})
}
