import type { ExtensionDefinition } from '../extensions/extension';
import { isExtensionEnabled } from '../extensions/guild-extensions';
import type { TaskContext, TaskInfo } from '../extensions/task-context';
import { nextRunTime } from './cron';
import { schedulerExtension } from './extension';
import { claimRun, dueTasks, finishRun, pauseDue, type RunOutcome, skipRun } from './run-claim';
import { classifyFailure } from './task-failure';
import type { TaskRow } from './task-store';
import type { TaskTypeSource } from './task-types';

export interface RunnerOptions {
  /** The trigger's clock (UTC ms). */
  now: number;
  /** Every task type that can run: the built-in ones and the extensions'. */
  sources: readonly TaskTypeSource[];
  /** Due tasks handled per trigger; the rest are still due on the next one. */
  limit?: number;
  /** Runs in flight at once. */
  concurrency?: number;
  /** A run taking longer than this is recorded as failed. */
  runTimeoutMs?: number;
}

export interface RunSummary {
  /** Claimed and succeeded. */
  ran: number;
  /** Claimed and failed (including the ones paused because of it). */
  failed: number;
  /** Paused instead of (or after) running: gone channel, missing permission, unknown task type. */
  paused: number;
  /** Moved on without running: the extension is off in that server. */
  skipped: number;
  /** Claimed by a concurrent trigger first (or changed meanwhile): not run here. */
  lost: number;
}

const DEFAULT_LIMIT = 50;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_RUN_TIMEOUT_MS = 30_000;

async function withTimeout(work: Promise<void> | void, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The run took longer than ${ms / 1000} s.`)), ms);
  });
  try {
    await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One pass of the scheduler: every due task is claimed (see run-claim.ts) and run at most once, its outcome
 * recorded. A failing task never stops the others or its own later runs.
 */
export async function runDueTasks(ctx: TaskContext, options: RunnerOptions): Promise<RunSummary> {
  const { now } = options;
  const summary: RunSummary = { ran: 0, failed: 0, paused: 0, skipped: 0, lost: 0 };
  const byName = new Map(options.sources.map((source) => [source.handler.name, source]));
  const enabledCache = new Map<string, Promise<boolean>>();
  const enabledIn = (guildId: string, extension: ExtensionDefinition) => {
    const key = `${guildId}/${extension.manifest.name}`;
    let cached = enabledCache.get(key);
    if (!cached) {
      cached = isExtensionEnabled(ctx.db, guildId, extension);
      enabledCache.set(key, cached);
    }
    return cached;
  };

  async function handle(task: TaskRow): Promise<void> {
    const due = task.nextRunAt as number;
    const source = byName.get(task.taskType);
    if (!source) {
      const reason = `The task type \`${task.taskType}\` is no longer available (its extension was removed).`;
      if (await pauseDue(ctx.env.DB, task.id, due, reason)) summary.paused++;
      return;
    }
    let next: number | null;
    try {
      next = nextRunTime({ cron: task.cron, timezone: task.timezone }, Math.max(now, due));
    } catch (error) {
      const reason = `The stored schedule \`${task.cron}\` (${task.timezone}) cannot be evaluated: ${String(error).slice(0, 200)}`;
      if (await pauseDue(ctx.env.DB, task.id, due, reason)) summary.paused++;
      return;
    }
    const enabled =
      (await enabledIn(task.guildId, schedulerExtension)) &&
      (await enabledIn(task.guildId, source.extension));
    if (!enabled) {
      if (await skipRun(ctx.env.DB, task.id, due, next)) summary.skipped++;
      return;
    }
    if (!(await claimRun(ctx.env.DB, task.id, due, next, now))) {
      summary.lost++;
      return;
    }
    const info: TaskInfo = {
      id: task.id,
      guildId: task.guildId,
      name: task.name,
      taskType: task.taskType,
      channelId: task.channelId,
      content: task.content,
      scheduledFor: due,
      runNumber: task.runCount + 1,
    };
    let outcome: RunOutcome;
    try {
      await withTimeout(source.handler.run(ctx, info), options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS);
      outcome = { ok: true };
      summary.ran++;
    } catch (error) {
      const failure = classifyFailure(error, task.channelId);
      outcome = { ok: false, error: failure.error, pauseReason: failure.pause ? failure.reason : null };
      summary.failed++;
      if (failure.pause) summary.paused++;
    }
    await finishRun(ctx.env.DB, task.id, due, Date.now(), outcome);
  }

  const queue = await dueTasks(ctx.db, now, options.limit ?? DEFAULT_LIMIT);
  const workers = Array.from(
    { length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) },
    async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        try {
          await handle(task);
        } catch (error) {
          // Storage trouble for one task must not stop the others; its run (if claimed) is recovered later.
          console.error(`Edgeward: scheduled task ${task.id} could not be handled:`, error);
        }
      }
    },
  );
  await Promise.all(workers);
  return summary;
}
