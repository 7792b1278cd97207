import {fork, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import * as path from 'node:path'

import {ROOT} from '../helpers/cli.js'

export interface RunRequest {
  argv: string[]
  env: Record<string, string>
  cwd: string
  stdin?: string
}
export interface RunResult {
  /** null when the case hung and the worker was killed. */
  code: number | null
  stdout: string
  stderr: string
  /** An exception that escaped the command (a crash). */
  thrown?: string
  ms: number
  hung?: boolean
}

const WORKER = path.join(ROOT, 'test', 'hostile', 'worker.mjs')

/** Fail with what to do when the compiled CLI is missing (the corpus runs lib/, like bin/run.js). */
export function requireBuild(): void {
  if (!existsSync(path.join(ROOT, 'lib', 'cli', 'fast-path.js'))) {
    throw new Error('lib/ is missing: run `npx tsc -p . && node lib/build/generate-validators.js && npx oclif manifest` first')
  }
}

interface Slot {
  child?: ChildProcess
  ready?: Promise<ChildProcess>
}

/** One in-process CLI worker per core; a hung case kills its worker (by pid) and a fresh one takes over. */
export class CliPool {
  readonly size: number
  private slots: Slot[]
  private free: number[]
  private waiting: ((i: number) => void)[] = []
  private nextId = 0

  constructor(size = Math.max(2, availableParallelism())) {
    this.size = size
    this.slots = Array.from({length: size}, () => ({}))
    this.free = this.slots.map((_, i) => i)
  }

  private start(slot: Slot): Promise<ChildProcess> {
    slot.ready ??= new Promise((resolve, reject) => {
      const child = fork(WORKER, [], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}})
      child.stdout?.resume()
      child.stderr?.resume()
      child.once('error', reject)
      child.once('message', () => resolve(child))
      slot.child = child
    })
    return slot.ready
  }

  private async acquire(): Promise<number> {
    const i = this.free.pop()
    if (i !== undefined) return i
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  private release(i: number): void {
    const next = this.waiting.shift()
    if (next) next(i)
    else this.free.push(i)
  }

  async run(req: RunRequest, timeoutMs = 20_000): Promise<RunResult> {
    const i = await this.acquire()
    const slot = this.slots[i]
    try {
      const child = await this.start(slot)
      const id = this.nextId++
      return await new Promise<RunResult>((resolve) => {
        const started = performance.now()
        const timer = setTimeout(() => {
          child.off('message', onMessage)
          child.off('exit', onExit)
          child.kill('SIGKILL')
          slot.child = undefined
          slot.ready = undefined
          resolve({code: null, stdout: '', stderr: '', ms: performance.now() - started, hung: true})
        }, timeoutMs)
        const onExit = (code: number | null, signal: string | null) => {
          clearTimeout(timer)
          slot.child = undefined
          slot.ready = undefined
          resolve({code: null, stdout: '', stderr: '', thrown: `worker died (exit ${code}, ${signal})`, ms: performance.now() - started})
        }
        const onMessage = (m: RunResult & {id?: number}) => {
          if (m.id !== id) return
          clearTimeout(timer)
          child.off('message', onMessage)
          child.off('exit', onExit)
          resolve(m)
        }
        child.on('message', onMessage)
        child.once('exit', onExit)
        child.send({id, ...req})
      })
    } finally {
      this.release(i)
    }
  }

  close(): void {
    for (const s of this.slots) s.child?.kill('SIGKILL')
  }
}
