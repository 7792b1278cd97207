import * as path from 'node:path'

import type {ReadFs} from './context.js'

/**
 * The readers' fs with some files' bytes replaced: lets the readers judge a setup as it will be after a planned
 * change (sync-token --migrate-legacy-names reads the renamed unit), without writing anything. Other calls pass through.
 */
export function overlayFs(fs: ReadFs, files: ReadonlyMap<string, Buffer>): ReadFs {
  const byPath = new Map([...files].map(([p, b]) => [path.resolve(p), b]))
  const readFile = (async (file: unknown, opts?: unknown) => {
    const hit = typeof file === 'string' ? byPath.get(path.resolve(file)) : undefined
    if (!hit) return (fs.readFile as (f: unknown, o?: unknown) => Promise<unknown>)(file, opts)
    const encoding = typeof opts === 'string' ? (opts as BufferEncoding) : (opts as {encoding?: BufferEncoding} | undefined)?.encoding
    return encoding ? hit.toString(encoding) : Buffer.from(hit)
  }) as ReadFs['readFile']
  return {...bind(fs), readFile}
}

function bind(fs: ReadFs): ReadFs {
  return {
    readFile: fs.readFile.bind(fs),
    stat: fs.stat.bind(fs),
    lstat: fs.lstat.bind(fs),
    readdir: fs.readdir.bind(fs),
    realpath: fs.realpath.bind(fs),
    access: fs.access.bind(fs),
    readlink: fs.readlink.bind(fs),
  } as ReadFs
}
