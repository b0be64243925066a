/** Bindings and variables the worker receives. Names are fixed; see the README's configuration table. */
export interface Env {
  DB: D1Database;
  BACKUPS: R2Bucket;
  /** Backup jobs (manual and scheduled captures) run in the queue consumer, never in waitUntil. */
  /** One restore runner per guild (alarms drive the job). */
  RESTORE_RUNNER: DurableObjectNamespace<import('../durable-objects/restore-runner').RestoreRunner>;
  REST_BUDGET: DurableObjectNamespace<import('../durable-objects/rest-budget').RestBudget>;
  /** One gateway connection per shard (`shard:<id>/<count>`), for prefix and @mention commands and shard health. */
  GATEWAY_SHARD: DurableObjectNamespace<import('../durable-objects/gateway-shard').GatewayShard>;
  /** The one coordinator: identify slots, the session budget, shard reports, alerts, broadcasts. */
  GATEWAY_COORDINATOR: DurableObjectNamespace<
    import('../durable-objects/gateway-coordinator').GatewayCoordinator
  >;
  BACKUP_QUEUE: Queue<import('./backups/backup-job').BackupQueueMessage>;
  /** Hook events (the event bus): emitters enqueue, the consumer runs the handlers. Optional: without it they run inline. */
  HOOK_EVENTS?: Queue<import('./hooks/envelope').HookEnvelope>;
  DISCORD_APPLICATION_ID?: string;
  DISCORD_PUBLIC_KEY?: string;
  DISCORD_TOKEN?: string;
  BOT_OWNER_ID?: string;
  DISCORD_API_BASE?: string;
  DEFAULT_PREFIX?: string;
  ALLOW_MENTION_PREFIX?: string;
  SLASH_SAFE_LIMIT?: string;
  SLASH_WARNING_LIMIT?: string;
  SIGNATURE_MAX_AGE_SECONDS?: string;
  DISCORD_CDN_BASE?: string;
  BACKUP_MAX_PER_GUILD?: string;
  BACKUP_COOLDOWN?: string;
  BACKUP_RETENTION_DAYS?: string;
  BACKUP_AUTO_KEEP?: string;
  BACKUP_EXPORT_ALLOW_ADMINS?: string;
  EXPORT_SIGNING_SECRET?: string;
  GATEWAY_ENABLED?: string;
  SHARD_COUNT?: string;
  SHARDS_PER_CLUSTER?: string;
  GATEWAY_MESSAGE_CONTENT?: string;
  GATEWAY_MEMBERS_INTENT?: string;
  SHARD_ALERT_THRESHOLD?: string;
  DISCORD_CLIENT_SECRET?: string;
  DASHBOARD_URL?: string;
  DISCORD_WEB_BASE?: string;
  DIAGNOSTICS_METRICS?: string;
  /** Workers AI (optional, `[ai] binding = "AI"`): /ask writes answers with it; without it, /ask cites passages. */
  AI?: import('./assistant/generate').TextGenerationBinding;
}
