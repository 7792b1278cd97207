// Places: where a fact was found. Every reader records one for what it reports.

/** Where something lives: a file position, an env variable, a unit, a process. */
export interface Place {
  kind: 'config' | 'shell-env' | 'dotenv' | 'unit' | 'env-file' | 'service' | 'process' | 'device-store' | 'port'
  /** Absolute path of the file, when there is one. */
  file?: string
  /** 1-based line and column. */
  line?: number
  column?: number
  /** Environment variable name. */
  variable?: string
  /** Config key path, e.g. `gateway.auth.token`. */
  key?: string
  /** systemd unit name, e.g. `clawdbot-gateway.service`. */
  unit?: string
  pid?: number
}

export interface Problem {
  /** One sentence, no secret. */
  message: string
  place: Place
}

export type FileStatus = 'ok' | 'missing' | 'unreadable' | 'parse-error'
