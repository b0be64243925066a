import { env } from 'cloudflare:test';
import { REST } from '@discordjs/rest';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import {
  recordCommandMetrics,
  snowflakeTime,
  useDiagnosticsConfig,
} from '../../worker/diagnostics/command-metrics';
import { latencyBucket, percentileFromBuckets } from '../../worker/diagnostics/latency-buckets';
import { readMetricsWindow } from '../../worker/diagnostics/metrics-window';
import { readRecentErrors } from '../../worker/diagnostics/recent-errors';
import { errorLine, redactSecrets } from '../../worker/diagnostics/redact';
import { routeLabel, watchRestResponses } from '../../worker/diagnostics/rest-metrics';
import { recordCommandUse } from '../../worker/framework/stats';

const db = database(env.DB);
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const MIN = 60_000;
const DISCORD_EPOCH = 1_420_070_400_000n;
/** A snowflake made `msAgo` before `at`. */
const snowflakeAt = (at: number, msAgo: number) => ((BigInt(at - msAgo) - DISCORD_EPOCH) << 22n).toString();

async function clear() {
  await env.DB.batch(
    ['metric_minutes', 'latency_minutes', 'rest_minutes', 'diagnostic_errors', 'command_stats'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
}

function record(outcome: 'ok' | 'failed' | 'invalid-input' | 'unknown-command', at: number, extra = {}) {
  return recordCommandMetrics(db, {
    command: 'ping',
    guildId: '1300000000000000100',
    outcome,
    now: at,
    ...extra,
  });
}

describe('command outcomes and the error-rate window', () => {
  beforeEach(clear);

  it('counts typos and invalid input apart: they never move the error rate', async () => {
    for (let i = 0; i < 18; i++) await record('ok', NOW - 5 * MIN);
    await record('failed', NOW - 4 * MIN, { error: new Error('boom') });
    await record('failed', NOW - 3 * MIN, { error: new Error('boom') });
    for (let i = 0; i < 30; i++) await record('unknown-command', NOW - 2 * MIN);
    for (let i = 0; i < 7; i++) await record('invalid-input', NOW - MIN);
    const window = await readMetricsWindow(db, NOW);
    expect(window).toMatchObject({ processed: 20, failed: 2, unknown: 30, invalidInput: 7, errorRate: 10 });
  });

  it('reads only the last hour: older minutes fall out of the window', async () => {
    await record('failed', NOW - 61 * MIN);
    await record('failed', NOW - 90 * MIN);
    await record('ok', NOW - 59 * MIN);
    await record('failed', NOW - 30 * MIN);
    const window = await readMetricsWindow(db, NOW);
    expect(window).toMatchObject({ processed: 2, failed: 1, errorRate: 50 });
    // An hour ending 30 minutes ago: 90 minutes ago is just outside, 61 minutes ago inside.
    const earlier = await readMetricsWindow(db, NOW - 30 * MIN);
    expect(earlier).toMatchObject({ processed: 3, failed: 2 });
  });

  it('reports 0 % when nothing ran', async () => {
    await record('unknown-command', NOW);
    expect(await readMetricsWindow(db, NOW)).toMatchObject({ processed: 0, errorRate: 0 });
  });

  it('unknown command names share one row, never one per typo', async () => {
    await recordCommandUse(db, 'halp', null, 'unknown-command');
    await recordCommandUse(db, 'hepl', null, 'unknown-command');
    const rows = await env.DB.prepare('SELECT command, unknown FROM metric_minutes').all();
    expect(rows.results).toEqual([{ command: '*unknown*', unknown: 2 }]);
    const stats = await env.DB.prepare('SELECT count(*) AS n FROM command_stats').first<{ n: number }>();
    expect(stats?.n).toBe(0);
  });

  it('keeps the boolean form of recordCommandUse: true is a failure, false a success', async () => {
    await recordCommandUse(db, 'stats', '1300000000000000100', false);
    await recordCommandUse(db, 'stats', '1300000000000000100', true);
    const window = await readMetricsWindow(db);
    expect(window).toMatchObject({ processed: 2, failed: 1 });
    const stats = await env.DB.prepare('SELECT uses, errors FROM command_stats').first();
    expect(stats).toEqual({ uses: 2, errors: 1 });
  });
});

describe('interaction latency', () => {
  beforeEach(clear);

  it('reads the time the user acted from the snowflake', () => {
    expect(snowflakeTime(snowflakeAt(NOW, 250))).toBe(NOW - 250);
    expect(snowflakeTime('not-an-id')).toBeNull();
  });

  it('gives p50 and p99 from the per-minute histograms', async () => {
    for (let i = 0; i < 98; i++) await record('ok', NOW, { invocationId: snowflakeAt(NOW, 40) });
    await record('ok', NOW, { invocationId: snowflakeAt(NOW, 900) });
    await record('failed', NOW, { invocationId: snowflakeAt(NOW, 4000) });
    const window = await readMetricsWindow(db, NOW);
    expect(window.p50Ms).toBe(50);
    expect(window.p99Ms).toBe(1000);
  });

  it('measures nothing for answers without an id, and no latency for typos', async () => {
    await record('ok', NOW);
    await record('unknown-command', NOW, { invocationId: snowflakeAt(NOW, 10) });
    expect((await readMetricsWindow(db, NOW)).p50Ms).toBeNull();
  });

  it('places latencies in buckets and reads percentiles as bucket bounds', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(5)).toBe(0);
    expect(latencyBucket(6)).toBe(1);
    expect(latencyBucket(1_000_000)).toBe(20);
    const histogram = new Map([
      [latencyBucket(8), 50],
      [latencyBucket(120), 49],
      [latencyBucket(20_000), 1],
    ]);
    expect(percentileFromBuckets(histogram, 50)).toBe(10);
    expect(percentileFromBuckets(histogram, 99)).toBe(150);
    expect(percentileFromBuckets(histogram, 100)).toBe(30_000);
    expect(percentileFromBuckets(new Map(), 50)).toBeNull();
  });
});

