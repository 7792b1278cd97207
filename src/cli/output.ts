import {isatty} from 'node:tty'

import {errorExitCode, errorJson, errorText, type ErrorExtras} from '../render/error.js'

/**
 * The one place that writes a command's answer, for both front ends (oclif's BaseCommand and the
 * start-up fast path): one JSON document on stdout with --json, else human text; an error as one
 * JSON error document or one clear sentence on stderr, never a stack trace for a user error.
 */
export interface Io {
  /** Human text (one call per line block); nothing is written with --json. */
  log(text: string): void
  json: boolean
  stdinIsTTY: boolean
  stdoutIsTTY: boolean
  stderrIsTTY: boolean
  /** A progress spinner on stderr (oclif's); absent on the fast path and with --json. */
  spinner?: {start(action: string, status: string): void; status(status: string): void; stop(): void}
}

/** What a front end gets back from a command: its --json document and its exit code. */
export interface Answer<T> {
  doc: T
  exitCode: number
}

export function writeJson(doc: unknown): void {
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n')
}

export function reportError(command: string, err: unknown, json: boolean, extras?: ErrorExtras): void {
  process.exitCode = errorExitCode(err)
  if (json) writeJson(errorJson(command, err, extras))
  else process.stderr.write(errorText(err, extras))
}

/** The Io of the plain process (the fast path). */
export function processIo(json: boolean): Io {
  return {
    log: (text) => json || process.stdout.write(text + '\n'),
    json,
    // isatty(0), not process.stdin.isTTY: that getter opens a stream on stdin (a pipe under scripts), milliseconds for a yes or no.
    stdinIsTTY: isatty(0),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  }
}
