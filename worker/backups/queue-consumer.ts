import { loadConfig } from '../config';
import { checkRestBudget } from '../discord/invalid-request-budget';
import type { Env } from '../env';
import {
  type BackupQueueMessage,
  GuildBusyError,
  reportJobFailure,
  runBackupJob,
  SkippedForRestore,
  StorageFullError,
} from './backup-job';
import { reportFileTaskFailure, runFileTask } from './file-task';

/** Attempts per message: the first delivery plus `max_retries` (wrangler.toml). */
export const MAX_ATTEMPTS = 4;

/** The queue consumer: one backup job per message, retried with backoff, reported when it gives up. */
export async function consumeBackupJobs(batch: MessageBatch<BackupQueueMessage>, env: Env): Promise<void> {
  const loaded = loadConfig(env);
  const budget = loaded.ok
    ? await checkRestBudget(env, loaded.config.restInvalidBudget).catch(() => null)
    : null;
  for (const message of batch.messages) {
    const body = message.body;
    if (budget && !budget.ok) {
      // Near Discord's invalid-request ceiling (or blocked by Cloudflare): the job waits, as a fresh
      // message so the wait does not use up its retries.
      await env.BACKUP_QUEUE.send(body, {
        delaySeconds: Math.min(43_200, Math.ceil(budget.retryInMs / 1000)),
      });
      message.ack();
      continue;
    }
    if (body.kind === 'export' || body.kind === 'import') {
      try {
        await runFileTask(env, body);
        message.ack();
      } catch (error) {
        console.error(`Edgeward: ${body.kind} ${body.jobId} attempt ${message.attempts} failed:`, error);
        if (message.attempts >= MAX_ATTEMPTS) await reportFileTaskFailure(env, body).catch(() => {});
        message.retry({ delaySeconds: 5 * 4 ** (message.attempts - 1) });
      }
      continue;
    }
    try {
      await runBackupJob(env, body);
      message.ack();
    } catch (error) {
      console.error(`Edgeward: backup job ${body.jobId} attempt ${message.attempts} failed:`, error);
      if (error instanceof SkippedForRestore) {
        message.ack();
      } else if (error instanceof StorageFullError) {
        await reportJobFailure(env, body, error);
        message.ack();
      } else if (message.attempts >= MAX_ATTEMPTS) {
        await reportJobFailure(env, body, error);
        message.retry(); // past max_retries: goes to the dead-letter queue
      } else {
        const delaySeconds = error instanceof GuildBusyError ? 30 : 5 * 4 ** (message.attempts - 1);
        message.retry({ delaySeconds });
      }
    }
  }
}
