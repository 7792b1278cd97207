/**
 * The token-precedence facts clawdoc's checks rely on, each row proven against the
 * real clawdbot gateway and CLI by product-precedence.test.ts. The README's
 * precedence table is generated from this module: keep it data only.
 *
 * Symbols stand for distinct fake tokens; 'A ' is A with a trailing space and '""'
 * the empty string. `undefined` means not set.
 */
export type Sym = 'A' | 'B' | 'U' | 'X' | 'Z' | 'A ' | '""'

/** Obviously fake, distinct token values for the symbols, shared by every real-product suite. */
export const TOKEN_VALUES: Readonly<Record<Sym | 'A(trimmed)', string>> = {
  A: 'fake-interop-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  B: 'fake-interop-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  U: 'fake-interop-token-uuuuuuuuuuuuuuuuuuuuuuuuuuuuuu',
  X: 'fake-interop-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  Z: 'fake-interop-token-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
  'A ': 'fake-interop-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ',
  'A(trimmed)': 'fake-interop-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '""': '',
}

/** One gateway process: its config token and the token in its own environment (a unit's Environment=). */
export interface ServerSetup {
  authToken?: Sym
  envToken?: Sym
}

export const SERVERS = {
  configAndStaleEnv: {authToken: 'A', envToken: 'X'},
  envOnly: {envToken: 'U'},
  whitespace: {authToken: 'A '},
  emptyToken: {authToken: '""', envToken: 'X'},
} as const satisfies Record<string, ServerSetup>

export type ServerId = keyof typeof SERVERS

export interface PrecedenceRow {
  id: string
  server: ServerId
  /** The client's config (the same file on a real machine; a copy here so the gateway is not reloaded). */
  mode: 'local' | 'remote'
  authToken?: Sym
  remoteToken?: Sym
  /** `CLAWDBOT_GATEWAY_TOKEN` in the client's shell, in `<stateDir>/.env`, in `./.env`. */
  shellEnv?: Sym
  stateDirDotenv?: Sym
  cwdDotenv?: Sym
  /** What clawdoc's model says the CLI sends (trimmed), or undefined for no token. */
  clientSends?: Sym | 'A(trimmed)'
  /** What `clawdbot gateway health` does. */
  result: 'ok' | 'token-mismatch' | 'token-missing'
  note: string
}

export const PRECEDENCE_ROWS: readonly PrecedenceRow[] = [
  {id: 'server-config-over-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', remoteToken: 'B', clientSends: 'A', result: 'ok',
    note: 'The server uses gateway.auth.token over its own env token; local mode ignores remote.token.'},
  {id: 'shell-env-over-config', server: 'configAndStaleEnv', mode: 'local',
    authToken: 'A', remoteToken: 'B', shellEnv: 'B', clientSends: 'B', result: 'token-mismatch',
    note: 'A local CLI sends the shell env token before gateway.auth.token.'},
  {id: 'stale-shell-env', server: 'configAndStaleEnv', mode: 'local',
    authToken: 'A', remoteToken: 'A', shellEnv: 'X', clientSends: 'X', result: 'token-mismatch',
    note: 'A stale shell token breaks the CLI even when every config copy agrees.'},
  {id: 'server-ignores-own-env', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', shellEnv: 'X', clientSends: 'X', result: 'token-mismatch',
    note: 'The server env token X is not accepted while gateway.auth.token is set.'},
  {id: 'remote-uses-remote-token', server: 'configAndStaleEnv', mode: 'remote', authToken: 'A', remoteToken: 'B', clientSends: 'B', result: 'token-mismatch',
    note: 'Remote mode sends gateway.remote.token.'},
  {id: 'remote-ignores-env', server: 'configAndStaleEnv', mode: 'remote',
    authToken: 'A', remoteToken: 'B', shellEnv: 'A', clientSends: 'B', result: 'token-mismatch',
    note: 'Remote mode ignores the env token.'},
  {id: 'remote-ignores-stale-env', server: 'configAndStaleEnv', mode: 'remote',
    authToken: 'A', remoteToken: 'A', shellEnv: 'X', clientSends: 'A', result: 'ok',
    note: 'Remote mode with a matching remote.token works despite a stale env token.'},
  {id: 'statedir-dotenv-over-config', server: 'configAndStaleEnv', mode: 'local',
    authToken: 'A', remoteToken: 'A', stateDirDotenv: 'X', clientSends: 'X', result: 'token-mismatch',
    note: '<stateDir>/.env is read by the CLI and wins over gateway.auth.token.'},
  {id: 'shell-over-statedir-dotenv', server: 'configAndStaleEnv', mode: 'local',
    authToken: 'A', remoteToken: 'A', shellEnv: 'A', stateDirDotenv: 'X', clientSends: 'A', result: 'ok',
    note: 'The shell env wins over <stateDir>/.env.'},
  {id: 'cwd-dotenv-over-config', server: 'configAndStaleEnv', mode: 'local', authToken: 'A', cwdDotenv: 'X', clientSends: 'X', result: 'token-mismatch',
    note: 'A .env in the current directory is read too.'},
  {id: 'env-only-server-no-client-token', server: 'envOnly', mode: 'local', clientSends: undefined, result: 'token-missing',
    note: 'Server token only in the unit env: a CLI without the env token sends none.'},
  {id: 'env-only-server-shell-match', server: 'envOnly', mode: 'local', shellEnv: 'U', clientSends: 'U', result: 'ok',
    note: 'The server falls back to its env token when gateway.auth.token is unset.'},
  {id: 'env-only-server-shell-stale', server: 'envOnly', mode: 'local', shellEnv: 'X', clientSends: 'X', result: 'token-mismatch',
    note: 'Env-only server, other env token in the shell.'},
  {id: 'whitespace-trap', server: 'whitespace', mode: 'local', authToken: 'A ', clientSends: 'A(trimmed)', result: 'token-mismatch',
    note: 'The CLI trims the config token, the server does not: a permanent mismatch although the file looks right.'},
  {id: 'empty-token-turns-auth-off', server: 'emptyToken', mode: 'local', authToken: '""', shellEnv: 'Z', clientSends: 'Z', result: 'ok',
    note: 'gateway.auth.token "" turns auth off: any token is accepted and the env token X is ignored.'},
]
