/** The dashboard: sessions and per-guild grants. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Dashboard sessions. The cookie holds a random id; only its SHA-256 is stored, so the table alone cannot
 * be used to log in. Discord's tokens are stored encrypted (AES-GCM, key derived from the client secret).
 */
export const dashboardSessions = sqliteTable(
  'dashboard_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull(),
    username: text('username').notNull(),
    globalName: text('global_name'),
    avatar: text('avatar'),
    /** JSON, encrypted: {accessToken, refreshToken} */
    tokens: text('tokens').notNull(),
    tokenExpiresAt: integer('token_expires_at').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** JSON: the user's guilds from Discord (id, name, icon, owner, permissions), refreshed when stale. */
    guilds: text('guilds'),
    guildsFetchedAt: integer('guilds_fetched_at'),
  },
  (t) => [index('dashboard_sessions_user').on(t.userId), index('dashboard_sessions_expiry').on(t.expiresAt)],
);

/** Dashboard access a bot owner granted a user for one guild: viewer | settings | backups | restore. */
export const dashboardGrants = sqliteTable(
  'dashboard_grants',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role').notNull(),
    grantedBy: text('granted_by').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index('dashboard_grants_user').on(t.userId)],
);
