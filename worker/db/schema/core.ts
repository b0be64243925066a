/** Per-guild settings, command statistics, the audit log, cooldowns and interaction receipts. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Per-guild bot settings. `prefix` null = the deployment default; `mention_prefix` null = the default. */
export const guildSettings = sqliteTable('guild_settings', {
  guildId: text('guild_id').primaryKey(),
  prefix: text('prefix'),
  mentionPrefix: integer('mention_prefix', { mode: 'boolean' }),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** Per-guild role requirements set with /config: a member needs any one of a command's roles. */
export const commandRoleRequirements = sqliteTable(
  'command_role_requirements',
  {
    guildId: text('guild_id').notNull(),
    command: text('command').notNull(),
    roleId: text('role_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.command, t.roleId] })],
);

/** Command usage per command and guild (`guild_id` '0' for direct messages). */
export const commandStats = sqliteTable(
  'command_stats',
  {
    command: text('command').notNull(),
    guildId: text('guild_id').notNull(),
    uses: integer('uses').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    lastUsedAt: integer('last_used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.command, t.guildId] })],
);

/** Who did what, per guild. `details` is JSON. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guildId: text('guild_id').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    details: text('details').notNull().default('{}'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('audit_log_guild_time').on(t.guildId, t.createdAt),
    // Diagnostics count recent failures by action across servers (backup.failed).
    index('audit_log_action_time').on(t.action, t.createdAt),
  ],
);

/** Fixed-window cooldown counters shared by every isolate. */
export const cooldowns = sqliteTable(
  'cooldowns',
  {
    bucket: text('bucket').primaryKey(),
    windowStart: integer('window_start').notNull(),
    uses: integer('uses').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('cooldowns_expiry').on(t.expiresAt)],
);

/** Interaction ids already applied, so a redelivered interaction never applies twice. */
export const interactionReceipts = sqliteTable(
  'interaction_receipts',
  {
    interactionId: text('interaction_id').primaryKey(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('interaction_receipts_time').on(t.createdAt)],
);
