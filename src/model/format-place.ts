import type {Place} from './place.js'

/** `<home>/.clawdbot/clawdbot.json:12:7 (gateway.auth.token)`; `$CLAWDBOT_GATEWAY_TOKEN (shell)`; `pid 1234`. */
export function formatPlace(p: Place): string {
  let s: string
  if (p.file) {
    s = p.file
    if (p.line !== undefined) s += `:${p.line}`
    if (p.line !== undefined && p.column !== undefined) s += `:${p.column}`
    const extra = p.key ?? p.variable
    if (extra) s += ` (${extra})`
  } else if (p.variable) {
    const where =
      p.kind === 'shell-env'
        ? 'shell environment'
        : p.kind === 'process'
          ? `environment of pid ${p.pid ?? '?'}`
          : p.kind === 'service'
            ? `systemd manager env of ${p.unit ?? 'unit'}`
            : p.kind
    s = `$${p.variable} (${where})`
  } else if (p.unit) {
    s = p.unit
  } else if (p.pid !== undefined) {
    s = `pid ${p.pid}`
  } else {
    s = p.key ?? p.kind
  }
  return s
}
