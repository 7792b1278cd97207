import * as path from 'node:path'

import type {Context} from './context.js'
import {Secret} from '../model/secret.js'
import type {TokenCopy} from '../model/copy.js'
import type {EnvFacts, Paths} from '../model/facts.js'
import {CLAWDBOT, type ProfileNamesView} from '../model/profiles/index.js'
import {otherPrefixes, readsCwdDotenv, secretNames, variableSuffixes} from '../model/profiles/names.js'
import {readDotenv} from './dotenv.js'

/**
 * The shell environment clawdoc runs in (the user's shell), the `.env` in the current directory (when the
 * release's CLI reads it: names.envFiles) and `<stateDir>/.env`, under the release's names (the primary
 * name, then each legacy prefix's). The product's CLI reads them shell first, then the cwd file, then the
 * state-dir file (dotenv never overrides).
 */
export async function readEnv(ctx: Pick<Context, 'env' | 'fs'>, paths: Paths, names: ProfileNamesView = CLAWDBOT.names): Promise<EnvFacts> {
  const watched = secretNames(names)
  const shell: TokenCopy[] = []
  for (const {variable, secret, legacyName} of watched) {
    const v = ctx.env[variable]
    if (v === undefined) continue
    const copy: TokenCopy = {
      id: secret === 'token' ? 'shell.env' : 'shell.env.password',
      secret,
      label: `$${variable} in your shell`,
      value: new Secret(v),
      place: {kind: 'shell-env', variable},
      origin: {type: 'literal'},
    }
    if (legacyName) copy.legacyName = legacyName
    shell.push(copy)
  }
  const cwdFile = path.join(paths.cwd, '.env')
  const [cwdDotenv, stateDirDotenv] = await Promise.all([
    readsCwdDotenv(names) ? readDotenv(ctx.fs, cwdFile, 'cwd.dotenv', watched) : undefined,
    readDotenv(ctx.fs, path.join(paths.stateDir, '.env'), 'statedir.dotenv', watched),
  ])
  // The same file twice (running from the state dir) is one source; a CLI that does not read ./.env has none.
  const sameFile = path.resolve(cwdFile) === path.resolve(stateDirDotenv.path)
  const others = otherPrefixes(names)
  const suffixes = variableSuffixes(names)
  const newerNames = Object.keys(ctx.env)
    .filter((k) => ctx.env[k] !== undefined && others.some((p) => k.startsWith(p) && suffixes.includes(k.slice(p.length))))
    .sort()
  return {
    shell,
    cwdDotenv: sameFile || !cwdDotenv ? {path: cwdFile, status: 'missing', copies: []} : cwdDotenv,
    stateDirDotenv,
    newerNames,
  }
}
