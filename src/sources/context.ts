import * as fsp from 'node:fs/promises'
import {homedir} from 'node:os'

import {execFile, type Exec} from './exec.js'
import {readWholeFile} from './whole-file.js'
import {PROC_FS, type ProcFs} from './proc-fs.js'

/** The subset of node:fs/promises the readers use (memfs' `vol.promises` fits). */
export type ReadFs = Pick<typeof fsp, 'readFile' | 'stat' | 'lstat' | 'readdir' | 'realpath' | 'access' | 'readlink'>

/**
 * Everything that comes from outside the program. Built once per command;
 * below the commands, nothing reads process.env, os.homedir(), process.cwd()
 * or spawns processes except through this object.
 */
export interface Context {
  env: Readonly<Record<string, string | undefined>>
  home: string
  cwd: string
  uid: number
  fs: ReadFs
  exec: Exec
  now: () => number
  /** Root of procfs ('/proc'); tests point it elsewhere. */
  procRoot: string
  /** How the per-process files of procfs are read (src/sources/proc-fs.ts); `fs` when unset, as in tests. */
  procFs?: ProcFs
}

/** The real file system: node:fs/promises, with files read in one call (whole-file.ts). */
const PROCESS_FS: ReadFs = {...fsp, readFile: readWholeFile}

export function createContext(overrides: Partial<Context> = {}): Context {
  const env = overrides.env ?? {...process.env}
  // HOME wins over the passwd entry, as in the product (`os.homedir()` honours HOME too,
  // but we read it explicitly so tests can pass a fake env).
  const home = overrides.home ?? (env.HOME && env.HOME.trim() !== '' ? env.HOME : homedir())
  return {
    env,
    home,
    cwd: overrides.cwd ?? process.cwd(),
    uid: overrides.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0),
    fs: overrides.fs ?? PROCESS_FS,
    exec: overrides.exec ?? execFile,
    now: overrides.now ?? (() => Date.now()),
    procRoot: overrides.procRoot ?? '/proc',
    // The real /proc only: a test's file system or proc tree is read through its own fs.
    procFs: overrides.procFs ?? (overrides.fs === undefined && overrides.procRoot === undefined ? PROC_FS : undefined),
  }
}
