import type { Env } from '../env';
import {
  type BackupJobMessage,
  GuildBusyError,
  reportJobFailure,
  runBackupJob,
  SkippedForRestore,
  StorageFullError,
} from './backup-job';

/** Attempts per message: the first delivery plus `max_retries` (wrangler.toml). */
export const MAX_ATTEMPTS = 4;

/** The queue consumer: one backup job per message, retried with backoff, reported when it gives up. */
export async function consumeBackupJobs(batch: MessageBatch<BackupJobMessage>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    try {
      await runBackupJob(env, message.body);
      message.ack();
    } catch (error) {
      console.error(`Edgeward: backup job ${message.body.jobId} attempt ${message.attempts} failed:`, error);
      if (error instanceof SkippedForRestore) {
        message.ack();
      } else if (error instanceof StorageFullError) {
        await reportJobFailure(env, message.body, error);
        message.ack();
      } else if (message.attempts >= MAX_ATTEMPTS) {
        await reportJobFailure(env, message.body, error);
        message.retry(); // past max_retries: goes to the dead-letter queue
      } else {
        const delaySeconds = error instanceof GuildBusyError ? 30 : 5 * 4 ** (message.attempts - 1);
        message.retry({ delaySeconds });
      }
    }
  }
}
