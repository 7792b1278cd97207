import type {ReadFs} from './context.js'

/**
 * A file's text, decoded from its bytes in one go. `readFile(file, 'utf8')` decodes a big file chunk
 * by chunk through a StringDecoder and returns the pieces joined as a rope, which the first search or
 * parse then copies into one flat string: twice the work on a multi-megabyte config. Same text either
 * way (a BOM is kept, invalid bytes become U+FFFD).
 */
export async function readUtf8(fs: Pick<ReadFs, 'readFile'>, file: string): Promise<string> {
  const data = (await fs.readFile(file)) as Buffer | string
  return typeof data === 'string' ? data : data.toString('utf8')
}
