import {createHash, timingSafeEqual} from 'node:crypto'
import {inspect} from 'node:util'

/**
 * A token or password. The value is reachable only through reveal(); every
 * other way of turning it into text (String(), JSON, util.inspect, template
 * literals) yields the mask `len=48 sha256:3fa9c01b`.
 */
export class Secret {
  readonly #value: string
  readonly #digest: Buffer
  /** Length in UTF-16 code units, as the product's string comparison sees it. */
  readonly length: number
  /** First 8 hex digits of SHA-256: enough to see which copies agree, useless to guess a 48-hex token. */
  readonly fingerprint: string

  constructor(value: string) {
    this.#value = value
    this.#digest = createHash('sha256').update(value, 'utf8').digest()
    this.length = value.length
    this.fingerprint = this.#digest.toString('hex').slice(0, 8)
  }

  reveal(): string {
    return this.#value
  }

  /** Constant-time equality (on SHA-256 digests, so lengths may differ). */
  equals(other: Secret | undefined): boolean {
    if (!other) return false
    return timingSafeEqual(this.#digest, other.#digest)
  }

  get isEmpty(): boolean {
    return this.#value.length === 0
  }

  /** True when the value has leading or trailing whitespace (incl. newlines). */
  get hasOuterWhitespace(): boolean {
    return this.#value.trim() !== this.#value
  }

  /** The value as the product's clients see it (they trim, the server does not). */
  trimmed(): Secret {
    return this.hasOuterWhitespace ? new Secret(this.#value.trim()) : this
  }

  mask(): string {
    return `len=${this.length} sha256:${this.fingerprint}`
  }

  toString(): string {
    return this.mask()
  }

  toJSON(): {length: number; sha256: string} {
    return {length: this.length, sha256: this.fingerprint}
  }

  [inspect.custom](): string {
    return `Secret(${this.mask()})`
  }
}
