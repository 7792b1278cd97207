import {OPENCLAW_2026_3_2} from './openclaw-2026.3.2.js'
import {OPENCLAW_2026_9_6} from './openclaw-2026.9.6.js'
import type {ReleaseProfileData} from './types.js'
import type {ProfileId} from '../../product.js'

/**
 * The whole measured data of each profile's representative release, tables included (precedence rows, servers, unit
 * sample). Only the tests and the build tools import this: the run-time profiles carry the small part (`profile.data`).
 */
export const MEASURED: Partial<Record<ProfileId, ReleaseProfileData>> = {
  'openclaw-early': OPENCLAW_2026_3_2,
  'openclaw-current': OPENCLAW_2026_9_6,
}

export function measuredData(profile: {id: ProfileId}): ReleaseProfileData | undefined {
  return MEASURED[profile.id]
}
