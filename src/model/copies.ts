import type {TokenCopy} from './copy.js'
import type {Facts} from './facts.js'

/**
 * Every token and password copy the readers found (legacy-prefix names too: their values are masked like any other), in one
 * stable order. The one list of sources:
 * the report, the probe, the checks and the journal mask all filter it rather than keep their own.
 */
export function allCopies(f: Facts): TokenCopy[] {
  const g = f.config.gateway
  return [
    g.authToken,
    g.remoteToken,
    g.legacyToken,
    ...f.config.envBlock,
    ...f.config.channels.flatMap((c) => c.tokens),
    ...f.env.shell,
    ...f.env.cwdDotenv.copies,
    ...f.env.stateDirDotenv.copies,
    f.unit.token,
    ...(f.unit.legacyCopies ?? []).filter((c) => c.secret === 'token'),
    f.unit.execToken,
    f.service.managerToken,
    f.service.processToken,
    ...(f.service.processLegacyCopies ?? []),
    g.authPassword,
    g.remotePassword,
    f.unit.password,
    ...(f.unit.legacyCopies ?? []).filter((c) => c.secret === 'password'),
  ].filter((c): c is TokenCopy => c !== undefined)
}

/** Token (not password) copies kept in files and environments, as written: no bridge copies, no live service env. */
export function writtenTokenCopies(f: Facts): TokenCopy[] {
  return allCopies(f).filter((c) => c.secret === 'token' && c.id !== 'config.channel' && !c.id.startsWith('service.'))
}
