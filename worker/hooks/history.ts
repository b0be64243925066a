/** The bus's history in D1 (`hook_history`): one row per delivery that ran handlers, capped. */

export const HISTORY_LIMIT = 100;
export const HISTORY_PER_EVENT = 20;

export interface HistoryError {
  hookId: string;
  error: string;
}

export interface HistoryEntry {
  eventId: string;
  event: string;
  guildId: string | null;
  at: number;
  successCount: number;
  errorCount: number;
  errors: HistoryError[];
  avgMs: number;
  queueDelayMs: number;
}

/** An error message short enough to keep (a stack trace is not). */
export const shortError = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/** Adds an entry and trims the table to the last 20 of its event and the last 100 overall. */
export function recordHistory(d1: D1Database, entry: HistoryEntry): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `INSERT INTO hook_history
           (event_id, event, guild_id, at, success_count, error_count, errors, avg_ms, queue_delay_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        entry.eventId,
        entry.event,
        entry.guildId,
        entry.at,
        entry.successCount,
        entry.errorCount,
        JSON.stringify(entry.errors.slice(0, 10)),
        Math.round(entry.avgMs),
        Math.max(0, Math.round(entry.queueDelayMs)),
      ),
    d1
      .prepare(
        `DELETE FROM hook_history WHERE event = ?1 AND id NOT IN
           (SELECT id FROM hook_history WHERE event = ?1 ORDER BY id DESC LIMIT ?2)`,
      )
      .bind(entry.event, HISTORY_PER_EVENT),
    d1
      .prepare(
        'DELETE FROM hook_history WHERE id NOT IN (SELECT id FROM hook_history ORDER BY id DESC LIMIT ?)',
      )
      .bind(HISTORY_LIMIT),
  ];
}

interface Row {
  event_id: string;
  event: string;
  guild_id: string | null;
  at: number;
  success_count: number;
  error_count: number;
  errors: string;
  avg_ms: number;
  queue_delay_ms: number;
}

function parseErrors(text: string): HistoryError[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((e): e is HistoryError => typeof e?.hookId === 'string' && typeof e?.error === 'string')
      .map((e) => ({ hookId: e.hookId, error: e.error }));
  } catch {
    return [];
  }
}

/** The newest entries first, `limit` of them after skipping `offset`. */
export async function listHistory(d1: D1Database, limit: number, offset = 0): Promise<HistoryEntry[]> {
  const { results } = await d1
    .prepare('SELECT * FROM hook_history ORDER BY id DESC LIMIT ? OFFSET ?')
    .bind(limit, offset)
    .all<Row>();
  return results.map((r) => ({
    eventId: r.event_id,
    event: r.event,
    guildId: r.guild_id,
    at: r.at,
    successCount: r.success_count,
    errorCount: r.error_count,
    errors: parseErrors(r.errors),
    avgMs: r.avg_ms,
    queueDelayMs: r.queue_delay_ms,
  }));
}

export async function countHistory(d1: D1Database): Promise<number> {
  const row = await d1.prepare('SELECT COUNT(*) AS n FROM hook_history').first<{ n: number }>();
  return row?.n ?? 0;
}
