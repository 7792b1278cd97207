import * as path from 'node:path'

import type {Context} from './context.js'
import {Secret} from '../model/secret.js'
import type {TokenCopy} from '../model/copy.js'
import type {EnvFacts, Paths} from '../model/facts.js'
import {readDotenv} from './dotenv.js'

/** Newer product names that clawdbot 2026.1.24 ignores but openclaw reads. */
const NEWER = /^(OPENCLAW|MOLTBOT)_(GATEWAY_TOKEN|GATEWAY_PASSWORD|STATE_DIR|CONFIG_PATH|GATEWAY_PORT|PROFILE)$/

/**
 * The shell environment clawdoc runs in (the user's shell), the `.env` in the
 * current directory and `<stateDir>/.env`. The product's CLI reads all three,
 * shell first, then the cwd file, then the state-dir file (dotenv never overrides).
 */
export async function readEnv(ctx: Pick<Context, 'env' | 'fs'>, paths: Paths): Promise<EnvFacts> {
  const shell: TokenCopy[] = []
  for (const [variable, secret] of [
    ['CLAWDBOT_GATEWAY_TOKEN', 'token'],
    ['CLAWDBOT_GATEWAY_PASSWORD', 'password'],
  ] as const) {
    const v = ctx.env[variable]
    if (v === undefined) continue
    shell.push({
      id: secret === 'token' ? 'shell.env' : 'shell.env.password',
      secret,
      label: `$${variable} in your shell`,
      value: new Secret(v),
      place: {kind: 'shell-env', variable},
      origin: {type: 'literal'},
    })
  }
  const [cwdDotenv, stateDirDotenv] = await Promise.all([
    readDotenv(ctx.fs, path.join(paths.cwd, '.env'), 'cwd.dotenv'),
    readDotenv(ctx.fs, path.join(paths.stateDir, '.env'), 'statedir.dotenv'),
  ])
  // The same file twice (running from the state dir) is one source.
  const sameFile = path.resolve(cwdDotenv.path) === path.resolve(stateDirDotenv.path)
  const newerNames = Object.keys(ctx.env).filter((k) => NEWER.test(k) && ctx.env[k] !== undefined).sort()
  return {
    shell,
    cwdDotenv: sameFile ? {path: cwdDotenv.path, status: 'missing', copies: []} : cwdDotenv,
    stateDirDotenv,
    newerNames,
  }
}
