/**
 * The restore calls (docs/dashboard-api.md, "Restore"): the dry run, starting a job (a 409 names the job that
 * already runs), reading and cancelling a job, and following one until it ends. (`…/restores/active` is
 * read by views/restore-area.ts, so that this module is only loaded with the restore views.)
 */

import { ApiError, api, guildPath } from './api';
import type { RestoreJob, RestoreOptions, RestorePlan } from './types';

const backupPath = (guildId: string, backupId: string, rest: string) =>
  guildPath(guildId, `/backups/${encodeURIComponent(backupId)}/restore${rest}`);
const jobPath = (guildId: string, jobId: string, rest = '') =>
  guildPath(guildId, `/restores/${encodeURIComponent(jobId)}${rest}`);

export const ENDED: RestoreJob['status'][] = ['done', 'failed', 'cancelled'];

export function previewRestore(guildId: string, backupId: string, options: RestoreOptions) {
  return api.post<RestorePlan>(backupPath(guildId, backupId, '/preview'), options);
}

/** Starts a restore: `{ jobId }`, or `{ jobId, running: true }` when another one is already running. */
export async function startRestore(
  guildId: string,
  backupId: string,
  options: RestoreOptions,
): Promise<{ jobId: string; running: boolean }> {
  try {
    const { jobId } = await api.post<{ jobId: string }>(backupPath(guildId, backupId, ''), options);
    return { jobId, running: false };
  } catch (error) {
    const jobId = error instanceof ApiError && error.status === 409 ? error.body.jobId : null;
    if (typeof jobId === 'string' && jobId) return { jobId, running: true };
    throw error;
  }
}

export const getRestore = (guildId: string, jobId: string) => api.get<RestoreJob>(jobPath(guildId, jobId));
export const cancelRestore = (guildId: string, jobId: string) =>
  api.post<RestoreJob>(jobPath(guildId, jobId, '/cancel'));

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/**
 * Reads the job about every second while it runs (less often while paused or when the page is hidden) until
 * it ends or `alive()` turns false. A lost connection or a 5xx is retried with a growing pause (`onRetry`
 * says so); 401, 403 and 404 end the loop by throwing.
 */
export async function followRestore(
  guildId: string,
  jobId: string,
  onJob: (job: RestoreJob) => void,
  alive: () => boolean,
  onRetry: (error: unknown) => void,
): Promise<RestoreJob | null> {
  let failures = 0;
  while (alive()) {
    let job: RestoreJob;
    try {
      job = await getRestore(guildId, jobId);
      failures = 0;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429)
        throw error;
      failures += 1;
      onRetry(error);
      await sleep(Math.min(1000 * 2 ** failures, 15_000));
      continue;
    }
    if (!alive()) return null;
    onJob(job);
    if (ENDED.includes(job.status)) return job;
    await sleep(document.hidden ? 5000 : job.status === 'paused' ? 3000 : 1000);
  }
  return null;
}
