/**
 * Child process for the crash and concurrency tests. Applies the edits in the
 * JSON spec file given as argv[2]. At every engine step it prints
 * `STEP <name> <file>` and, when `pause` is set, waits for one byte on stdin
 * before going on, so the parent can SIGKILL it (by pid) exactly there.
 * Ends with `RESULT <json>` (exit 0) or `ERROR <code> <message>` (exit 3).
 */
import {readFileSync} from 'node:fs'

import {applyEdits, type FileEdit} from '../../src/fix/apply.js'

interface Spec {
  lockDir: string
  pause: boolean
  files: {path: string; before: string; after: string}[]
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec
const edits: FileEdit[] = spec.files.map((f) => ({
  path: f.path,
  before: Buffer.from(f.before, 'base64'),
  after: Buffer.from(f.after, 'base64'),
  reason: 'crash test',
}))

let pending: (() => void) | undefined
let credit = 0
process.stdin.on('data', (chunk: Buffer) => {
  credit += chunk.length
  if (pending && credit > 0) {
    credit--
    const go = pending
    pending = undefined
    go()
  }
})

async function onStep(step: string, file: string): Promise<void> {
  process.stdout.write(`STEP ${step} ${file}\n`)
  if (!spec.pause) return
  if (credit > 0) {
    credit--
    return
  }
  await new Promise<void>((resolve) => (pending = resolve))
}

try {
  const result = await applyEdits(edits, {now: () => Date.now(), lockDir: spec.lockDir, onStep})
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
  process.exit(0)
} catch (err) {
  const e = err as {code?: string; message?: string}
  process.stdout.write(`ERROR ${e.code ?? 'UNKNOWN'} ${e.message ?? String(err)}\n`)
  process.exit(3)
}
