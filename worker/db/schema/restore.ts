/** Restores: jobs, their operations and the old-id to new-id map. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A restore: what was asked, where it stands, and its report. One running restore per guild. */
export const restoreJobs = sqliteTable(
  'restore_jobs',
  {
    id: text('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    backupId: text('backup_id').notNull(),
    sourceGuildId: text('source_guild_id').notNull(),
    /** JSON: { mode, components, roleSync } */
    options: text('options').notNull(),
    /** planned | running | paused | cancelling | cancelled | done | failed */
    status: text('status').notNull(),
    statusReason: text('status_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    startedAt: integer('started_at'),
    finishedAt: integer('finished_at'),
    safetyBackupId: text('safety_backup_id'),
    /** JSON: the interaction to edit ({applicationId, token, createdAt}) and the channel to fall back to. */
    reply: text('reply'),
    callsMade: integer('calls_made').notNull().default(0),
    /** JSON report, written when the job ends. */
    report: text('report'),
  },
  (t) => [index('restore_jobs_guild').on(t.guildId, t.createdAt)],
);

/** The plan's operations, in order, each with its state. */
export const restoreOps = sqliteTable(
  'restore_ops',
  {
    jobId: text('job_id').notNull(),
    seq: integer('seq').notNull(),
    key: text('key').notNull(),
    type: text('type').notNull(),
    /** JSON: the operation */
    op: text('op').notNull(),
    /** pending | in_flight | done | failed | skipped */
    state: text('state').notNull(),
    targetId: text('target_id'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    startedAt: integer('started_at'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] }), index('restore_ops_state').on(t.jobId, t.state, t.seq)],
);

/** Old id → new id per (source guild, target guild), reused by later restores and for the bot's settings. */
export const restoreIdMap = sqliteTable(
  'restore_id_map',
  {
    sourceGuildId: text('source_guild_id').notNull(),
    targetGuildId: text('target_guild_id').notNull(),
    sourceId: text('source_id').notNull(),
    targetId: text('target_id').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceGuildId, t.targetGuildId, t.sourceId] })],
);
