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
  readonly #keys = new WeakMap<object, Map<string, Origin>>()
  /** Containers taken over as a whole from one file (no `$include` inside): children derive their origin. */
  readonly #base = new WeakMap<object, Origin>()

  set(container: object, key: string, origin: Origin | undefined): void {
    if (!origin) return
    let m = this.#keys.get(container)
    if (!m) this.#keys.set(container, (m = new Map()))
    m.set(key, origin)
  }

  /** Record that `node` and everything below it is written in `origin.file` at `origin.path`. */
  adopt(node: unknown, origin: Origin): void {
    if (typeof node === 'object' && node !== null) this.#base.set(node, origin)
  }

  /** Origin of `container[key]`; `containerOrigin` is where the container itself is written, if known. */
  child(container: object, key: string, containerOrigin?: Origin): Origin | undefined {
    const own = this.#keys.get(container)?.get(key)
    if (own) return own
    const base = this.#base.get(container) ?? containerOrigin
    return base ? {file: base.file, path: [...base.path, key]} : undefined
  }

  /** Origin of the value at `keyPath` of `root`, or undefined when it does not exist. */
  find(root: unknown, keyPath: readonly string[]): Origin | undefined {
    let node: unknown = root
    let origin = typeof root === 'object' && root !== null ? this.#base.get(root) : undefined
    for (const key of keyPath) {
      if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return undefined
      origin = this.child(node, key, origin)
      node = (node as Record<string, unknown>)[key]
    }
    return origin
  }

  /** The product's deepMerge (arrays concatenate, objects merge, otherwise source wins), keeping origins. */
  merge(target: unknown, source: unknown, tAt?: Origin, sAt?: Origin): unknown {
    if (Array.isArray(target) && Array.isArray(source)) {
      const out = [...target, ...source]
      target.forEach((_, i) => this.set(out, String(i), this.child(target, String(i), tAt)))
      source.forEach((_, i) => this.set(out, String(target.length + i), this.child(source, String(i), sAt)))
      return out
    }
    if (isPlainObject(target) && isPlainObject(source)) {
      const out: Record<string, unknown> = {...target}
      for (const key of Object.keys(target)) this.set(out, key, this.child(target, key, tAt))
      for (const key of Object.keys(source)) {
        const sChild = this.child(source, key, sAt)
        out[key] = key in out ? this.merge(out[key], source[key], this.child(target, key, tAt), sChild) : source[key]
        this.set(out, key, sChild)
      }
      return out
    }
    return source
  }
}
