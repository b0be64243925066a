import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { healthSnapshots } from '../db/schema';
import { TIERS, type Tier } from './health';

/** The ring of 5-minute snapshots: 48 = 4 hours, as in the seed. */
export const RECENT_SNAPSHOTS = 48;
/** Hourly rows (the worst snapshot of each hour) are kept this long, for charts. */
export const HOURLY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const detailsSchema = z
  .object({
    reasons: z.array(z.string()).default([]),
    unknown: z.number().default(0),
    invalidInput: z.number().default(0),
    rest429: z.number().default(0),
    rest5xx: z.number().default(0),
    shards: z.object({ total: z.number(), connected: z.number() }).nullable().default(null),
    hookQueue: z.number().default(0),
  })
  .catch({ reasons: [], unknown: 0, invalidInput: 0, rest429: 0, rest5xx: 0, shards: null, hookQueue: 0 });

export type SnapshotDetails = z.output<typeof detailsSchema>;

export interface HealthSnapshot {
  at: number;
  tier: Tier;
  errorRate: number;
  processed: number;
  failed: number;
  p50Ms: number | null;
  p99Ms: number | null;
  pendingMigrations: number;
  details: SnapshotDetails;
}

const rank = (column: unknown) =>
  sql`CASE ${column} WHEN 'critical' THEN 2 WHEN 'degraded' THEN 1 ELSE 0 END`;

/**
 * Appends a 5-minute snapshot (keeping the newest 48) and folds it into its hour's row, which keeps the
 * worst tier seen in that hour (the latest of equally bad ones); hourly rows older than 7 days go.
 */
export async function recordSnapshot(db: Database, snapshot: HealthSnapshot): Promise<void> {
  const row = { ...snapshot, details: JSON.stringify(snapshot.details) };
  const hourAt = Math.floor(snapshot.at / 3_600_000) * 3_600_000;
  const { at: _at, ...rest } = row;
  await db.batch([
    db
      .insert(healthSnapshots)
      .values({ ...row, resolution: '5m' })
      .onConflictDoUpdate({ target: [healthSnapshots.resolution, healthSnapshots.at], set: rest }),
    db
      .insert(healthSnapshots)
      .values({ ...row, resolution: '1h', at: hourAt })
      .onConflictDoUpdate({
        target: [healthSnapshots.resolution, healthSnapshots.at],
        set: rest,
        setWhere: sql`${rank(sql`excluded.tier`)} >= ${rank(healthSnapshots.tier)}`,
      }),
    db
      .delete(healthSnapshots)
      .where(
        and(
          eq(healthSnapshots.resolution, '5m'),
          lt(
            healthSnapshots.at,
            sql`(SELECT at FROM ${healthSnapshots} WHERE resolution = '5m' ORDER BY at DESC LIMIT 1 OFFSET ${RECENT_SNAPSHOTS - 1})`,
          ),
        ),
      ),
    db
      .delete(healthSnapshots)
      .where(
        and(eq(healthSnapshots.resolution, '1h'), lt(healthSnapshots.at, snapshot.at - HOURLY_RETENTION_MS)),
      ),
  ]);
}

/** Newest first: the 5-minute ring ('5m') or the hourly rows ('1h'). */
export async function readHistory(
  db: Database,
  resolution: '5m' | '1h',
  limit: number,
): Promise<HealthSnapshot[]> {
  const rows = await db
    .select()
    .from(healthSnapshots)
    .where(eq(healthSnapshots.resolution, resolution))
    .orderBy(desc(healthSnapshots.at))
    .limit(limit);
  return rows.map((r) => {
    let details: unknown;
    try {
      details = JSON.parse(r.details);
    } catch {
      details = {};
    }
    return {
      at: r.at,
      tier: (TIERS as readonly string[]).includes(r.tier) ? (r.tier as Tier) : 'healthy',
      errorRate: r.errorRate,
      processed: r.processed,
      failed: r.failed,
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      pendingMigrations: r.pendingMigrations,
      details: detailsSchema.parse(details),
    };
  });
}
