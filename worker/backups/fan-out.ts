import type { Env } from '../env';
import type { BackupJobMessage } from './backup-job';
import { defaultLabel } from './format';
import { claimDueSchedules, releaseClaims } from './schedule-store';

const CLAIM_PAGE = 1000;
const MAX_PAGES_PER_RUN = 20;
const SEND_BATCH = 100;

/**
 * Cron: every due guild becomes one queue message (the consumer captures it, with retries and a
 * dead-letter queue). Claiming and enqueueing are paged, so 10,000 due guilds take a few seconds here and
 * the captures spread over the queue's consumers.
 */
export async function fanOutDueBackups(env: Env, botUserId: string, nowMs = Date.now()): Promise<number> {
  let enqueued = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const due = await claimDueSchedules(env.DB, CLAIM_PAGE, nowMs);
    if (due.length === 0) break;
    const label = defaultLabel('auto', new Date(nowMs));
    const messages: { body: BackupJobMessage }[] = due.map((d) => ({
      body: { jobId: crypto.randomUUID(), kind: 'auto', guildId: d.guild_id, authorId: botUserId, label },
    }));
    for (let i = 0; i < messages.length; i += SEND_BATCH) {
      try {
        await env.BACKUP_QUEUE.sendBatch(messages.slice(i, i + SEND_BATCH));
      } catch (error) {
        // Not queued: make those guilds due again, so the next run picks them up.
        const unsent = due.slice(i).map((d) => d.guild_id);
        await releaseClaims(env.DB, unsent, nowMs);
        console.error(`Edgeward: could not queue ${unsent.length} auto-backups:`, error);
        return enqueued + i;
      }
    }
    enqueued += due.length;
    if (due.length < CLAIM_PAGE) break;
  }
  return enqueued;
}
