import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { backups } from '../db/schema';
import { BackupStore } from './backup-store';

const DAY = 86_400_000;
/** Each deletion is a D1 batch; stay far below D1's per-invocation query limit (the next run continues). */
const MAX_PER_RUN = 200;

/** Deletes unpinned backups older than `days` (0 = keep forever). Pinned backups are never touched. */
export async function applyRetention(
  db: Database,
  bucket: R2Bucket,
  days: number,
  actorId: string,
  nowMs = Date.now(),
) {
  if (days <= 0) return 0;
  const store = new BackupStore(db, bucket);
  const expired = await db
    .select()
    .from(backups)
    .where(and(eq(backups.pinned, false), lt(backups.createdAt, nowMs - days * DAY)))
    .limit(MAX_PER_RUN);
  let removed = 0;
  for (const row of expired) if (await store.delete(row, actorId, 'backup.expire')) removed++;
  return removed;
}

/** Removes snapshot objects a crash left without an index row (after an hour's grace). */
export async function removeOrphans(db: Database, bucket: R2Bucket, nowMs = Date.now()) {
  const keys = await new BackupStore(db, bucket).orphans(3_600_000, nowMs);
  for (const key of keys) await bucket.delete(key);
  return keys.length;
}
