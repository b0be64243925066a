import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { scheduledTaskRuns, scheduledTasks } from '../db/schema';
import { MAX_TASKS_PER_GUILD } from './task-input';

export type TaskRow = typeof scheduledTasks.$inferSelect;
export type TaskRunRow = typeof scheduledTaskRuns.$inferSelect;

export interface NewTask {
  guildId: string;
  name: string;
  cron: string;
  timezone: string;
  taskType: string;
  channelId: string | null;
  content: string | null;
  maxRuns: number | null;
  nextRunAt: number;
  createdBy: string;
  createdAt: number;
}

export type InsertResult = { ok: true; task: TaskRow } | { ok: false; reason: 'duplicate' | 'full' };

/** A short random id (12 hex digits), shown in /schedule info and accepted wherever a task is named. */
export function newTaskId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}

/**
 * Adds a task unless its name is taken in the server or the server already has the maximum; both are checked
 * by the insert itself, so two concurrent creates cannot exceed the limit or share a name.
 */
export async function insertTask(db: Database, task: NewTask): Promise<InsertResult> {
  const id = newTaskId();
  const result = await db.run(sql`
    INSERT INTO scheduled_tasks
      (id, guild_id, name, cron, timezone, task_type, channel_id, content, max_runs, run_count, enabled,
       status, next_run_at, created_by, created_at)
    SELECT ${id}, ${task.guildId}, ${task.name}, ${task.cron}, ${task.timezone}, ${task.taskType},
      ${task.channelId}, ${task.content}, ${task.maxRuns}, 0, 1, 'active', ${task.nextRunAt},
      ${task.createdBy}, ${task.createdAt}
    WHERE (SELECT count(*) FROM scheduled_tasks WHERE guild_id = ${task.guildId}) < ${MAX_TASKS_PER_GUILD}
    ON CONFLICT DO NOTHING`);
  if (result.meta.changes === 1) {
    const row = await db.select().from(scheduledTasks).where(eq(scheduledTasks.id, id)).get();
    if (row) return { ok: true, task: row };
  }
  const taken = await findTask(db, task.guildId, task.name);
  return { ok: false, reason: taken ? 'duplicate' : 'full' };
}

export function listTasks(db: Database, guildId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(scheduledTasks)
    .where(eq(scheduledTasks.guildId, guildId))
    .orderBy(asc(scheduledTasks.name))
    .all();
}

/** The server's task with this name or id. */
export async function findTask(db: Database, guildId: string, key: string): Promise<TaskRow | undefined> {
  const wanted = key.trim().toLowerCase();
  return db
    .select()
    .from(scheduledTasks)
    .where(
      and(
        eq(scheduledTasks.guildId, guildId),
        or(eq(scheduledTasks.name, wanted), eq(scheduledTasks.id, wanted)),
      ),
    )
    .get();
}

/** Turns a task off by hand: paused, with who did it as the reason. */
export async function pauseByUser(db: Database, task: TaskRow, userId: string): Promise<void> {
  await db
    .update(scheduledTasks)
    .set({ enabled: false, status: 'paused', statusReason: `Turned off by <@${userId}>.` })
    .where(eq(scheduledTasks.id, task.id));
}

/** Turns a paused task back on from its next run after now. A finished task stays finished. */
export async function resume(db: Database, task: TaskRow, nextRunAt: number): Promise<boolean> {
  const result = await db
    .update(scheduledTasks)
    .set({ enabled: true, status: 'active', statusReason: null, nextRunAt })
    .where(and(eq(scheduledTasks.id, task.id), sql`${scheduledTasks.status} <> 'finished'`));
  return result.meta.changes === 1;
}

/** Removes a task and its run history. */
export async function deleteTask(db: Database, task: TaskRow): Promise<void> {
  await db.batch([
    db.delete(scheduledTaskRuns).where(eq(scheduledTaskRuns.taskId, task.id)),
    db.delete(scheduledTasks).where(eq(scheduledTasks.id, task.id)),
  ]);
}

/** The task's latest runs, newest first. */
export function recentRuns(db: Database, taskId: string, limit: number): Promise<TaskRunRow[]> {
  return db
    .select()
    .from(scheduledTaskRuns)
    .where(eq(scheduledTaskRuns.taskId, taskId))
    .orderBy(desc(scheduledTaskRuns.scheduledFor))
    .limit(limit)
    .all();
}
