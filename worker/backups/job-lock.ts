/**
 * One backup job per guild at a time. The lock row names its job; the same job may take it again (a
 * retry), another may take it only once it has expired (a crashed job).
 */
export async function acquireJobLock(
  db: D1Database,
  lock: { guildId: string; jobId: string; kind: string; ttlMs: number },
  nowMs = Date.now(),
): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO backup_jobs (guild_id, job_id, kind, started_at, expires_at, phase) VALUES (?1, ?2, ?3, ?4, ?5, 'starting')
       ON CONFLICT(guild_id) DO UPDATE SET job_id = excluded.job_id, kind = excluded.kind,
         started_at = excluded.started_at, expires_at = excluded.expires_at, phase = 'starting'
       WHERE backup_jobs.expires_at < ?4 OR backup_jobs.job_id = excluded.job_id
       RETURNING job_id`,
    )
    .bind(lock.guildId, lock.jobId, lock.kind, nowMs, nowMs + lock.ttlMs)
    .first<{ job_id: string }>();
  return row?.job_id === lock.jobId;
}

export async function setJobPhase(db: D1Database, guildId: string, jobId: string, phase: string) {
  await db
    .prepare('UPDATE backup_jobs SET phase = ? WHERE guild_id = ? AND job_id = ?')
    .bind(phase, guildId, jobId)
    .run();
}

export async function releaseJobLock(db: D1Database, guildId: string, jobId: string) {
  await db.prepare('DELETE FROM backup_jobs WHERE guild_id = ? AND job_id = ?').bind(guildId, jobId).run();
}

/** The running job of a guild, if any (expired locks do not count). */
export async function runningJob(db: D1Database, guildId: string, nowMs = Date.now()) {
  return db
    .prepare('SELECT job_id, kind, phase, started_at FROM backup_jobs WHERE guild_id = ? AND expires_at >= ?')
    .bind(guildId, nowMs)
    .first<{ job_id: string; kind: string; phase: string; started_at: number }>();
}
