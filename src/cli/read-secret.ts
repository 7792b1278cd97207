import {ClawdocError} from '../model/errors.js'

/**
 * The value of `--token-stdin`. Piped in, it is read whole (a trailing newline from `echo` or a file is dropped later,
 * by chooseToken). On a terminal it asks on stderr and reads one line with echo off, so the token never shows on the
 * screen or in the scrollback: backspace edits, Enter ends, Ctrl-C or Ctrl-D on an empty line cancel with nothing changed.
 */
export async function readSecret(stdin: NodeJS.ReadStream, prompt: (s: string) => void): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const c of stdin) chunks.push(c as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }
  // Echo off before the prompt shows: whatever is typed after it must never reach the screen.
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  prompt('Gateway token (input hidden, Enter to end): ')
  return new Promise<string>((resolve, reject) => {
    let value = ''
    const finish = (error?: ClawdocError) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      prompt('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return finish()
        if (c === '\u0003' || (c === '\u0004' && value === '')) {
          return finish(new ClawdocError('NOT_CONFIRMED', 'Cancelled: no token was read and nothing was changed.'))
        }
        if (c === '\u007f' || c === '\b') value = value.slice(0, -1)
        else if (c !== '\u0004') value += c
      }
    }
    stdin.on('data', onData)
  })
}
