import type { Config } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import { createRest } from '../services';
import { taskExtensions } from './extension-source';
import { recordInterruptedRuns } from './run-claim';
import { type RunSummary, runDueTasks } from './runner';
import { taskTypeSources } from './task-types';

/** The cron trigger that runs scheduled tasks (wrangler.toml `[triggers]`). */
export const TASK_CRON = '* * * * *';

/**
 * Every minute: runs the due scheduled tasks. REST calls are never retried on their own (a 5xx may hide a
 * message that was posted; a retry could post it twice): the run is recorded as failed instead.
 */
export async function runScheduledTasks(env: Env, config: Config, now = Date.now()): Promise<RunSummary> {
  await recordInterruptedRuns(env.DB, now);
  const summary = await runDueTasks(
    { env, config, db: database(env.DB), rest: createRest(config, 'no-retry') },
    { now, sources: taskTypeSources(await taskExtensions()) },
  );
  if (summary.failed || summary.paused) console.warn('Edgeward: scheduled tasks:', summary);
  return summary;
}
