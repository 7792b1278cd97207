/** Where a value is written: the file and the key path inside that file. */
export interface Origin {
  file: string
  path: string[]
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.toString.call(v) === '[object Object]'
}

/**
 * Remembers, for every object or array of the include-resolved config, where each of its children was
 * written. `$include` merges values from several files, so a key path of the merged config does not
 * tell which file (and which path in it) holds the value: this does.
 */
export class Provenance {
  readonly #map = new WeakMap<object, Map<string, Origin>>()

  set(container: object, key: string, origin: Origin): void {
    let m = this.#map.get(container)
    if (!m) this.#map.set(container, (m = new Map()))
    m.set(key, origin)
  }

  get(container: object, key: string): Origin | undefined {
    return this.#map.get(container)?.get(key)
  }

  /** Origin of the value at `keyPath` of `root`, or undefined when it does not exist. */
  find(root: unknown, keyPath: readonly string[]): Origin | undefined {
    let node: unknown = root
    let origin: Origin | undefined
    for (const key of keyPath) {
      if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined
      origin = this.get(node, key)
      node = (node as Record<string, unknown>)[key]
    }
    return origin
  }

  /** The product's deepMerge (arrays concatenate, objects merge, otherwise source wins), keeping origins. */
  merge(target: unknown, source: unknown): unknown {
    if (Array.isArray(target) && Array.isArray(source)) {
      const out = [...target, ...source]
      target.forEach((_, i) => this.copy(target, String(i), out, String(i)))
      source.forEach((_, i) => this.copy(source, String(i), out, String(target.length + i)))
      return out
    }
    if (isPlainObject(target) && isPlainObject(source)) {
      const out: Record<string, unknown> = {...target}
      for (const key of Object.keys(target)) this.copy(target, key, out, key)
      for (const key of Object.keys(source)) {
        out[key] = key in out ? this.merge(out[key], source[key]) : source[key]
        this.copy(source, key, out, key)
      }
      return out
    }
    return source
  }

  private copy(from: object, fromKey: string, to: object, toKey: string): void {
    const o = this.get(from, fromKey)
    if (o) this.set(to, toKey, o)
  }
}
