import type {LegacyUnitState} from './facts.js'

const RUNNING = new Set(['active', 'activating', 'reloading', 'deactivating'])

/**
 * Is a legacy gateway unit (clawdbot-gateway.service beside openclaw's) running, or enabled to start at the next login?
 * The one rule that unit.legacy-running reports and `sync-token --migrate-legacy-names` acts on.
 */
export function legacyUnitActivity(u: LegacyUnitState): {running: boolean; enabled: boolean} {
  return {
    running: RUNNING.has(u.activeState ?? '') || u.mainPid !== undefined,
    enabled: /^enabled/.test(u.unitFileState ?? '') || u.unitFileState === 'linked',
  }
}
