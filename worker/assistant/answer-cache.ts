/** Answers cached for 60 s per guild and question, so a repeated question costs no generation. */
export const ANSWER_CACHE_MS = 60_000;

export async function cacheKey(parts: readonly string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readCachedAnswer(
  d1: D1Database,
  key: string,
  now = Date.now(),
): Promise<string | null> {
  const row = await d1
    .prepare('SELECT answer FROM assistant_answers WHERE key = ? AND expires_at > ?')
    .bind(key, now)
    .first<{ answer: string }>();
  return row?.answer ?? null;
}

export async function cacheAnswer(
  d1: D1Database,
  key: string,
  guildId: string,
  answer: string,
  now = Date.now(),
) {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO assistant_answers (key, guild_id, answer, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, expires_at = excluded.expires_at`,
      )
      .bind(key, guildId, answer, now + ANSWER_CACHE_MS),
    d1.prepare('DELETE FROM assistant_answers WHERE expires_at <= ?').bind(now),
  ]);
}
