import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { database } from '../../worker/db/client';
import { type CommandOutcome, recordCommandMetrics } from '../../worker/diagnostics/command-metrics';
import type { Tier } from '../../worker/diagnostics/health';
import { recordSnapshot } from '../../worker/diagnostics/health-history';
import { api, clearDashboard, login } from './dashboard-login';
import { resetEmulator } from './harness';

const db = database(env.DB);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DISCORD_EPOCH = 1_420_070_400_000n;
/** A snowflake made `msAgo` before `at`: the recorded latency is then `msAgo`. */
const snowflakeAt = (at: number, msAgo: number) => ((BigInt(at - msAgo) - DISCORD_EPOCH) << 22n).toString();
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

async function clearDiagnostics() {
  await env.DB.batch(
    ['metric_minutes', 'latency_minutes', 'rest_minutes', 'health_snapshots', 'diagnostic_errors'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

/** A snapshot as the 5-minute cron stores it (which also folds it into its hour's row). */
function snapshot(at: number, tier: Tier, errorRate: number, p99Ms: number | null = 300) {
  return recordSnapshot(db, {
    at,
    tier,
    errorRate,
    processed: 40,
    failed: Math.round((errorRate / 100) * 40),
    p50Ms: p99Ms === null ? null : 100,
    p99Ms,
    pendingMigrations: 0,
    details: { reasons: [], unknown: 0, invalidInput: 0, rest429: 0, rest5xx: 0, shards: null, hookQueue: 0 },
  });
}

async function command(outcome: CommandOutcome, at: number, latencyMs: number) {
  await recordCommandMetrics(db, {
    command: 'ping',
    guildId: DEMO.guildId,
    outcome,
    invocationId: snowflakeAt(at, latencyMs),
    now: at,
    error: 'boom',
  });
}

beforeEach(async () => {
  await resetEmulator();
  await clearDashboard();
  await clearDiagnostics();
});

describe('the owner health view', () => {
  it('is for bot owners only', async () => {
    expect((await api(null, 'GET', '/api/owner/health')).status).toBe(401);
    const alan = await json(await api(await login(DEMO.users.alan), 'GET', '/api/owner/health'));
    expect(alan).toEqual({ status: 403, body: { error: 'Bot owners only.' } });
  });

  it('assesses the tier now from the last hour, with p50/p99 latency, typos excluded', async () => {
    const now = Date.now();
    for (let i = 0; i < 20; i++) await command('ok', now - 10 * MIN, 40);
    await command('failed', now - 5 * MIN, 900);
    await command('failed', now - 5 * MIN, 900);
    for (let i = 0; i < 5; i++) await command('unknown-command', now - 5 * MIN, 10);
    // Two hours ago: outside the window.
    for (let i = 0; i < 10; i++) await command('failed', now - 2 * HOUR, 5000);

    const { status, body } = await json(await api(await login(DEMO.users.olive), 'GET', '/api/owner/health'));
    expect(status).toBe(200);
    expect(body.current).toMatchObject({
      tier: 'degraded',
      errorRate: 9.09,
      processed: 22,
      failed: 2,
      unknown: 5,
      invalidInput: 0,
      p50Ms: 50,
      p99Ms: 1000,
      pendingMigrations: [],
      shards: null,
      hookQueue: 0,
      deadLetters: 0,
      metricsRecorded: true,
    });
    expect(body.current.window.minutes).toBe(60);
    expect(body.current.window.toMs - body.current.window.fromMs).toBeLessThanOrEqual(HOUR);
    expect(body.current.reasons).toEqual(['error rate 9.09% over the last hour (2 of 22 commands failed)']);
    expect(body.limits).toEqual({
      degradedErrorRate: 5,
      criticalErrorRate: 10,
      minCommandsForCritical: 10,
      latencyCeilingMs: 15_000,
    });
    expect(body.history.recent.points).toEqual([]);
    expect(body.history.hourly.points).toEqual([]);
  });

  it('charts the 5-minute snapshots of the last 4 hours and the hourly rows of 7 days, oldest first', async () => {
    const now = Date.now();
    // Hourly rows: one 8 days ago (past the retention), one 6 days ago, a critical one 3 days ago.
    await snapshot(now - 8 * DAY, 'critical', 50);
    await snapshot(now - 6 * DAY, 'healthy', 1);
    await snapshot(now - 3 * DAY, 'critical', 20, 5000);
    // 50 five-minute snapshots up to a minute ago; the ring keeps 48, one critical and one degraded.
    const last = now - MIN;
    for (let k = 49; k >= 0; k--) {
      const tier = k === 10 ? 'critical' : k === 11 ? 'degraded' : 'healthy';
      const rate = k === 10 ? 12.5 : k === 11 ? 6 : 0;
      await snapshot(last - k * 5 * MIN, tier, rate, k === 10 ? 2000 : k === 0 ? null : 300);
    }

    const olive = await login(DEMO.users.olive);
    const { body } = await json(await api(olive, 'GET', '/api/owner/health'));
    const recent = body.history.recent;
    expect(recent.resolution).toBe('5m');
    expect(recent.toMs - recent.fromMs).toBe(4 * HOUR);
    expect(recent.points).toHaveLength(48);
    expect(recent.points[0].at).toBe(last - 47 * 5 * MIN);
    expect(recent.points.at(-1)).toEqual({
      at: last,
      tier: 'healthy',
      errorRate: 0,
      processed: 40,
      failed: 0,
      p50Ms: null,
      p99Ms: null,
    });
    expect(recent.points.find((p: any) => p.at === last - 10 * 5 * MIN)).toMatchObject({
      tier: 'critical',
      errorRate: 12.5,
      failed: 5,
      p50Ms: 100,
      p99Ms: 2000,
    });
    const times = recent.points.map((p: any) => p.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const hourly = body.history.hourly;
    expect(hourly.resolution).toBe('1h');
    expect(hourly.toMs - hourly.fromMs).toBe(7 * DAY);
    expect(hourly.points.every((p: any) => p.at % HOUR === 0 && p.at > now - 7 * DAY - HOUR)).toBe(true);
    expect(hourly.points[0]).toMatchObject({ tier: 'healthy', errorRate: 1 });
    expect(hourly.points[1]).toMatchObject({ tier: 'critical', errorRate: 20, p99Ms: 5000 });
    // The last 4 hours of snapshots (4 h 5 min) fold into 5 or 6 hourly rows, each the worst of its hour.
    const lately = hourly.points.slice(2);
    expect(lately.length).toBeGreaterThanOrEqual(5);
    expect(lately.length).toBeLessThanOrEqual(6);
    expect(lately.filter((p: any) => p.tier === 'critical')).toHaveLength(1);
    expect(lately.find((p: any) => p.tier === 'critical')).toMatchObject({ errorRate: 12.5 });
  });

  it('returns one history when asked, and refuses an unknown range', async () => {
    const now = Date.now();
    await snapshot(now - 2 * DAY, 'degraded', 7);
    await snapshot(now - 10 * MIN, 'healthy', 0);
    const olive = await login(DEMO.users.olive);

    const recent = (await json(await api(olive, 'GET', '/api/owner/health?range=4h'))).body;
    expect(recent.history.hourly).toBeNull();
    expect(recent.history.recent.points.map((p: any) => p.at)).toEqual([now - 10 * MIN]);

    const week = (await json(await api(olive, 'GET', '/api/owner/health?range=7d'))).body;
    expect(week.history.recent).toBeNull();
    expect(week.history.hourly.points.map((p: any) => p.tier)).toEqual(['degraded', 'healthy']);

    const bad = await json(await api(olive, 'GET', '/api/owner/health?range=1y'));
    expect(bad).toEqual({
      status: 400,
      body: { error: 'Check the highlighted fields.', fields: { range: 'must be 4h, 7d or all' } },
    });
  });
});
