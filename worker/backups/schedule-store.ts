import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { backupSchedules } from '../db/schema';
import { auditInsert } from '../settings/audit';

export type ScheduleRow = typeof backupSchedules.$inferSelect;
const HOUR = 3_600_000;

/**
 * A stable offset inside the first hour for each guild, so schedules enabled at the same moment (or all
 * at once after a migration) do not all fall due together.
 */
export function spreadOffsetMs(guildId: string): number {
  let h = 0;
  for (const ch of guildId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % HOUR;
}

export async function getSchedule(db: Database, guildId: string): Promise<ScheduleRow | undefined> {
  return db.query.backupSchedules.findFirst({ where: eq(backupSchedules.guildId, guildId) });
}

export async function enableSchedule(
  db: Database,
  input: { guildId: string; intervalHours: number; actorId: string; alertChannelId?: string | null },
  nowMs = Date.now(),
): Promise<ScheduleRow> {
  const row: ScheduleRow = {
    guildId: input.guildId,
    enabled: true,
    intervalHours: input.intervalHours,
    nextRunAt: nowMs + spreadOffsetMs(input.guildId),
    lastRunAt: null,
    lastError: null,
    alertChannelId: input.alertChannelId ?? null,
    updatedBy: input.actorId,
  };
  const existing = await getSchedule(db, input.guildId);
  if (existing) {
    row.lastRunAt = existing.lastRunAt;
    row.alertChannelId = input.alertChannelId === undefined ? existing.alertChannelId : input.alertChannelId;
    // Keep the rhythm when only the interval changes: next run = last run + new interval (or soon).
    if (existing.lastRunAt)
      row.nextRunAt = Math.max(existing.lastRunAt + input.intervalHours * HOUR, nowMs + 60_000);
  }
  await db.batch([
    db.insert(backupSchedules).values(row).onConflictDoUpdate({ target: backupSchedules.guildId, set: row }),
    auditInsert(db, {
      guildId: input.guildId,
      actorId: input.actorId,
      action: 'backup.schedule',
      details: { enabled: true, intervalHours: input.intervalHours, alertChannelId: row.alertChannelId },
    }),
  ]);
  return row;
}

export async function disableSchedule(db: Database, guildId: string, actorId: string): Promise<boolean> {
  const [updated] = await db.batch([
    db
      .update(backupSchedules)
      .set({ enabled: false, updatedBy: actorId })
      .where(eq(backupSchedules.guildId, guildId))
      .returning({ guildId: backupSchedules.guildId }),
    auditInsert(db, { guildId, actorId, action: 'backup.schedule', details: { enabled: false } }),
  ]);
  return updated.length > 0;
}

/**
 * Claims up to `limit` due schedules in one statement (atomic in D1), moving each to its next run, so
 * overlapping or retried cron runs never enqueue a guild twice. A schedule far behind (downtime) moves
 * to one interval from now rather than catching up run by run.
 */
export async function claimDueSchedules(d1: D1Database, limit: number, nowMs = Date.now()) {
  const result = await d1
    .prepare(
      `UPDATE backup_schedules
         SET next_run_at = CASE WHEN next_run_at + interval_hours * ${HOUR} > ?1
                                THEN next_run_at + interval_hours * ${HOUR}
                                ELSE ?1 + interval_hours * ${HOUR} END
       WHERE guild_id IN (SELECT guild_id FROM backup_schedules
                          WHERE enabled = 1 AND next_run_at <= ?1 ORDER BY next_run_at LIMIT ?2)
       RETURNING guild_id, alert_channel_id`,
    )
    .bind(nowMs, limit)
    .all<{ guild_id: string; alert_channel_id: string | null }>();
  return result.results;
}

export async function recordScheduleRun(
  d1: D1Database,
  guildId: string,
  error: string | null,
  nowMs = Date.now(),
) {
  await d1
    .prepare('UPDATE backup_schedules SET last_run_at = ?, last_error = ? WHERE guild_id = ?')
    .bind(nowMs, error, guildId)
    .run();
}

/** Makes claimed schedules due again (their messages could not be queued). */
export async function releaseClaims(d1: D1Database, guildIds: string[], dueAtMs: number) {
  for (let i = 0; i < guildIds.length; i += 90) {
    const chunk = guildIds.slice(i, i + 90);
    await d1
      .prepare(
        `UPDATE backup_schedules SET next_run_at = ? WHERE guild_id IN (${chunk.map(() => '?').join(',')})`,
      )
      .bind(dueAtMs, ...chunk)
      .run();
  }
}
