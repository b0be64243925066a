/**
 * OAuth2 scopes (`developers/topics/oauth2.mdx`, "OAuth2 Scopes"). Every documented scope is accepted and recorded
 * on the token; only `identify`, `email` and `guilds` change what the emulator answers. The flows that need a picker
 * on Discord's page (`bot`: add the bot to a server; `webhook.incoming`: pick a channel) are not emulated.
 */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  'activities.read',
  'activities.write',
  'applications.builds.read',
  'applications.builds.upload',
  'applications.commands',
  'applications.commands.update',
  'applications.commands.permissions.update',
  'applications.entitlements',
  'applications.store.update',
  'bot',
  'connections',
  'dm_channels.read',
  'email',
  'gdm.join',
  'guilds',
  'guilds.join',
  'guilds.members.read',
  'identify',
  'identify.premium',
  'messages.read',
  'relationships.read',
  'role_connections.write',
  'rpc',
  'rpc.activities.write',
  'rpc.notifications.read',
  'rpc.voice.read',
  'rpc.voice.write',
  'voice',
  'webhook.incoming',
]);

const NOT_EMULATED: ReadonlySet<string> = new Set(['bot', 'webhook.incoming']);

/** What the consent page says each scope allows (the common ones). */
export const SCOPE_TEXT: Readonly<Record<string, string>> = {
  identify: 'Access your username, avatar, and banner',
  email: 'Access your email address',
  guilds: 'Know what servers you’re in',
  'guilds.members.read': 'Read your member info (nickname, avatar, roles) in servers you belong to',
  'guilds.join': 'Join servers for you',
  connections: 'Access your third-party connections',
};

export type ScopeCheck = { ok: true; scopes: string[] } | { ok: false; description: string };

/** `scope` is space-separated (`%20` or `+` in the URL). Duplicates are dropped, the order kept. */
export function parseScopes(raw: string | null): ScopeCheck {
  const scopes = [...new Set((raw ?? '').split(' ').filter((s) => s !== ''))];
  if (scopes.length === 0) return { ok: false, description: 'No scope was requested.' };
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
  if (unknown.length > 0) return { ok: false, description: `Invalid scope(s): ${unknown.join(', ')}.` };
  const unsupported = scopes.filter((s) => NOT_EMULATED.has(s));
  if (unsupported.length > 0) {
    return {
      ok: false,
      description: `emulator: the ${unsupported.join(', ')} flow is not emulated (it needs Discord's server or channel picker).`,
    };
  }
  return { ok: true, scopes };
}
