import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  (t) => [index('audit_log_guild_time').on(t.guildId, t.createdAt)],
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

/** Levels (bundled extension): each member's XP in a guild. XP is awarded at most once per cooldown. */
export const memberLevels = sqliteTable(
  'member_levels',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    xp: integer('xp').notNull().default(0),
    level: integer('level').notNull().default(0),
    messages: integer('messages').notNull().default(0),
    lastXpAt: integer('last_xp_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index('member_levels_rank').on(t.guildId, t.xp)],
);

/** Tickets (bundled extension): one private channel per request; the transcript goes to R2 on close. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    guildId: text('guild_id').notNull(),
    number: integer('number').notNull(),
    channelId: text('channel_id'),
    openerId: text('opener_id').notNull(),
    /** opening (channel being made) | open | closed */
    status: text('status').notNull(),
    openedAt: integer('opened_at').notNull(),
    closedAt: integer('closed_at'),
    closedBy: text('closed_by'),
    transcriptKey: text('transcript_key'),
    messageCount: integer('message_count'),
  },
  (t) => [
    uniqueIndex('tickets_guild_number').on(t.guildId, t.number),
    index('tickets_opener').on(t.guildId, t.openerId, t.status),
    index('tickets_channel').on(t.channelId),
  ],
);
