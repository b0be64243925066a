import { fanOutDueBackups } from './backups/fan-out';
import { applyRetention, removeOrphans } from './backups/retention';
import { loadConfig } from './config';
import { purgeExpiredSessions } from './dashboard/session-store';
import { database } from './db/client';
import { evaluateHealth } from './diagnostics/evaluate';
import type { Env } from './env';
import { purgeExpiredCooldowns } from './framework/cooldown-store';
import { purgeOldReceipts } from './framework/idempotency';
import { ensureShards } from './gateway/coordinator-client';
import { runScheduledTasks, TASK_CRON } from './scheduler/trigger';

const RECEIPT_RETENTION_MS = 24 * 60 * 60 * 1000;
export const FAN_OUT_CRON = '*/5 * * * *';

/**
 * Cron. Every minute: run the due scheduled tasks (/schedule create). Every 5 minutes: enqueue the auto-backups
 * that are due, and make sure every gateway shard runs. Hourly: housekeeping (expired cooldowns and receipts,
 * backup retention, orphaned snapshot objects, expired dashboard sessions).
 */
export async function runScheduled(env: Env, cron: string): Promise<void> {
  const loaded = loadConfig(env);
  if (!loaded.ok) return;
  const config = loaded.config;
  if (cron === TASK_CRON) {
    await runScheduledTasks(env, config);
    return;
  }
  if (cron === FAN_OUT_CRON) {
    await Promise.all([
      fanOutDueBackups(env, config.applicationId),
      ensureShards(env, config).catch((error) => console.error('Edgeward: gateway shards:', error)),
      evaluateHealth(env, config).catch((error) => console.error('Edgeward: health evaluation:', error)),
    ]);
    return;
  }
  const db = database(env.DB);
  await Promise.all([
    purgeExpiredCooldowns(env.DB),
    purgeOldReceipts(env.DB, RECEIPT_RETENTION_MS),
    applyRetention(db, env.BACKUPS, config.backups.retentionDays, config.applicationId),
    removeOrphans(db, env.BACKUPS),
    purgeExpiredSessions(db),
  ]);
}
