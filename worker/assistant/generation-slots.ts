/**
 * At most 3 answers are generated at once across the deployment: three lease rows in `assistant_slots`.
 * Taking a slot is one statement (D1 runs statements one at a time, so two askers never get the same
 * slot); a lease past its expiry is free again, so a crashed request cannot hold a slot for long.
 */
export const GENERATION_SLOTS = 3;
export const SLOT_LEASE_MS = 30_000;

export async function acquireSlot(d1: D1Database, holder: string, now = Date.now()): Promise<boolean> {
  const slots = Array.from({ length: GENERATION_SLOTS }, (_, i) => `SELECT ${i} AS slot`).join(' UNION ALL ');
  const result = await d1
    .prepare(
      `INSERT INTO assistant_slots (slot, holder, expires_at)
       SELECT s.slot, ?1, ?2 FROM (${slots}) s
       LEFT JOIN assistant_slots a ON a.slot = s.slot
       WHERE a.slot IS NULL OR a.expires_at <= ?3
       ORDER BY s.slot LIMIT 1
       ON CONFLICT(slot) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
    )
    .bind(holder, now + SLOT_LEASE_MS, now)
    .run();
  return result.meta.changes === 1;
}

export async function releaseSlot(d1: D1Database, holder: string): Promise<void> {
  await d1.prepare('DELETE FROM assistant_slots WHERE holder = ?').bind(holder).run();
}

/** Runs `work` in a slot, or returns null at once when all slots are taken. */
export async function withSlot<T>(d1: D1Database, holder: string, work: () => Promise<T>): Promise<T | null> {
  if (!(await acquireSlot(d1, holder))) return null;
  try {
    return await work();
  } finally {
    await releaseSlot(d1, holder).catch(() => {});
  }
}
