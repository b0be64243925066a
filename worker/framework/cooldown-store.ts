export interface CooldownHit {
  allowed: boolean;
  /** When the current window ends (epoch ms). */
  retryAtMs: number;
}

/**
 * Fixed-window counters in D1, so a cooldown holds across isolates, regions and restarts. One atomic
 * upsert per check: a new window starts when the old one has ended.
 */
export async function hitCooldown(
  db: D1Database,
  bucket: string,
  rate: number,
  perSeconds: number,
  nowMs = Date.now(),
): Promise<CooldownHit> {
  const perMs = perSeconds * 1000;
  const row = await db
    .prepare(
      `INSERT INTO cooldowns (bucket, window_start, uses, expires_at) VALUES (?1, ?2, 1, ?2 + ?3)
       ON CONFLICT(bucket) DO UPDATE SET
         uses = CASE WHEN window_start + ?3 <= ?2 THEN 1 ELSE uses + 1 END,
         window_start = CASE WHEN window_start + ?3 <= ?2 THEN ?2 ELSE window_start END,
         expires_at = CASE WHEN window_start + ?3 <= ?2 THEN ?2 + ?3 ELSE expires_at END
       RETURNING uses, window_start`,
    )
    .bind(bucket, nowMs, perMs)
    .first<{ uses: number; window_start: number }>();
  if (!row) throw new Error('cooldown upsert returned no row');
  return { allowed: row.uses <= rate, retryAtMs: row.window_start + perMs };
}

export async function purgeExpiredCooldowns(db: D1Database, nowMs = Date.now()): Promise<number> {
  const result = await db.prepare('DELETE FROM cooldowns WHERE expires_at <= ?').bind(nowMs).run();
  return result.meta.changes ?? 0;
}
