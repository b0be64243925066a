import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';

describe('cron housekeeping', () => {
  it('purges expired cooldowns and day-old interaction receipts, keeping current ones', async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM cooldowns'),
      env.DB.prepare('DELETE FROM interaction_receipts'),
      env.DB.prepare('INSERT INTO cooldowns VALUES (?, ?, 1, ?)').bind('old', now - 60_000, now - 1),
      env.DB.prepare('INSERT INTO cooldowns VALUES (?, ?, 1, ?)').bind('live', now, now + 60_000),
      env.DB.prepare('INSERT INTO interaction_receipts VALUES (?, ?)').bind('old', now - 25 * 3600_000),
      env.DB.prepare('INSERT INTO interaction_receipts VALUES (?, ?)').bind('new', now - 3600_000),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: '17 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const cooldowns = await env.DB.prepare('SELECT bucket FROM cooldowns').all<{ bucket: string }>();
    const receipts = await env.DB.prepare('SELECT interaction_id FROM interaction_receipts').all<{
      interaction_id: string;
    }>();
    expect(cooldowns.results.map((r) => r.bucket)).toEqual(['live']);
    expect(receipts.results.map((r) => r.interaction_id)).toEqual(['new']);
  });
});
