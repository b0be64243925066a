import { and, asc, eq, lte } from 'drizzle-orm';
import type { Database } from '../db/client';
import { scheduledTasks } from '../db/schema';
import type { TaskRow } from './task-store';

/**
 * The exactly-once protocol for scheduled runs. A run is identified by (task, due time). To run it, a
 * trigger claims it in one D1 batch (a transaction, serialised with every other writer):
 *
 * 1. insert the run row `(task_id, scheduled_for = due)`, only while the task is still enabled, active and
 *    due at exactly that time (its primary key refuses a second row for the same due time);
 * 2. advance the task (`next_run_at`, `run_count`, finishing it at `max_runs`), under the same condition and
 *    only if the run row in place is the one this trigger inserted (`started_at` = its clock).
 *
 * The claim is won when step 2 changed the task. A second trigger running at the same time (overlap, a
 * retry) finds `next_run_at` already moved and changes nothing, so it does not run the task.
 */

/** Runs kept per task; older run rows are pruned after each run. */
export const RUNS_KEPT = 100;
/** A run that started this long ago and never finished was interrupted (the isolate died). */
export const INTERRUPTED_AFTER_MS = 15 * 60 * 1000;

/** Enabled, active tasks whose next run is due at `now`, oldest due first. */
export function dueTasks(db: Database, now: number, limit: number): Promise<TaskRow[]> {
  return db
    .select()
    .from(scheduledTasks)
    .where(
      and(
        eq(scheduledTasks.enabled, true),
        eq(scheduledTasks.status, 'active'),
        lte(scheduledTasks.nextRunAt, now),
      ),
    )
    .orderBy(asc(scheduledTasks.nextRunAt))
    .limit(limit)
    .all();
}

const STILL_DUE = `id = ?1 AND next_run_at = ?2 AND enabled = 1 AND status = 'active'`;

/**
 * Claims the run of `task` due at `due`, moving the task on to `next` (null: the schedule has no later run,
 * the task finishes). True when this caller won the claim and must run it.
 */
export async function claimRun(
  d1: D1Database,
  taskId: string,
  due: number,
  next: number | null,
  now: number,
): Promise<boolean> {
  const last = `(max_runs IS NOT NULL AND run_count + 1 >= max_runs)`;
  const [, advanced] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO scheduled_task_runs (task_id, scheduled_for, started_at)
         SELECT id, next_run_at, ?3 FROM scheduled_tasks WHERE ${STILL_DUE}
         ON CONFLICT DO NOTHING`,
      )
      .bind(taskId, due, now),
    d1
      .prepare(
        `UPDATE scheduled_tasks SET
           next_run_at = ?4,
           run_count = run_count + 1,
           last_run_at = ?3,
           enabled = CASE WHEN ${last} OR ?4 IS NULL THEN 0 ELSE 1 END,
           status = CASE WHEN ${last} OR ?4 IS NULL THEN 'finished' ELSE 'active' END,
           status_reason = CASE
             WHEN ${last} THEN 'Finished: ran ' || max_runs || ' of ' || max_runs || ' times.'
             WHEN ?4 IS NULL THEN 'Finished: the schedule has no later run time.'
             ELSE NULL END
         WHERE ${STILL_DUE}
           AND (SELECT started_at FROM scheduled_task_runs WHERE task_id = ?1 AND scheduled_for = ?2) = ?3`,
      )
      .bind(taskId, due, now, next),
  ]);
  return advanced?.meta.changes === 1;
}

export type RunOutcome = { ok: true } | { ok: false; error: string; pauseReason: string | null };

/**
 * Records how a claimed run ended: the run row, the task's `last_error` (cleared by a success), a pause when
 * the failure needs a person (a finished task stays finished), and the pruning of old run rows.
 */
export async function finishRun(
  d1: D1Database,
  taskId: string,
  due: number,
  now: number,
  outcome: RunOutcome,
): Promise<void> {
  const statements = [
    d1
      .prepare(
        'UPDATE scheduled_task_runs SET finished_at = ?3, ok = ?4, error = ?5 WHERE task_id = ?1 AND scheduled_for = ?2',
      )
      .bind(taskId, due, now, outcome.ok ? 1 : 0, outcome.ok ? null : outcome.error),
    d1
      .prepare('UPDATE scheduled_tasks SET last_error = ?2 WHERE id = ?1')
      .bind(taskId, outcome.ok ? null : outcome.error),
    d1
      .prepare(
        `DELETE FROM scheduled_task_runs WHERE task_id = ?1 AND scheduled_for < (
           SELECT scheduled_for FROM scheduled_task_runs WHERE task_id = ?1
           ORDER BY scheduled_for DESC LIMIT 1 OFFSET ?2)`,
      )
      .bind(taskId, RUNS_KEPT - 1),
  ];
  if (!outcome.ok && outcome.pauseReason) {
    statements.push(
      d1
        .prepare(
          `UPDATE scheduled_tasks SET enabled = 0, status = 'paused', status_reason = ?2
           WHERE id = ?1 AND status = 'active'`,
        )
        .bind(taskId, outcome.pauseReason),
    );
  }
  await d1.batch(statements);
}

/** Moves a due task on to `next` without running it (its extension is off in that server). */
export async function skipRun(
  d1: D1Database,
  taskId: string,
  due: number,
  next: number | null,
): Promise<boolean> {
  const result = await d1
    .prepare(
      `UPDATE scheduled_tasks SET
         next_run_at = ?3,
         enabled = CASE WHEN ?3 IS NULL THEN 0 ELSE 1 END,
         status = CASE WHEN ?3 IS NULL THEN 'finished' ELSE 'active' END,
         status_reason = CASE WHEN ?3 IS NULL THEN 'Finished: the schedule has no later run time.' ELSE NULL END
       WHERE ${STILL_DUE}`,
    )
    .bind(taskId, due, next)
    .run();
  return result.meta.changes === 1;
}

/** Pauses a due task without running it, e.g. when its task type no longer exists. */
export async function pauseDue(
  d1: D1Database,
  taskId: string,
  due: number,
  reason: string,
): Promise<boolean> {
  const result = await d1
    .prepare(
      `UPDATE scheduled_tasks SET enabled = 0, status = 'paused', status_reason = ?3, last_error = ?3
       WHERE ${STILL_DUE}`,
    )
    .bind(taskId, due, reason)
    .run();
  return result.meta.changes === 1;
}

/** Marks runs whose trigger died mid-run as failed, so no run stays "running" forever. */
export async function recordInterruptedRuns(d1: D1Database, now: number): Promise<number> {
  const result = await d1
    .prepare(
      `UPDATE scheduled_task_runs SET finished_at = ?1, ok = 0,
         error = 'Interrupted: the worker stopped before the run finished; it may or may not have happened.'
       WHERE finished_at IS NULL AND started_at < ?2`,
    )
    .bind(now, now - INTERRUPTED_AFTER_MS)
    .run();
  return result.meta.changes;
}
