/**
 * Claims an invocation id. Discord may deliver the same interaction twice (and a gateway resume may replay
 * a message): only the first claim returns true.
 */
export async function claimInvocation(db: D1Database, id: string, nowMs = Date.now()): Promise<boolean> {
  const result = await db
    .prepare(
      'INSERT INTO interaction_receipts (interaction_id, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
    )
    .bind(id, nowMs)
    .run();
  return (result.meta.changes ?? 0) > 0;
}

export async function purgeOldReceipts(db: D1Database, olderThanMs: number, nowMs = Date.now()) {
  const result = await db
    .prepare('DELETE FROM interaction_receipts WHERE created_at < ?')
    .bind(nowMs - olderThanMs)
    .run();
  return result.meta.changes ?? 0;
}
