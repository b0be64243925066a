import type { Env } from './env';
import { purgeExpiredCooldowns } from './framework/cooldown-store';
import { purgeOldReceipts } from './framework/idempotency';

const RECEIPT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Cron: housekeeping of short-lived rows. Later capabilities add their own jobs here. */
export async function runScheduled(env: Env): Promise<void> {
  await Promise.all([purgeExpiredCooldowns(env.DB), purgeOldReceipts(env.DB, RECEIPT_RETENTION_MS)]);
}