describe('error lines', () => {
  beforeEach(clear);

  it('keeps one redacted line per failure, never the stack, newest first, at most 50', async () => {
    const token = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
    const error = new Error(`Discord said no to Bot ${token}\n    at handler (worker.js:1:1)`);
    await record('failed', NOW - 1000, { error });
    const [line] = await readRecentErrors(db, 1);
    expect(line?.message).not.toContain(token);
    expect(line?.message).not.toContain('at handler');
    expect(line?.message).toContain('Discord said no');
    for (let i = 0; i < 55; i++) await record('failed', NOW + i, { error: new Error(`failure ${i}`) });
    const all = await readRecentErrors(db, 100);
    expect(all).toHaveLength(50);
    expect(all[0]?.message).toBe('failure 54');
  });

  it('only shows one guild its own errors when asked for a guild', async () => {
    await recordCommandMetrics(db, {
      command: 'a',
      guildId: '1300000000000000100',
      outcome: 'failed',
      error: 'x',
    });
    await recordCommandMetrics(db, {
      command: 'b',
      guildId: '1300000000000000200',
      outcome: 'failed',
      error: 'y',
    });
    const mine = await readRecentErrors(db, 10, '1300000000000000100');
    expect(mine.map((e) => e.command)).toEqual(['a']);
  });

  it('redacts tokens, key=value secrets, long hex and the known secret values', () => {
    const text = redactSecrets(
      'password=hunter2hunter2 key deadbeef'.concat('0'.repeat(40), ' my-own-secret-value'),
      ['my-own-secret-value'],
    );
    expect(text).not.toMatch(/hunter2|0{40}|my-own-secret-value/);
    expect(redactSecrets('guild 1300000000000000100')).toBe('guild 1300000000000000100');
    expect(errorLine(new TypeError('bad\nsecond line'))).toBe('TypeError: bad');
  });
});

describe('the metrics switch (DIAGNOSTICS_METRICS)', () => {
  beforeEach(clear);

  it('records nothing when turned off, and again when turned back on', async () => {
    const configWith = (value: string) => {
      const loaded = loadConfig({ ...env, DIAGNOSTICS_METRICS: value });
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
      return loaded.config;
    };
    try {
      useDiagnosticsConfig(db, configWith('false'));
      await recordCommandUse(db, 'x', null, true);
      await recordCommandMetrics(db, { command: 'x', guildId: null, outcome: 'failed', now: NOW });
      expect((await readMetricsWindow(db, NOW)).failed).toBe(0);
    } finally {
      useDiagnosticsConfig(db, configWith('true'));
    }
    await recordCommandMetrics(db, { command: 'x', guildId: null, outcome: 'failed', now: NOW });
    expect((await readMetricsWindow(db, NOW)).failed).toBe(1);
  });
});

describe('Discord REST 429s and 5xx by route', () => {
  beforeEach(clear);

  it('totals 429s and 5xx over every route, beyond the 20 routes it lists', async () => {
    const minute = Math.floor(Date.now() / 60_000);
    await env.DB.batch(
      Array.from({ length: 30 }, (_, i) =>
        env.DB.prepare('INSERT INTO rest_minutes (minute, route, status, count) VALUES (?, ?, ?, 1)').bind(
          minute,
          `GET /route${i}`,
          i % 3 === 0 ? 429 : 502,
        ),
      ),
    );
    const window = await readMetricsWindow(db);
    expect(window.rest).toHaveLength(20);
    expect(window.restTotals).toEqual({ rate429: 10, server5xx: 20 });
  });

  it('counts 429 and 5xx answers per route, ignores the rest, never keeps a webhook token', async () => {
    const statuses = [429, 503, 200, 404, 500];
    let i = 0;
    const rest = new REST({
      api: 'https://discord.test/api',
      retries: 0,
      hashSweepInterval: 0,
      handlerSweepInterval: 0,
      rejectOnRateLimit: () => true,
      makeRequest: async () =>
        new Response('{}', {
          status: statuses[i++] ?? 200,
          headers: { 'content-type': 'application/json', 'retry-after': '0', 'x-ratelimit-scope': 'user' },
        }) as never,
    }).setToken('t');
    const pending: Promise<unknown>[] = [];
    watchRestResponses(rest, db, (p) => pending.push(p));
    for (let n = 0; n < statuses.length; n++) {
      await rest.get('/channels/1300000000000000121/messages').catch(() => {});
    }
    await Promise.all(pending);
    const window = await readMetricsWindow(db);
    expect(window.rest).toEqual(
      expect.arrayContaining([
        { route: 'GET /channels/:id/messages', status: 429, count: 1 },
        { route: 'GET /channels/:id/messages', status: 500, count: 2 },
      ]),
    );
    expect(window.restTotals).toEqual({ rate429: 1, server5xx: 2 });
    expect(
      routeLabel(
        'patch',
        '/webhooks/:id/aVeryLongInteractionTokenThatMustNeverBeStored123/messages/@original',
      ),
    ).toBe('PATCH /webhooks/:id/:token/messages/@original');
  });
});
