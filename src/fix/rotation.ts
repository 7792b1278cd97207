import {ClawdocError} from '../model/errors.js'
import type {Diagnosis} from '../model/views.js'

// A new random token replaces the one clients use now. clawdoc can rewrite the copies on this
// machine only; everything else keeps the old value and is refused until someone hands it the new
// one. So `--generate` over a token that works needs an explicit `--rotate`, and then prints the
// list of what clawdoc could not reach (src/docs/CLAWDBOT.md §7: bridges, Control UI, remote machines).

/** Why replacing the current token is a rotation (breaks clients elsewhere), or undefined when it is not. */
export function rotationReason({facts, views}: Diagnosis): string | undefined {
  if (views.productConfig?.mode === 'remote') {
    const url = views.productConfig.remoteUrl ?? 'gateway.remote.url'
    return `gateway.mode is remote: gateway.remote.token is the token of the gateway at ${url}, which clawdoc cannot change from here`
  }
  const server = views.parties.server
  const probe = facts.probe
  if (!server.value || probe?.status !== 'ok' || probe.authOff) return undefined
  const live = probe.results.find((r) => r.outcome === 'accepted' && r.sha256 === server.value!.fingerprint)
  return live ? `the running gateway accepts its current token (live probe of ${probe.target}), so clients use it now` : undefined
}

/** Refuse a rotation that was not asked for explicitly. Nothing is written. */
export function assertRotationAllowed(d: Diagnosis, rotate: boolean | undefined): void {
  if (rotate) return
  const reason = rotationReason(d)
  if (!reason) return
  throw new ClawdocError('USAGE', `--generate would replace a token that is in use: ${reason}. Nothing was changed.`, {
    hint:
      'To keep the current token and repair the copies, run without --generate. ' +
      'To rotate on purpose, add --rotate: clawdoc then lists the clients it cannot update.',
  })
}

/**
 * What still holds the old token after a rotation: one short line each, one screen at most. No
 * secret: the user hands the new value over (`clawdoc sync-token --token-stdin --yes` on another machine).
 */
export function rotationChecklist({facts, views}: Diagnosis): string[] {
  const out: string[] = []
  const gw = views.productConfig
  if (gw?.mode === 'remote') {
    out.push(
      `The gateway at ${gw.remoteUrl ?? 'gateway.remote.url'}: on that machine, give it the same value ` +
        '(`clawdoc sync-token --token-stdin --yes`, then `clawdoc restart`); until then this machine is refused.',
    )
    out.push('Other machines in remote mode that use that gateway: their gateway.remote.token.')
  } else {
    out.push('Other machines in remote mode that use this gateway: their gateway.remote.token (`clawdoc sync-token --token-stdin --yes` there).')
  }
  const bridges = facts.config.channels.filter((c) => c.enabled !== false)
  for (const ch of bridges) {
    const kept = ch.tokens.length > 0 ? ' (its copy in this config is synced; a bridge process elsewhere keeps its own)' : ''
    out.push(`Channel ${ch.id}: an external bridge that connects with the gateway token needs the new value${kept}.`)
  }
  if (bridges.length === 0) out.push('Channel bridges that run outside the gateway (e.g. a DingTalk connector): their gateway token setting.')
  out.push('Paired apps and browsers (Control UI, webchat): open the new tokenized URL from `clawdbot dashboard`, or paste the token in their settings.')
  if (facts.devices.present && facts.devices.tokenCount > 0) {
    const n = facts.devices.tokenCount
    out.push(`This machine's ${n} stored device token(s) are not the shared token: they keep working, and can hide that the shared one changed.`)
  }
  if (views.parties.server.source === 'exec-start') out.push('The unit\'s ExecStart --token: clawdoc does not rewrite it (reinstall the unit).')
  return out
}
