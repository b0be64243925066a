import { and, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { auditLog, backupJobs, backupSchedules, backups, restoreJobs } from '../db/schema';
import type { Env } from '../env';
import { coordinatorOf } from '../gateway/coordinator-client';
import { queueDepth, readMetrics } from '../hooks/metrics';
import { storageErrors } from './storage-errors';

/** A shard whose last report is older than this counts as down. */
export const SHARD_REPORT_STALE_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OperationalSignals {
  /** Backups made in the last 24 h by kind, auto-backup schedules whose last run failed, jobs running now. */
  /** Backups made in the last 24 h by kind, and jobs that gave up (audit `backup.failed`). */
  backups: {
    lastDay: Record<string, number>;
    failed: number;
    failingSchedules: number;
    running: number;
    stuck: number;
  };
  /** Restores finished in the last 24 h by status, and those still in progress. */
  restores: { lastDay: Record<string, number>; inProgress: number };
  /** null when the gateway is off or no shard was ever started. */
  shards: { total: number; connected: number } | null;
  /** Hook events that exhausted their retries (since the deployment began counting). */
  deadLetters: number;
  /** Hook events in the queue now, waiting for a first delivery or a retry (counted by the bus). */
  hookQueue: number;
  /** D1 and R2 errors among the last hour's command failures. */
  storage: { d1: number; r2: number };
}

/** Backup and restore outcomes, counted from their own tables. */
export async function jobSignals(db: Database, now = Date.now()) {
  const since = now - DAY_MS;
  const [made, gaveUp, failing, jobs, restores] = await Promise.all([
    db
      .select({ kind: backups.kind, count: sql<number>`count(*)` })
      .from(backups)
      .where(gte(backups.createdAt, since))
      .groupBy(backups.kind),
    db
      .select({ count: sql<number>`count(*)` })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'backup.failed'),
          gte(auditLog.createdAt, since),
          // A busy server or one at its backup limit is not a fault of the deployment.
          sql`coalesce(json_extract(${auditLog.details}, '$.cause'), 'error') = 'error'`,
        ),
      )
      .get(),
    db
      .select({ count: sql<number>`count(*)` })
      .from(backupSchedules)
      // A run skipped while a restore ran is recorded as `skipped: …`: not a failure.
      .where(
        and(
          sql`${backupSchedules.enabled} = 1`,
          isNotNull(backupSchedules.lastError),
          sql`${backupSchedules.lastError} NOT LIKE 'skipped:%'`,
        ),
      )
      .get(),
    db
      .select({
        running: sql<number>`count(*)`,
        stuck: sql<number>`coalesce(sum(CASE WHEN ${backupJobs.expiresAt} < ${now} THEN 1 ELSE 0 END), 0)`,
      })
      .from(backupJobs)
      .get(),
    db
      .select({ status: restoreJobs.status, count: sql<number>`count(*)` })
      .from(restoreJobs)
      .where(
        sql`(${restoreJobs.finishedAt} >= ${since}) OR ${restoreJobs.status} IN ('planned', 'running', 'paused', 'cancelling')`,
      )
      .groupBy(restoreJobs.status),
  ]);
  const active = new Set(['planned', 'running', 'paused', 'cancelling']);
  return {
    backups: {
      lastDay: Object.fromEntries(made.map((r) => [r.kind, r.count])),
      failed: gaveUp?.count ?? 0,
      failingSchedules: failing?.count ?? 0,
      running: (jobs?.running ?? 0) - (jobs?.stuck ?? 0),
      stuck: jobs?.stuck ?? 0,
    },
    restores: {
      lastDay: Object.fromEntries(
        restores.filter((r) => !active.has(r.status)).map((r) => [r.status, r.count]),
      ),
      inProgress: restores.filter((r) => active.has(r.status)).reduce((n, r) => n + r.count, 0),
    },
  };
}

/** Shards the coordinator knows, and how many are connected with a recent report. */
export async function shardSignal(
  env: Env,
  config: Config,
  now = Date.now(),
): Promise<{ total: number; connected: number } | null> {
  if (!config.gateway.enabled) return null;
  const coordinator = coordinatorOf(env);
  const [count, reports] = await Promise.all([coordinator.knownShardCount(), coordinator.reports()]);
  if (count === null) return null;
  const connected = reports.filter((r) => r.connected && now - r.reportedAt < SHARD_REPORT_STALE_MS).length;
  return { total: count, connected };
}

/** Dead letters so far, and the hook queue's depth from the bus's counters. */
export async function hookQueueSignal(d1: D1Database): Promise<{ deadLetters: number; hookQueue: number }> {
  const metrics = await readMetrics(d1);
  return { deadLetters: metrics.dead_letters, hookQueue: queueDepth(metrics) };
}

/**
 * Everything above but the shards (which need the coordinator): what D1 alone can tell. Each part that cannot
 * be read (a table missing) reads as empty.
 */
export async function storedSignals(db: Database, d1: D1Database, now = Date.now()) {
  const [jobs, dead, storage] = await Promise.all([
    jobSignals(db, now).catch(() => ({
      backups: { lastDay: {}, failed: 0, failingSchedules: 0, running: 0, stuck: 0 },
      restores: { lastDay: {}, inProgress: 0 },
    })),
    hookQueueSignal(d1).catch(() => ({ deadLetters: 0, hookQueue: 0 })),
    storageErrors(db, now).catch(() => ({ d1: 0, r2: 0 })),
  ]);
  return { ...jobs, shards: null, ...dead, storage } satisfies OperationalSignals;
}

/** Everything above, the shards included (null when the coordinator cannot be reached). */
export async function operationalSignals(env: Env, config: Config, db: Database, now = Date.now()) {
  const [stored, shards] = await Promise.all([
    storedSignals(db, env.DB, now),
    shardSignal(env, config, now).catch(() => null),
  ]);
  return { ...stored, shards } satisfies OperationalSignals;
}
