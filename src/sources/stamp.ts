import type {ReadFs} from './context.js'
import {errnoCode} from '../model/errors.js'

/**
 * A cheap identity of some files' current contents: inode, size and change times of each, or
 * its errno. Two equal stamps mean no file was replaced or written in between (a rename over
 * the file, the product's way of writing, gives a new inode even within one mtime tick).
 */
export async function filesStamp(fs: Pick<ReadFs, 'stat'>, files: readonly string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (file) => {
      try {
        const st = await fs.stat(file)
        return `${file}\0${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`
      } catch (err) {
        // Absent or unreadable is a state of the file like any other: it is part of the stamp.
        return `${file}\0${errnoCode(err) ?? 'error'}`
      }
    }),
  )
  return parts.join('\n')
}
