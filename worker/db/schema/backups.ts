/** Backups: the index of snapshots (R2 holds the bytes), schedules and running jobs. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per backup: the index. The snapshot itself is an R2 object at `objectKey`. */
export const backups = sqliteTable(
  'backups',
  {
    id: text('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    label: text('label').notNull(),
    authorId: text('author_id').notNull(),
    createdAt: integer('created_at').notNull(),
    /** manual | auto | import | safety */
    kind: text('kind').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    objectKey: text('object_key').notNull(),
    rawSize: integer('raw_size').notNull(),
    storedSize: integer('stored_size').notNull(),
    /** SHA-256 of the stored (gzip) bytes, as given to R2. */
    checksum: text('checksum').notNull(),
    /** SHA-256 of the canonical JSON: the same for an export and its re-import. */
    contentHash: text('content_hash').notNull(),
    /** JSON: counts per kind (roles, categories, channels, emojis, stickers, members, bans). */
    counts: text('counts').notNull(),
    memberRoleCount: integer('member_role_count').notNull(),
    guildName: text('guild_name').notNull(),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    note: text('note').notNull().default(''),
    /** The job that created it: a retried job finds its backup instead of making a second one. */
    jobId: text('job_id').unique(),
  },
  (t) => [index('backups_guild_time').on(t.guildId, t.createdAt)],
);

/** Per-guild auto-backup schedule. */
export const backupSchedules = sqliteTable(
  'backup_schedules',
  {
    guildId: text('guild_id').primaryKey(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    intervalHours: integer('interval_hours').notNull(),
    nextRunAt: integer('next_run_at').notNull(),
    lastRunAt: integer('last_run_at'),
    lastError: text('last_error'),
    alertChannelId: text('alert_channel_id'),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('backup_schedules_due').on(t.enabled, t.nextRunAt)],
);

/**
 * One backup job at a time per guild. The row is the lock (primary key = guild) and the progress record;
 * a stale lock (a crashed job) expires at `expiresAt`.
 */
export const backupJobs = sqliteTable('backup_jobs', {
  guildId: text('guild_id').primaryKey(),
  jobId: text('job_id').notNull(),
  kind: text('kind').notNull(),
  startedAt: integer('started_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  phase: text('phase').notNull(),
});
