import type { Env } from '../env';
import { type ConfigFinding, rawValue } from './config-finding';

/** Hosts that are Discord's own, per setting. */
const EXPECTED_HOSTS: Record<string, string[]> = {
  DISCORD_API_BASE: ['discord.com'],
  DISCORD_CDN_BASE: ['cdn.discordapp.com', 'media.discordapp.net'],
  DISCORD_WEB_BASE: ['discord.com'],
};

/** Local development: the worker's own origin is localhost, 127.0.0.1 or a .test/.local name. */
export function isLocalOrigin(origin: string): boolean {
  try {
    const host = new URL(origin).hostname;
    return (
      host === 'localhost' ||
      host === '127.0.0.1' ||
      host === '[::1]' ||
      /\.(test|local|localhost)$/.test(host)
    );
  } catch {
    return false;
  }
}

const hostOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
};
const integer = (env: Env, name: string) => {
  const raw = rawValue(env, name);
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
};
const flagOff = (env: Env, name: string) => ['false', '0', 'no'].includes(rawValue(env, name) ?? '');
const variable = (
  name: string,
  severity: ConfigFinding['severity'],
  problem: string,
  fix: string,
): ConfigFinding => ({
  name,
  kind: 'variable',
  severity,
  problem,
  fix,
});
const secret = (name: string, problem: string, fix: string): ConfigFinding => ({
  name,
  kind: 'secret',
  severity: 'info',
  problem,
  fix,
});

/**
 * Values that validate but are probably not what the operator wants, and optional secrets whose absence
 * turns a feature off. Off Discord's hosts is a warning on a deployment and a note in local development.
 */
export function suspiciousFindings(env: Env, origin: string): ConfigFinding[] {
  const local = isLocalOrigin(origin);
  const out: ConfigFinding[] = [];
  for (const [name, hosts] of Object.entries(EXPECTED_HOSTS)) {
    const host = hostOf(rawValue(env, name));
    if (host && !hosts.includes(host)) {
      out.push(
        variable(
          name,
          local ? 'info' : 'warning',
          `points at ${host}, not ${hosts[0]}${local ? ' (fine for the local emulator)' : ''}`,
          `In production remove it (the default is Discord's) or set it to https://${hosts[0]}${name === 'DISCORD_API_BASE' ? '/api/v10' : ''}.`,
        ),
      );
    }
  }
  const apiBase = rawValue(env, 'DISCORD_API_BASE');
  if (apiBase && hostOf(apiBase) && !/\/v\d+\/?$/.test(apiBase)) {
    out.push(
      variable('DISCORD_API_BASE', 'warning', 'has no API version at the end', 'End it with /api/v10.'),
    );
  }
  const safe = integer(env, 'SLASH_SAFE_LIMIT') ?? 95;
  const warning = integer(env, 'SLASH_WARNING_LIMIT') ?? 90;
  if (warning > safe) {
    out.push(
      variable(
        'SLASH_WARNING_LIMIT',
        'warning',
        `(${warning}) is above SLASH_SAFE_LIMIT (${safe}); it is treated as ${safe}`,
        'Set SLASH_WARNING_LIMIT below SLASH_SAFE_LIMIT, e.g. 90 and 95.',
      ),
    );
  }
  if (rawValue(env, 'BOT_OWNER_ID') === undefined) {
    out.push(
      variable(
        'BOT_OWNER_ID',
        'warning',
        'is not set: every owner-only command (/fw_*, /sync, /slashlimit, shard commands) refuses everyone',
        'Set BOT_OWNER_ID to your Discord user id.',
      ),
    );
  }
  const maxAge = integer(env, 'SIGNATURE_MAX_AGE_SECONDS');
  if (maxAge !== null && maxAge > 900) {
    out.push(
      variable(
        'SIGNATURE_MAX_AGE_SECONDS',
        'warning',
        `(${maxAge} s) accepts a replayed interaction for a long time`,
        'Keep it at 300 unless clocks are badly off.',
      ),
    );
  }
  const dashboard = rawValue(env, 'DASHBOARD_URL');
  if (dashboard?.startsWith('http://') && !isLocalOrigin(dashboard)) {
    out.push(
      variable(
        'DASHBOARD_URL',
        'warning',
        'is plain http: session cookies would travel unencrypted',
        'Use https.',
      ),
    );
  }
  if (integer(env, 'BACKUP_COOLDOWN') === 0) {
    out.push(
      variable(
        'BACKUP_COOLDOWN',
        'warning',
        'is 0: manual backups have no cooldown',
        'Set it to 300 (seconds).',
      ),
    );
  }
  const budget = integer(env, 'REST_INVALID_BUDGET');
  if (budget !== null && budget > 5000) {
    out.push(
      variable(
        'REST_INVALID_BUDGET',
        'warning',
        `(${budget}) leaves little margin before Discord's ban at 10,000 invalid requests per 10 minutes`,
        'Keep it at 1000 or below.',
      ),
    );
  }
  if (flagOff(env, 'GATEWAY_ENABLED')) {
    out.push(
      variable(
        'GATEWAY_ENABLED',
        'info',
        'is off: prefix and @mention commands and shard health do not run (slash commands do)',
        'Set it to "true" to run the gateway shards.',
      ),
    );
  }
  if (flagOff(env, 'DIAGNOSTICS_METRICS')) {
    out.push(
      variable(
        'DIAGNOSTICS_METRICS',
        'info',
        'is off: no error rate, latency or REST error counts, so the health tier only sees migrations and shards',
        'Set it to "true" (it costs a few D1 writes per command, after the reply).',
      ),
    );
  }
  const token = rawValue(env, 'DISCORD_TOKEN');
  if (token && (/^Bot\s/i.test(token) || /\s/.test(token))) {
    out.push({
      name: 'DISCORD_TOKEN',
      kind: 'secret',
      severity: 'warning',
      problem: 'contains a space (a "Bot " prefix or a line break): Discord will refuse it',
      fix: 'Run `wrangler secret put DISCORD_TOKEN` again with only the token (no "Bot " in front).',
    });
  }
  if (rawValue(env, 'EXPORT_SIGNING_SECRET') === undefined) {
    out.push(
      secret(
        'EXPORT_SIGNING_SECRET',
        'is not set: export links are signed with a key derived from the bot token (rotating the token breaks them)',
        'Run `wrangler secret put EXPORT_SIGNING_SECRET` with 32 random characters.',
      ),
    );
  }
  if (rawValue(env, 'DISCORD_CLIENT_SECRET') === undefined) {
    out.push(
      secret(
        'DISCORD_CLIENT_SECRET',
        'is not set: dashboard logins are off (/api/* answers 503)',
        'Run `wrangler secret put DISCORD_CLIENT_SECRET` with the OAuth2 client secret.',
      ),
    );
  }
  return out;
}
