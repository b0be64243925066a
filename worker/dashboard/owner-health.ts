/**
 * The bot owner's health view (`GET /api/owner/health`): the tier assessed now, as `/fw_diagnostics` does
 * (the last hour's error rate, pending migrations, gateway shards), p50/p99 interaction latency over the same
 * hour, and the stored history for the charts: the 5-minute snapshots of the last 4 hours and the hourly
 * rows (the worst snapshot of each hour) of the last 7 days, oldest first.
 */

import { z } from 'zod';
import type { Config } from '../config';
import type { Database } from '../db/client';
import {
  assessHealth,
  CRITICAL_ERROR_RATE,
  DEGRADED_ERROR_RATE,
  MIN_COMMANDS_FOR_CRITICAL,
  type Tier,
} from '../diagnostics/health';
import {
  type HealthSnapshot,
  HOURLY_RETENTION_MS,
  RECENT_SNAPSHOTS,
  readHistory,
} from '../diagnostics/health-history';
import { healthSignalsOf } from '../diagnostics/health-inputs';
import { LATENCY_BOUNDS_MS } from '../diagnostics/latency-buckets';
import { readMetricsWindow, WINDOW_MS } from '../diagnostics/metrics-window';
import { migrationStatus } from '../diagnostics/migrations';
import { operationalSignals } from '../diagnostics/signals';
import type { Env } from '../env';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** The cron evaluates the tier every 5 minutes; the ring of 48 covers 4 hours. */
const SNAPSHOT_EVERY_MS = 5 * MINUTE_MS;
export const RECENT_SPAN_MS = RECENT_SNAPSHOTS * SNAPSHOT_EVERY_MS;
/** 7 days of whole hours, plus the hour in progress. */
const HOURLY_ROWS = HOURLY_RETENTION_MS / HOUR_MS + 1;

/** Which history to include: `4h` (the 5-minute snapshots), `7d` (the hourly rows) or both (the default). */
export const healthQuery = z.object({
  range: z.enum(['4h', '7d', 'all'], { error: 'must be 4h, 7d or all' }).default('all'),
});
export type HealthQuery = z.output<typeof healthQuery>;

export interface HealthPoint {
  at: number;
  tier: Tier;
  /** Failed ÷ ran over the hour before `at`, in percent. */
  errorRate: number;
  processed: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface HealthSeries {
  resolution: '5m' | '1h';
  /** The span the chart covers: points are inside it, and gaps (no cron run) are missing points. */
  fromMs: number;
  toMs: number;
  points: HealthPoint[];
}

const toPoint = (s: HealthSnapshot): HealthPoint => ({
  at: s.at,
  tier: s.tier,
  errorRate: s.errorRate,
  processed: s.processed,
  failed: s.failed,
  p50Ms: s.p50Ms,
  p99Ms: s.p99Ms,
});

async function series(
  db: Database,
  resolution: '5m' | '1h',
  rows: number,
  spanMs: number,
  now: number,
): Promise<HealthSeries> {
  const fromMs = now - spanMs;
  const snapshots = await readHistory(db, resolution, rows);
  // An hourly row is stamped with the start of its hour: keep the one whose hour overlaps the span.
  const earliest = resolution === '1h' ? fromMs - HOUR_MS : fromMs;
  return {
    resolution,
    fromMs,
    toMs: now,
    points: snapshots
      .filter((s) => s.at > earliest && s.at <= now)
      .reverse()
      .map(toPoint),
  };
}

export async function ownerHealth(
  env: Env,
  config: Config,
  db: Database,
  query: HealthQuery,
  now = Date.now(),
) {
  const none = async () => null;
  const [window, migrations, signals, recent, hourly] = await Promise.all([
    readMetricsWindow(db, now),
    migrationStatus(env.DB),
    operationalSignals(env, config, db, now),
    query.range === '7d' ? none() : series(db, '5m', RECENT_SNAPSHOTS, RECENT_SPAN_MS, now),
    query.range === '4h' ? none() : series(db, '1h', HOURLY_ROWS, HOURLY_RETENTION_MS, now),
  ]);
  const assessment = assessHealth(healthSignalsOf(window, migrations.pending, signals));
  return {
    now,
    current: {
      tier: assessment.tier,
      reasons: assessment.reasons,
      errorRate: window.errorRate,
      processed: window.processed,
      failed: window.failed,
      invalidInput: window.invalidInput,
      unknown: window.unknown,
      window: { fromMs: window.fromMs, toMs: window.toMs, minutes: WINDOW_MS / MINUTE_MS },
      p50Ms: window.p50Ms,
      p99Ms: window.p99Ms,
      pendingMigrations: migrations.pending,
      shards: signals.shards,
      hookQueue: signals.hookQueue,
      deadLetters: signals.deadLetters,
      metricsRecorded: config.diagnostics.metrics,
    },
    limits: {
      degradedErrorRate: DEGRADED_ERROR_RATE,
      criticalErrorRate: CRITICAL_ERROR_RATE,
      minCommandsForCritical: MIN_COMMANDS_FOR_CRITICAL,
      /** Latencies are bucket upper bounds; a value above this one means "slower than this". */
      latencyCeilingMs: LATENCY_BOUNDS_MS.at(-1) as number,
    },
    history: { recent, hourly },
  };
}
