import type { Passage } from './chunk';

/**
 * The FTS5 index `assistant_passages` (migration 0005) and its state per scope in `assistant_index_state`.
 * A scope is replaced as a whole in one D1 batch (a transaction): readers never see half an index.
 */
const ROWS_PER_INSERT = 25; // 4 bound values each: D1 allows 100 per statement

export const DOCS_SCOPE = 'docs';
export const DEPLOYMENT_SCOPE = 'deployment';
export const OWNER_SCOPE = 'owner';
export const guildScope = (guildId: string) => `guild:${guildId}`;

export async function contentVersion(passages: readonly Passage[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(passages));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function scopeState(d1: D1Database, scope: string) {
  return d1
    .prepare('SELECT version, refreshed_at AS refreshedAt FROM assistant_index_state WHERE scope = ?')
    .bind(scope)
    .first<{ version: string; refreshedAt: number }>();
}

/** Replaces every passage of `scope` and records its version. */
export async function replaceScope(
  d1: D1Database,
  scope: string,
  passages: readonly Passage[],
  version: string,
  now = Date.now(),
): Promise<void> {
  const statements: D1PreparedStatement[] = [
    d1.prepare('DELETE FROM assistant_passages WHERE scope = ?').bind(scope),
  ];
  for (let i = 0; i < passages.length; i += ROWS_PER_INSERT) {
    const rows = passages.slice(i, i + ROWS_PER_INSERT);
    statements.push(
      d1
        .prepare(
          `INSERT INTO assistant_passages (title, body, source, scope) VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`,
        )
        .bind(...rows.flatMap((p) => [p.title, p.body, p.source, scope])),
    );
  }
  statements.push(
    d1
      .prepare(
        `INSERT INTO assistant_index_state (scope, version, refreshed_at) VALUES (?, ?, ?)
         ON CONFLICT(scope) DO UPDATE SET version = excluded.version, refreshed_at = excluded.refreshed_at`,
      )
      .bind(scope, version, now),
  );
  await d1.batch(statements);
}

/** Rebuilds the scope when its content version changed (the bundled documents after a deploy). */
export async function ensureVersionedScope(
  d1: D1Database,
  scope: string,
  passages: readonly Passage[],
  version: string,
): Promise<boolean> {
  const state = await scopeState(d1, scope);
  if (state?.version === version) return false;
  await replaceScope(d1, scope, passages, version);
  return true;
}

/** Re-reads live state into the scope when it is older than `maxAgeMs`. */
export async function ensureFreshScope(
  d1: D1Database,
  scope: string,
  passages: () => Promise<Passage[]>,
  maxAgeMs: number,
  now = Date.now(),
): Promise<boolean> {
  const state = await scopeState(d1, scope);
  if (state && now - state.refreshedAt < maxAgeMs) return false;
  await replaceScope(d1, scope, await passages(), 'live', now);
  return true;
}

/** Live scopes not asked about for a day are dropped (a guild that stopped asking, or left). */
export const STALE_SCOPE_MS = 24 * 60 * 60 * 1000;

/** Housekeeping (5-minute cron): stale live scopes and expired cached answers. */
export async function pruneAssistantIndex(d1: D1Database, now = Date.now()): Promise<void> {
  const before = now - STALE_SCOPE_MS;
  await d1.batch([
    d1
      .prepare(
        `DELETE FROM assistant_passages WHERE scope != ?1 AND scope NOT IN
           (SELECT scope FROM assistant_index_state WHERE refreshed_at >= ?2)`,
      )
      .bind(DOCS_SCOPE, before),
    d1
      .prepare('DELETE FROM assistant_index_state WHERE scope != ? AND refreshed_at < ?')
      .bind(DOCS_SCOPE, before),
    d1.prepare('DELETE FROM assistant_answers WHERE expires_at <= ?').bind(now),
  ]);
}
