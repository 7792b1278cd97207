// A long-lived CLI runner for the hostile corpus: one node process per core runs many cases
// in-process (node start-up plus module loading cost ~200 ms a run; a case costs a few ms here).
// It behaves like bin/run.js: `doctor` goes through the fast path, everything else through oclif.
// Each request gets its own environment, cwd, stdin and captured stdout/stderr. This process is
// its own sandbox, so replacing process.env / cwd / stdin here touches nothing outside it.
import * as path from 'node:path'
import {Readable} from 'node:stream'
import {fileURLToPath, pathToFileURL} from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const {fastRun} = await import(pathToFileURL(path.join(ROOT, 'lib', 'cli', 'fast-path.js')).href)
const oclif = await import('@oclif/core')

const realOut = process.stdout.write.bind(process.stdout)
const realErr = process.stderr.write.bind(process.stderr)

async function runOne({argv, env, cwd, stdin}) {
  for (const k of Object.keys(process.env)) delete process.env[k]
  Object.assign(process.env, env)
  process.chdir(cwd)
  Object.defineProperty(process, 'stdin', {value: Readable.from([Buffer.from(stdin ?? '')]), configurable: true, writable: true})
  let stdout = ''
  let stderr = ''
  const capture = (sink) => (chunk, enc, cb) => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    if (typeof enc === 'function') enc()
    else if (typeof cb === 'function') cb()
    return true
  }
  process.stdout.write = capture((s) => (stdout += s))
  process.stderr.write = capture((s) => (stderr += s))
  process.exitCode = undefined
  const started = performance.now()
  let thrown
  try {
    let handled = false
    if ((argv[0] === 'doctor' || (argv[0] === 'sync-token' && argv.includes('--dry-run'))) && !env.CLAWDOC_NO_FAST_PATH) handled = await fastRun(
      argv[0],
      argv.slice(1),
    )
    // oclif finds the package from its root, as bin/run.js tells it (from bin/ it would stop at bin/package.json).
    if (!handled) await oclif.run(argv, ROOT)
  } catch (err) {
    // bin/run.js would let oclif's handler print this and exit non-zero: record it as a crash.
    thrown = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)
  } finally {
    process.stdout.write = realOut
    process.stderr.write = realErr
  }
  const code = thrown !== undefined && !process.exitCode ? 1 : (process.exitCode ?? 0)
  process.exitCode = undefined
  return {code, stdout, stderr, thrown, ms: performance.now() - started}
}

process.on('message', async (msg) => {
  const res = await runOne(msg)
  process.send({id: msg.id, ...res})
})
process.send({ready: true})
