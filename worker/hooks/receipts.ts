/**
 * (event id, hook id) receipts in D1 (`hook_receipts`): a handler that completed for an event is never run
 * for it again, however often the queue redelivers the message.
 */

/** Queue messages live at most 4 days (Cloudflare's default retention): receipts are kept a little longer. */
export const RECEIPT_TTL_MS = 5 * 24 * 60 * 60_000;

/** The hooks that already completed for this event. */
export async function completedHooks(
  d1: D1Database,
  eventId: string,
  hookIds: readonly string[],
): Promise<Set<string>> {
  if (hookIds.length === 0) return new Set();
  const { results } = await d1
    .prepare('SELECT hook_id FROM hook_receipts WHERE event_id = ?')
    .bind(eventId)
    .all<{ hook_id: string }>();
  return new Set(results.map((r) => r.hook_id));
}

/** Marks hooks completed for an event (a repeat is ignored): one statement per 30 hooks. */
export function markCompleted(
  d1: D1Database,
  eventId: string,
  hookIds: readonly string[],
  now: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < hookIds.length; i += 30) {
    const chunk = hookIds.slice(i, i + 30);
    statements.push(
      d1
        .prepare(
          `INSERT OR IGNORE INTO hook_receipts (event_id, hook_id, at) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
        )
        .bind(...chunk.flatMap((id) => [eventId, id, now])),
    );
  }
  return statements;
}

export function pruneReceipts(d1: D1Database, now: number): D1PreparedStatement {
  return d1.prepare('DELETE FROM hook_receipts WHERE at < ?').bind(now - RECEIPT_TTL_MS);
}
