import { and, desc, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { latencyMinutes, metricMinutes, restMinutes } from '../db/schema';
import { minuteOf, UNKNOWN_COMMAND_ROW } from './command-metrics';
import { percentileFromBuckets } from './latency-buckets';

/** The rolling window the error rate and latency are read over. */
export const WINDOW_MS = 60 * 60 * 1000;
/** Minute rows older than this are deleted by the 5-minute cron. */
export const METRIC_RETENTION_MS = 25 * 60 * 60 * 1000;

export interface MetricsWindow {
  fromMs: number;
  toMs: number;
  /** Commands that ran: ok + failed. Unknown commands and invalid input are not in it. */
  processed: number;
  failed: number;
  invalidInput: number;
  unknown: number;
  /** failed / processed in percent (2 decimals); 0 when nothing ran. */
  errorRate: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Per command, busiest first: ran, failed. */
  commands: { command: string; processed: number; failed: number }[];
  /** Discord REST 429s and 5xx per route, most first (the top 20, for display). */
  rest: { route: string; status: number; count: number }[];
  /** All of the window's 429s and 5xx, over every route (for the health thresholds). */
  restTotals: { rate429: number; server5xx: number };
}

export function errorRateOf(processed: number, failed: number): number {
  return processed > 0 ? Math.round((failed / processed) * 10_000) / 100 : 0;
}

/** Everything the metrics tables say about the window ending at `now` (the last hour by default). */
export async function readMetricsWindow(
  db: Database,
  now = Date.now(),
  windowMs = WINDOW_MS,
): Promise<MetricsWindow> {
  const from = minuteOf(now - windowMs) + 1;
  const to = minuteOf(now) + 1;
  const [perCommand, buckets, rest, totals] = await Promise.all([
    db
      .select({
        command: metricMinutes.command,
        ok: sql<number>`sum(${metricMinutes.ok})`,
        failed: sql<number>`sum(${metricMinutes.failed})`,
        invalidInput: sql<number>`sum(${metricMinutes.invalidInput})`,
        unknown: sql<number>`sum(${metricMinutes.unknown})`,
      })
      .from(metricMinutes)
      .where(and(gte(metricMinutes.minute, from), lt(metricMinutes.minute, to)))
      .groupBy(metricMinutes.command),
    db
      .select({ bucket: latencyMinutes.bucket, count: sql<number>`sum(${latencyMinutes.count})` })
      .from(latencyMinutes)
      .where(and(gte(latencyMinutes.minute, from), lt(latencyMinutes.minute, to)))
      .groupBy(latencyMinutes.bucket),
    db
      .select({
        route: restMinutes.route,
        status: restMinutes.status,
        count: sql<number>`sum(${restMinutes.count})`,
      })
      .from(restMinutes)
      .where(and(gte(restMinutes.minute, from), lt(restMinutes.minute, to)))
      .groupBy(restMinutes.route, restMinutes.status)
      .orderBy(desc(sql`sum(${restMinutes.count})`))
      .limit(20),
    db
      .select({
        rate429: sql<number>`coalesce(sum(CASE WHEN ${restMinutes.status} = 429 THEN ${restMinutes.count} ELSE 0 END), 0)`,
        server5xx: sql<number>`coalesce(sum(CASE WHEN ${restMinutes.status} >= 500 THEN ${restMinutes.count} ELSE 0 END), 0)`,
      })
      .from(restMinutes)
      .where(and(gte(restMinutes.minute, from), lt(restMinutes.minute, to)))
      .get(),
  ]);
  let ok = 0;
  let failed = 0;
  let invalidInput = 0;
  let unknown = 0;
  for (const row of perCommand) {
    ok += row.ok;
    failed += row.failed;
    invalidInput += row.invalidInput;
    unknown += row.unknown;
  }
  const histogram = new Map(buckets.map((b) => [b.bucket, b.count]));
  return {
    fromMs: from * 60_000,
    toMs: now,
    processed: ok + failed,
    failed,
    invalidInput,
    unknown,
    errorRate: errorRateOf(ok + failed, failed),
    p50Ms: percentileFromBuckets(histogram, 50),
    p99Ms: percentileFromBuckets(histogram, 99),
    commands: perCommand
      .filter((r) => r.command !== UNKNOWN_COMMAND_ROW)
      .map((r) => ({ command: r.command, processed: r.ok + r.failed, failed: r.failed }))
      .sort((a, b) => b.processed - a.processed),
    rest,
    restTotals: { rate429: totals?.rate429 ?? 0, server5xx: totals?.server5xx ?? 0 },
  };
}

/** Deletes minute rows past the retention (cron). */
export async function pruneMetrics(db: Database, now = Date.now()): Promise<void> {
  const before = minuteOf(now - METRIC_RETENTION_MS);
  await db.batch([
    db.delete(metricMinutes).where(lt(metricMinutes.minute, before)),
    db.delete(latencyMinutes).where(lt(latencyMinutes.minute, before)),
    db.delete(restMinutes).where(lt(restMinutes.minute, before)),
  ]);
}
