/**
 * Follows a backup job (`GET /api/guilds/:id/backups/jobs/:jobId`) until it is done or failed: every
 * second at first, then less often, for at most five minutes, or until `alive()` turns false (the page
 * was left).
 */

import { api, guildPath } from './api';
import type { BackupJob } from './types';

const LIMIT_MS = 5 * 60_000;

export async function waitForJob(
  guildId: string,
  jobId: string,
  onStatus: (job: BackupJob) => void,
  alive: () => boolean,
): Promise<BackupJob | null> {
  const path = guildPath(guildId, `/backups/jobs/${encodeURIComponent(jobId)}`);
  const started = Date.now();
  let delay = 1000;
  while (alive()) {
    const job = await api.get<BackupJob>(path);
    onStatus(job);
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() - started > LIMIT_MS)
      throw new Error('The backup is taking longer than usual. Refresh later.');
    await new Promise((resolve) => window.setTimeout(resolve, delay));
    delay = Math.min(delay * 1.5, 4000);
  }
  return null;
}
