/** Version of every --json document; a breaking change means 2 and new schema files. */
export const SCHEMA_VERSION = 1 as const
