import type {Check, Finding} from '../model/finding.js'
import {configUsable, makeFinding, shellQuote, syncFix} from './util.js'

export const configModeRemoteGateway: Check = {
  id: 'config.mode-remote-gateway',
  title: 'A machine that runs the gateway is in local mode',
  run(facts) {
    if (!configUsable(facts) || facts.config.gateway.mode !== 'remote' || facts.unit.status !== 'ok') return []
    // `gateway --allow-unconfigured` makes the product start anyway (its own refusal text says so).
    if (facts.unit.allowUnconfigured) return []
    return [
      makeFinding('config.mode-remote-gateway', 'error', `gateway.mode is "remote" while ${facts.unit.name} is installed here: the gateway refuses to start ("set gateway.mode=local") and systemd restarts it every 5 s.`, {
        places: [facts.config.gateway.places['gateway.mode'] ?? {kind: 'config', file: facts.config.path, key: 'gateway.mode'}],
        fix: {summary: 'Use local mode on the machine that runs the gateway.', command: 'clawdbot config set gateway.mode local'},
      }),
    ]
  },
}

export const configLegacyToken: Check = {
  id: 'config.legacy-token',
  title: 'No legacy gateway.token',
  run(facts) {
    const legacy = facts.config.gateway.legacyToken
    if (!legacy) return []
    return [
      makeFinding('config.legacy-token', 'warning', 'gateway.token is a legacy key: the server ignores it (use gateway.auth.token), and bridges that still read it may hold a different value.', {
        copies: [legacy],
        fix: syncFix(facts, 'Move the value to gateway.auth.token and keep both equal.'),
      }),
    ]
  },
}

export const configPermissions: Check = {
  id: 'config.permissions',
  title: 'The config is private (0600)',
  run(facts) {
    const mode = facts.config.mode
    if (facts.config.status !== 'ok' || mode === undefined || (mode & 0o077) === 0) return []
    return [
      makeFinding('config.permissions', 'warning', `The config holds the gateway token but has mode ${(mode & 0o777).toString(8).padStart(4, '0')}: other users can read it.`, {
        places: [{kind: 'config', file: facts.config.path}],
        fix: {summary: 'Make it private, as the product writes it.', command: `chmod 600 ${shellQuote(facts.config.path)}`},
      }),
    ]
  },
}

export const configAlternate: Check = {
  id: 'config.alternate',
  title: 'Only one product config is in play',
  run(facts) {
    return facts.alternates.map((a): Finding =>
      makeFinding(
        'config.alternate',
        a.newer && a.product !== 'clawdbot' ? 'warning' : 'info',
        a.product === 'clawdbot'
          ? `Another clawdbot config exists at ${a.path}; this run reads ${facts.config.path}.`
          : `A ${a.product} config exists at ${a.path}${a.newer ? ' and is newer than the clawdbot one' : ''}: if you upgraded, the gateway may read that file (and OPENCLAW_* variables) instead of ${facts.config.path}.`,
        {places: [{kind: 'config', file: a.path}], fix: {summary: 'Make sure you edit the file your installed version reads (`clawdbot --version` / `openclaw --version`).'}},
      ),
    )
  },
}

export const envNewerNames: Check = {
  id: 'env.newer-names',
  title: 'No variables of a newer product name',
  run(facts) {
    const names = facts.env.newerNames
    if (names.length === 0) return []
    return [
      makeFinding('env.newer-names', 'info', `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} set: clawdbot 2026.1 ignores ${names.length === 1 ? 'it' : 'them'}, while openclaw reads them instead of CLAWDBOT_*.`, {
        places: names.map((variable) => ({kind: 'shell-env' as const, variable})),
      }),
    ]
  },
}
