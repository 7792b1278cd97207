// The parties of a gateway setup and the places they take a token from: plain names, shared by the parties model
// (parties.ts) and the release profiles (profiles/), which give each party's order.

/** Who uses a gateway token. */
export type Party = 'server' | 'local-cli' | 'remote-cli' | 'gateway-tools'

/** Every place a party may take its token (or password) from. */
export type TokenSource =
  /** `--token` on the unit's ExecStart line. */
  | 'exec-start'
  | 'auth-token'
  | 'auth-password'
  | 'remote-token'
  /** The gateway's own environment: the running process, else (and at its next start) the unit's. */
  | 'service-env'
  | 'shell-env'
  | 'cwd-dotenv'
  | 'statedir-dotenv'
  /** `env.<PREFIX>GATEWAY_TOKEN` / `env.vars.…` in the config (fills only an empty variable). */
  | 'config-env-block'
