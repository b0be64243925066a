/** The per-guild pause between manual backups; set only after a backup succeeded. */
const bucket = (guildId: string) => `backupcreate:guild:${guildId}`;

export async function markBackupCooldown(
  db: D1Database,
  guildId: string,
  seconds: number,
  nowMs = Date.now(),
) {
  if (seconds <= 0) return;
  await db
    .prepare('INSERT OR REPLACE INTO cooldowns (bucket, window_start, uses, expires_at) VALUES (?, ?, 1, ?)')
    .bind(bucket(guildId), nowMs, nowMs + seconds * 1000)
    .run();
}

/** When the guild may create its next manual backup, or null if it may now. */
export async function backupCooldownUntil(
  db: D1Database,
  guildId: string,
  nowMs = Date.now(),
): Promise<number | null> {
  const row = await db
    .prepare('SELECT expires_at FROM cooldowns WHERE bucket = ? AND expires_at > ?')
    .bind(bucket(guildId), nowMs)
    .first<{ expires_at: number }>();
  return row?.expires_at ?? null;
}
