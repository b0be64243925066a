/**
 * Each hook's persisted state in D1 (`hook_state`): disabled by an owner, its circuit breaker, and its
 * counters. Every isolate reads and writes the same rows, so a breaker opened by one holds in all of them.
 * Writes are single atomic statements (no read-modify-write), so two isolates failing at once both count.
 */

/** 5 failures within 300 s open the breaker for 60 s (as in the seed). */
export const BREAKER = { threshold: 5, windowMs: 300_000, openMs: 60_000 } as const;

export interface HookState {
  hookId: string;
  disabled: boolean;
  /** Failure times (ms) inside the breaker window. */
  failures: number[];
  /** The breaker is open until this time (ms); null when closed. */
  openUntil: number | null;
  executions: number;
  failureCount: number;
  totalMs: number;
}

interface Row {
  hook_id: string;
  disabled: number;
  failures: string;
  open_until: number | null;
  executions: number;
  failure_count: number;
  total_ms: number;
}

function fromRow(row: Row): HookState {
  let failures: number[] = [];
  try {
    const parsed: unknown = JSON.parse(row.failures);
    if (Array.isArray(parsed)) failures = parsed.map(Number).filter(Number.isFinite);
  } catch {
    // A damaged list counts as empty: the breaker starts counting again.
  }
  return {
    hookId: row.hook_id,
    disabled: row.disabled === 1,
    failures,
    openUntil: row.open_until,
    executions: row.executions,
    failureCount: row.failure_count,
    totalMs: row.total_ms,
  };
}

/** D1 binds at most 100 parameters per statement. */
const CHUNK = 90;

/** The stored state of these hooks (hooks never run or changed have no row). */
export async function loadHookStates(
  d1: D1Database,
  ids: readonly string[],
): Promise<Map<string, HookState>> {
  const states = new Map<string, HookState>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const { results } = await d1
      .prepare(`SELECT * FROM hook_state WHERE hook_id IN (${chunk.map(() => '?').join(', ')})`)
      .bind(...chunk)
      .all<Row>();
    for (const row of results) states.set(row.hook_id, fromRow(row));
  }
  return states;
}

export async function loadAllHookStates(d1: D1Database): Promise<Map<string, HookState>> {
  const { results } = await d1.prepare('SELECT * FROM hook_state').all<Row>();
  return new Map(results.map((row) => [row.hook_id, fromRow(row)]));
}

export type Gate = 'run' | 'disabled' | 'open' | 'expired';

/** Whether a hook may run now: disabled, breaker open, breaker expired (closes on this check), or run. */
export function gateOf(state: HookState | undefined, now: number): Gate {
  if (!state) return 'run';
  if (state.disabled) return 'disabled';
  if (state.openUntil === null) return 'run';
  return now < state.openUntil ? 'open' : 'expired';
}

/** Is the breaker open at `now` (for listings; running hooks use `gateOf`)? */
export const isOpen = (state: HookState | undefined, now: number) =>
  state?.openUntil != null && now < state.openUntil;

/** Closes an expired breaker and forgets its failures; a no-op if another isolate did it first. */
export function closeExpired(d1: D1Database, id: string, now: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE hook_state SET open_until = NULL, failures = '[]', updated_at = ?2
       WHERE hook_id = ?1 AND open_until IS NOT NULL AND open_until <= ?2`,
    )
    .bind(id, now);
}

/** Counts successful runs: one statement per 30 hooks (D1 binds at most 100 parameters). */
export function recordSuccesses(
  d1: D1Database,
  runs: readonly { hookId: string; ms: number }[],
  now: number,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < runs.length; i += 30) {
    const chunk = runs.slice(i, i + 30);
    statements.push(
      d1
        .prepare(
          `INSERT INTO hook_state (hook_id, executions, total_ms, updated_at)
           VALUES ${chunk.map(() => '(?, 1, ?, ?)').join(', ')}
           ON CONFLICT(hook_id) DO UPDATE SET executions = executions + 1,
             total_ms = total_ms + excluded.total_ms, updated_at = excluded.updated_at`,
        )
        .bind(...chunk.flatMap((r) => [r.hookId, Math.round(r.ms), now])),
    );
  }
  return statements;
}

/**
 * Counts a failed run and adds it to the breaker window (dropping failures older than the window), then
 * opens the breaker when the window holds enough. The second statement returns a row only to the caller
 * that opened it, so exactly one alert goes out.
 */
export function recordFailure(
  d1: D1Database,
  id: string,
  ms: number,
  now: number,
): [D1PreparedStatement, D1PreparedStatement] {
  return [
    d1
      .prepare(
        `INSERT INTO hook_state (hook_id, failures, executions, failure_count, total_ms, updated_at)
         VALUES (?1, json_array(CAST(?3 AS INTEGER)), 1, 1, ?2, ?3)
         ON CONFLICT(hook_id) DO UPDATE SET
           failures = (SELECT json_group_array(t) FROM (
             SELECT CAST(value AS INTEGER) AS t FROM json_each(hook_state.failures) WHERE value > ?4
             UNION ALL SELECT CAST(?3 AS INTEGER))),
           executions = executions + 1, failure_count = failure_count + 1, total_ms = total_ms + ?2,
           updated_at = ?3`,
      )
      .bind(id, Math.round(ms), now, now - BREAKER.windowMs),
    d1
      .prepare(
        `UPDATE hook_state SET open_until = ?2
         WHERE hook_id = ?1 AND open_until IS NULL AND json_array_length(failures) >= ?3
         RETURNING hook_id`,
      )
      .bind(id, now + BREAKER.openMs, BREAKER.threshold),
  ];
}

/** An owner's switch. Returns whether it changed anything. */
export async function setDisabled(d1: D1Database, id: string, disabled: boolean, now: number) {
  const row = await d1
    .prepare(
      `INSERT INTO hook_state (hook_id, disabled, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT(hook_id) DO UPDATE SET disabled = ?2, updated_at = ?3 WHERE disabled <> ?2
       RETURNING hook_id`,
    )
    .bind(id, disabled ? 1 : 0, now)
    .first<{ hook_id: string }>();
  return row !== null;
}

/** Closes the breaker and forgets its failures. Returns whether it was open. */
export async function resetBreaker(d1: D1Database, id: string, now: number): Promise<boolean> {
  const before = await d1
    .prepare('SELECT open_until FROM hook_state WHERE hook_id = ?')
    .bind(id)
    .first<{ open_until: number | null }>();
  await d1
    .prepare(`UPDATE hook_state SET open_until = NULL, failures = '[]', updated_at = ?2 WHERE hook_id = ?1`)
    .bind(id, now)
    .run();
  return before?.open_until != null && now < before.open_until;
}
