import type {Place} from '../../model/place.js'
import {locateValues, pathKey, type ValueSpan} from '../../formats/json5/locate.js'
import type {Origin, Provenance} from '../../model/provenance.js'

/**
 * Turns key paths of the merged config into file:line:column places. Paths are registered first and
 * located in one scan per file, so a large config is tokenized once, not once per key.
 */
export class Placer {
  readonly #wanted = new Map<string, Set<string>>()
  readonly #spans = new Map<string, Map<string, ValueSpan>>()
  #resolved = false

  constructor(
    readonly rootFile: string,
    readonly texts: ReadonlyMap<string, string>,
    readonly prov: Provenance,
    readonly tree: unknown,
  ) {}

  /** Where the value at `keyPath` of the merged config is written, if it exists. */
  origin(keyPath: readonly string[]): Origin | undefined {
    return keyPath.length === 0 ? {file: this.rootFile, path: []} : this.prov.find(this.tree, keyPath)
  }

  need(keyPath: readonly string[]): void {
    const o = this.origin(keyPath)
    if (o) this.needOrigin(o)
  }

  needOrigin(o: Origin): void {
    let set = this.#wanted.get(o.file)
    if (!set) this.#wanted.set(o.file, (set = new Set()))
    set.add(pathKey(o.path))
  }

  resolve(): void {
    for (const [file, keys] of this.#wanted) {
      const text = this.texts.get(file)
      if (text === undefined) continue
      try {
        // Descend only into containers on the way to a wanted value: the rest is skipped in one tight loop.
        const prefixes = new Set<string>()
        for (const k of keys) {
          const parts = k.split('\u0000')
          for (let i = 0; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('\u0000'))
        }
        this.#spans.set(file, locateValues(text, (p) => keys.has(pathKey(p)), (p) => prefixes.has(pathKey(p))))
      } catch (err) {
        // The file parsed as JSON5 already; a locator failure only costs line numbers, not facts.
        if (!(err instanceof SyntaxError)) throw err
      }
    }
    this.#resolved = true
  }

  /** Place of a value given its origin; `key` is the dotted key path shown to the user. */
  placeOrigin(o: Origin | undefined, key: string): Place {
    if (!this.#resolved) this.resolve()
    if (!o) return {kind: 'config', file: this.rootFile, key}
    const span = this.#spans.get(o.file)?.get(pathKey(o.path))
    return span ? {kind: 'config', file: o.file, line: span.line, column: span.column, key} : {kind: 'config', file: o.file, key}
  }

  place(keyPath: readonly string[]): Place {
    return this.placeOrigin(this.origin(keyPath), keyPath.join('.'))
  }
}
