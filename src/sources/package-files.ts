// The package's own files, located from this module's URL. This file must stay one folder below src/
// (lib/sources/ once built): the esbuild bundle of the fast path (lib/bundle/) sits at the same depth,
// so the same relative URLs hold whether this code runs from lib/sources/ or from the bundle.

/** A product config schema the release profiles name (`schemas/<name>.schema.json`, relative to the package root). */
export const configSchemaUrl = (file: string): URL => new URL(`../../${file}`, import.meta.url)

/** Its precompiled standalone validator (CommonJS), written at build time by `node lib/build/generate-validators.js`. */
export const configValidatorUrl = (file: string): URL =>
  new URL(`../schema/${file.replace(/^.*\//, '').replace(/\.schema\.json$/, '')}-validator.cjs`, import.meta.url)

/** The build's one-file copy of the ws package (src/build/bundle.ts), loaded with its code cache by the probe. */
export const wsBundleUrl = new URL('../bundle/ws.cjs', import.meta.url)
