import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../worker/env';
import { runRestoreSlice } from '../worker/restore/runner';

/**
 * Drives one guild's restore with alarms: each alarm works for a while (a slice), then sets the next.
 * All state is in D1, so an eviction, a restart or a deploy only delays the next slice.
 */
export class RestoreRunner extends DurableObject<Env> {
  async start(jobId: string): Promise<void> {
    await this.ctx.storage.put('jobId', jobId);
    await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    const jobId = await this.ctx.storage.get<string>('jobId');
    if (!jobId) return;
    let result: Awaited<ReturnType<typeof runRestoreSlice>>;
    try {
      result = await runRestoreSlice(this.env, jobId);
    } catch (error) {
      console.error(`Edgeward: restore ${jobId} slice failed, retrying in 30 s:`, error);
      await this.ctx.storage.setAlarm(Date.now() + 30_000);
      return;
    }
    if (result.status === 'more') await this.ctx.storage.setAlarm(Date.now());
    else if (result.status === 'paused') await this.ctx.storage.setAlarm(Date.now() + result.retryInMs);
    else await this.ctx.storage.delete('jobId');
  }
}
