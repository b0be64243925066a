/** Extensions, the event bus and scheduled tasks. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * An extension's state in one guild: enabled or not (null = the manifest's default) and its settings (JSON,
 * validated by the extension's own schema before it is written).
 */
export const guildExtensions = sqliteTable(
  'guild_extensions',
  {
    guildId: text('guild_id').notNull(),
    extension: text('extension').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }),
    settings: text('settings'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.extension] })],
);

/** Deployment-wide framework settings (enforcement switches, alert channels), one JSON value per key. */
export const frameworkSettings = sqliteTable('framework_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One event hook's persisted state, shared by every isolate: disabled by an owner, its circuit breaker
 * (failure timestamps in the window, open until), and its counters.
 */
export const hookState = sqliteTable('hook_state', {
  hookId: text('hook_id').primaryKey(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** JSON array of failure times (ms) inside the breaker window. */
  failures: text('failures').notNull().default('[]'),
  openUntil: integer('open_until'),
  executions: integer('executions').notNull().default(0),
  failureCount: integer('failure_count').notNull().default(0),
  totalMs: integer('total_ms').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

/** One emitted event's outcome across its handlers; kept to the last 100 (20 per event). */
export const hookHistory = sqliteTable(
  'hook_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    event: text('event').notNull(),
    guildId: text('guild_id'),
    at: integer('at').notNull(),
    successCount: integer('success_count').notNull(),
    errorCount: integer('error_count').notNull(),
    /** JSON array of {hookId, error}. */
    errors: text('errors').notNull().default('[]'),
    avgMs: integer('avg_ms').notNull(),
    queueDelayMs: integer('queue_delay_ms').notNull(),
  },
  (t) => [index('hook_history_event').on(t.event, t.at), index('hook_history_time').on(t.at)],
);

/** Deployment-wide hook counters (emissions, executions, failures, drops, dead letters, queue delay). */
export const hookMetrics = sqliteTable('hook_metrics', {
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
});

/** (event id, hook id) pairs already handled, so a redelivered queue message never runs a handler twice. */
export const hookReceipts = sqliteTable(
  'hook_receipts',
  {
    eventId: text('event_id').notNull(),
    hookId: text('hook_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.hookId] }), index('hook_receipts_time').on(t.at)],
);

/**
 * A scheduled task (/schedule). `next_run_at` is the next due time in UTC ms (null when paused or
 * finished); the per-minute cron claims a run with a conditional update on it, so a run happens once.
 */
export const scheduledTasks = sqliteTable(
  'scheduled_tasks',
  {
    id: text('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    name: text('name').notNull(),
    cron: text('cron').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    /** message | hook | log, or a task type an extension declares. */
    taskType: text('task_type').notNull(),
    channelId: text('channel_id'),
    content: text('content'),
    maxRuns: integer('max_runs'),
    runCount: integer('run_count').notNull().default(0),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** active | paused (with status_reason) | finished */
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    nextRunAt: integer('next_run_at'),
    lastRunAt: integer('last_run_at'),
    lastError: text('last_error'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('scheduled_tasks_guild_name').on(t.guildId, t.name),
    index('scheduled_tasks_due').on(t.enabled, t.nextRunAt),
  ],
);

/** One run of a scheduled task; the primary key makes each (task, due time) run exactly once. */
export const scheduledTaskRuns = sqliteTable(
  'scheduled_task_runs',
  {
    taskId: text('task_id').notNull(),
    scheduledFor: integer('scheduled_for').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    ok: integer('ok', { mode: 'boolean' }),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.scheduledFor] })],
);
