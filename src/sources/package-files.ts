// The package's own files, located from this module's URL. This file must stay one folder below src/
// (lib/sources/ once built): the esbuild bundle of the fast path (lib/bundle/) sits at the same depth,
// so the same relative URLs hold whether this code runs from lib/sources/ or from the bundle.

/** The product's config schema that clawdoc validates against. */
export const CONFIG_SCHEMA_URL = new URL('../../schemas/clawdbot-config.schema.json', import.meta.url)

/** The precompiled standalone validator, written at build time by `node lib/build/generate-validators.js`. */
export const CONFIG_VALIDATOR_URL = new URL('../schema/config-validator.js', import.meta.url)
