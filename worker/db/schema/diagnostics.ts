/** Diagnostics (metrics, health history, errors) and the assistant (answers, generation slots, index state). */
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Command outcomes per minute (`minute` = ms / 60,000) and command, written after the reply. Unknown
 * commands share the row `*unknown*`; user-input errors are counted apart from failures, so neither
 * moves the error rate. Kept for 25 hours.
 */
export const metricMinutes = sqliteTable(
  'metric_minutes',
  {
    minute: integer('minute').notNull(),
    command: text('command').notNull(),
    ok: integer('ok').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    invalidInput: integer('invalid_input').notNull().default(0),
    unknown: integer('unknown').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.minute, t.command] })],
);

/** Interaction latency per minute as a histogram: `bucket` indexes the fixed bounds in latency-buckets.ts. */
export const latencyMinutes = sqliteTable(
  'latency_minutes',
  {
    minute: integer('minute').notNull(),
    bucket: integer('bucket').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.minute, t.bucket] })],
);

/** Discord REST answers worth watching (429 and 5xx, `status` 429 or 500) per minute and route. */
export const restMinutes = sqliteTable(
  'rest_minutes',
  {
    minute: integer('minute').notNull(),
    route: text('route').notNull(),
    status: integer('status').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.minute, t.route, t.status] })],
);

/** The last command failures (one line each, never a stack trace); kept to the newest 50. */
export const diagnosticErrors = sqliteTable(
  'diagnostic_errors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    command: text('command').notNull(),
    guildId: text('guild_id'),
    message: text('message').notNull(),
  },
  (t) => [index('diagnostic_errors_time').on(t.at)],
);

/**
 * Health snapshots by the 5-minute cron: `resolution` '5m' keeps the newest 48 (4 hours), '1h' one row per
 * hour (the worst of the hour) for 7 days, for charts. `details` is JSON (signals at the time).
 */
export const healthSnapshots = sqliteTable(
  'health_snapshots',
  {
    resolution: text('resolution').notNull(),
    at: integer('at').notNull(),
    /** healthy | degraded | critical */
    tier: text('tier').notNull(),
    errorRate: real('error_rate').notNull(),
    processed: integer('processed').notNull(),
    failed: integer('failed').notNull(),
    p50Ms: integer('p50_ms'),
    p99Ms: integer('p99_ms'),
    pendingMigrations: integer('pending_migrations').notNull().default(0),
    details: text('details').notNull().default('{}'),
  },
  (t) => [primaryKey({ columns: [t.resolution, t.at] })],
);

/** /ask answers cached for 60 s per guild and question (the key is a hash of both). */
export const assistantAnswers = sqliteTable(
  'assistant_answers',
  {
    key: text('key').primaryKey(),
    guildId: text('guild_id').notNull(),
    /** JSON: the answer as shown. */
    answer: text('answer').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('assistant_answers_expiry').on(t.expiresAt)],
);

/** The deployment's generation slots (at most 3 answers written at once); a slot past `expires_at` is free. */
export const assistantSlots = sqliteTable('assistant_slots', {
  slot: integer('slot').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * What the assistant's search index (the FTS5 table `assistant_passages`) holds per scope: 'docs' (the
 * bundled documents and registry, by content version), 'deployment', 'guild:<id>' (live state, by time).
 */
export const assistantIndexState = sqliteTable('assistant_index_state', {
  scope: text('scope').primaryKey(),
  version: text('version').notNull(),
  refreshedAt: integer('refreshed_at').notNull(),
});
