// Files shipped next to the code, addressed from here: this module sits two folders below the package
// root both as compiled (lib/sources/) and when esbuild bundles it into lib/bundle/, so one relative URL
// is right in both (from src/sources/config/ the bundled copy resolved one folder too high).

/** The config schema (schemas/ at the package root). */
export const CONFIG_SCHEMA_URL = new URL('../../schemas/clawdbot-config.schema.json', import.meta.url)
/** Written at build time by `node lib/build/generate-validators.js` into lib/schema/; absent when running from src/. */
export const GENERATED_VALIDATOR_URL = new URL('../schema/config-validator.js', import.meta.url)
