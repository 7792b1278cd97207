#!/usr/bin/env node
// `clawdoc doctor` is the command people run first and often: plain doctor invocations skip
// loading oclif (see src/fast-doctor.ts). CLAWDOC_NO_FAST_PATH=1 forces the oclif path (tests).
const argv = process.argv.slice(2)
let handled = false
if (argv[0] === 'doctor' && !process.env.CLAWDOC_NO_FAST_PATH) {
  const {fastDoctor} = await import('../lib/fast-doctor.js')
  handled = await fastDoctor(argv.slice(1))
}
if (!handled) {
  const {execute} = await import('@oclif/core')
  await execute({dir: import.meta.url})
}
