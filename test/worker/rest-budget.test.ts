import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { Routes } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import {
  budgetState,
  checkRestBudget,
  countInvalidRequests,
  isInvalid,
  reportBlock,
} from '../../worker/discord/invalid-request-budget';
import { createRest } from '../../worker/services';
import { emulator } from './harness';
import {
  cleanRestoreState,
  demoBackup,
  openPreview,
  pressRestore,
  waitForMessageTitle,
} from './restore-helpers';

const budgetStub = () => env.REST_BUDGET.get(env.REST_BUDGET.idFromName('deployment'));

async function clearBudget() {
  await runInDurableObject(budgetStub(), async (instance, state) => {
    await state.storage.deleteAll();
    (instance as unknown as { minutes: null; blockedUntil: number }).minutes = null;
    (instance as unknown as { blockedUntil: number }).blockedUntil = 0;
  });
}

describe('what counts as an invalid request', () => {
  it('is 401, 403 and a 429 that is not on a shared bucket', () => {
    expect([401, 403, 429, 404, 400, 500].map((s) => isInvalid(s, null))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(isInvalid(429, 'shared')).toBe(false);
    expect(isInvalid(429, 'user')).toBe(true);
  });

  it('waits for the oldest minute to leave the window once the budget is spent', () => {
    const now = 10 * 60_000 + 30_000;
    const spent = budgetState({
      invalid: 120,
      limit: 100,
      now,
      blockedUntil: 0,
      blockReason: null,
      oldestMinute: 5,
    });
    expect(spent.ok).toBe(false);
    expect(spent.retryInMs).toBe(6 * 60_000 + 10 * 60_000 - now);
    expect(spent.reason).toContain('budget of 100');
    const fine = budgetState({
      invalid: 99,
      limit: 100,
      now,
      blockedUntil: 0,
      blockReason: null,
      oldestMinute: 5,
    });
    expect(fine).toMatchObject({ ok: true, retryInMs: 0 });
  });
});

describe('the deployment-wide budget', () => {
  beforeEach(clearBudget);
  afterEach(clearBudget);

  it('counts the invalid requests a client makes, and sums reports from every isolate', async () => {
    // A client drops its token after a 401, so each isolate here makes one such request.
    const isolates = [1, 2].map(() =>
      createRest({ apiBase: env.DISCORD_API_BASE!, token: 'not-the-token' }, 'no-retry'),
    );
    const counts: number[] = [];
    for (const rest of isolates) {
      const counter = countInvalidRequests(rest);
      await expect(rest.get(Routes.user('@me'))).rejects.toThrow();
      await expect(rest.get(Routes.guild(DEMO.guildId))).rejects.toThrow();
      counts.push(counter.take(), counter.take());
    }
    expect(counts).toEqual([1, 0, 1, 0]);
    expect((await checkRestBudget(env, 5, 2)).ok).toBe(true);
    const state = await checkRestBudget(env, 5, 3);
    expect(state).toMatchObject({ invalid: 5, ok: false });
  });

  it('a Cloudflare-level block seen by one job holds every job', async () => {
    await reportBlock(env, 60_000, 'Cloudflare refused a request (HTTP 403)');
    const state = await checkRestBudget(env, 1000);
    expect(state.ok).toBe(false);
    expect(state.reason).toBe('Cloudflare refused a request (HTTP 403)');
    expect(state.retryInMs).toBeGreaterThan(50_000);
  });
});

describe('a restore and the budget', () => {
  beforeEach(async () => {
    await cleanRestoreState();
    await clearBudget();
  });
  afterEach(clearBudget);

  it('pauses with the reason shown while the budget is spent, then finishes once it clears', async () => {
    const backup = await demoBackup('budget');
    await emulator(`/guilds/${DEMO.guildId}/roles/${DEMO.roles.moderator}`, { method: 'DELETE' });
    const preview = await openPreview(backup.id, 'add');
    await checkRestBudget(env, 1000, 1000);
    await pressRestore(preview);
    const deadline = Date.now() + 20_000;
    let job: { status: string; reason: string | null } | null = null;
    while (Date.now() < deadline) {
      job = await env.DB.prepare('SELECT status, status_reason AS reason FROM restore_jobs').first();
      if (job?.status === 'paused') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.status).toBe('paused');
    expect(job?.reason).toContain('invalid Discord requests');
    const log = await emulator<any[]>('/log');
    expect(
      log.filter((e) => e.method === 'POST' && e.path.endsWith(`/guilds/${DEMO.guildId}/roles`)),
    ).toEqual([]);
    await clearBudget();
    await runDurableObjectAlarm(env.RESTORE_RUNNER.get(env.RESTORE_RUNNER.idFromName(DEMO.guildId)));
    expect(await waitForMessageTitle(preview.id, /Restore finished/)).toBe('✅ Restore finished');
  });
});
