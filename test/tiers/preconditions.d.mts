export declare const SYSTEMD: string
export declare const UNSHARE: string
export declare const CGROUP_HIERARCHIES: string[]
export type Tier = 'e2e' | 'interop'
export declare const NEEDS: Record<Tier, string>
export interface Machine {
  root: boolean
  systemd: boolean
  unshare: boolean
  /** Hierarchies that are absent. */
  cgroups: string[]
  /** Is the npm registry reachable (a function: asked only when the tier needs it). */
  registry: boolean | (() => boolean)
}
export declare function machine(opts?: {productCached?: boolean}): Machine
export declare function missing(tier: Tier, m: Machine): string[]
export declare function assertTierCanRun(tier: string, m?: Machine): void
export declare function exitUnlessTierCanRun(tier: string, m?: Machine): void
