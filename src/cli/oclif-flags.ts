import {Flags} from '@oclif/core'

import type {FlagDef, FlagSpec} from './flag-spec.js'

/** oclif's `static flags` for a spec (cli/flag-spec.ts): the same names, defaults, options and limits as the fast path. */
export function toOclifFlags(spec: FlagSpec) {
  return Object.fromEntries(Object.entries(spec).map(([name, def]) => [name, toOclifFlag(def)]))
}

function toOclifFlag(def: FlagDef) {
  const common = {
    description: def.description,
    ...(def.char ? {char: def.char as 'v'} : {}),
    ...(def.helpGroup ? {helpGroup: def.helpGroup} : {}),
    ...(def.exclusive ? {exclusive: [...def.exclusive]} : {}),
  }
  switch (def.type) {
    case 'boolean':
      return Flags.boolean({...common, ...(def.allowNo ? {allowNo: true} : {}), ...(def.default === undefined ? {} : {default: def.default})})
    case 'integer':
      return Flags.integer({...common, ...(def.min === undefined ? {} : {min: def.min}), ...(def.default === undefined ? {} : {default: def.default})})
    case 'string':
      if (def.multiple) return Flags.string({...common, multiple: true, delimiter: ',', ...(def.options ? {options: [...def.options]} : {})})
      return Flags.string({...common, ...(def.options ? {options: [...def.options]} : {}), ...(def.default === undefined ? {} : {default: def.default})})
  }
}
