import { env } from 'cloudflare:test';
import type { APIEmbed } from 'discord-api-types/v10';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { MIGRATION_NAMES } from '../../worker/db/migration-names';
import { ALERT_MIN_INTERVAL_MS, decideAlert } from '../../worker/diagnostics/alert-policy';
import { recordCommandMetrics } from '../../worker/diagnostics/command-metrics';
import { evaluateHealth } from '../../worker/diagnostics/evaluate';
import {
  assessHealth,
  DEGRADED_AT,
  errorRateTier,
  type HealthSignals,
  HOOK_QUEUE_BACKLOG,
} from '../../worker/diagnostics/health';
import { readHistory } from '../../worker/diagnostics/health-history';
import { migrationStatus } from '../../worker/diagnostics/migrations';
import { setDiagnosticsAlertChannel } from '../../worker/diagnostics/settings';
import { operationalSignals } from '../../worker/diagnostics/signals';
import { emulator, resetEmulator } from './harness';

const db = database(env.DB);
const MIN = 60_000;
const START = Date.UTC(2031, 5, 1, 8, 0, 0);
const loaded = loadConfig(env);
if (!loaded.ok) throw new Error('test config');
const config = loaded.config;

async function clear() {
  await env.DB.batch(
    ['metric_minutes', 'latency_minutes', 'rest_minutes', 'health_snapshots', 'diagnostic_errors'].map((t) =>
      env.DB.prepare(`DELETE FROM ${t}`),
    ),
  );
  await env.DB.prepare("DELETE FROM framework_settings WHERE key LIKE 'diagnostics.%'").run();
}

/** `failed` failures and `ok` successes one minute before `at`. */
async function traffic(at: number, ok: number, failed: number, typos = 0) {
  const outcomes = [
    ...Array<'ok'>(ok).fill('ok'),
    ...Array<'failed'>(failed).fill('failed'),
    ...Array<'unknown-command'>(typos).fill('unknown-command'),
  ];
  for (const outcome of outcomes) {
    await recordCommandMetrics(db, {
      command: 'ping',
      guildId: DEMO.guildId,
      outcome,
      now: at - MIN,
      error: 'x',
    });
  }
}

/** Every signal healthy. */
const QUIET: HealthSignals = {
  errorRate: 0,
  processed: 100,
  failed: 0,
  pendingMigrations: [],
  shards: null,
  hookQueue: 0,
  rest429: 0,
  rest5xx: 0,
  storageErrors: 0,
  failingSchedules: 0,
  stuckBackups: 0,
  failedBackups: 0,
  failedRestores: 0,
};

describe('health tiers', () => {
  it('critical at 10 %, degraded at 5 %, healthy below', () => {
    expect(errorRateTier(10, 100)).toBe('critical');
    expect(errorRateTier(9.99, 100)).toBe('degraded');
    expect(errorRateTier(5, 100)).toBe('degraded');
    expect(errorRateTier(4.99, 100)).toBe('healthy');
  });

  it('a high rate over few commands is at most degraded', () => {
    expect(errorRateTier(50, 2)).toBe('degraded');
  });

  it('pending migrations and down shards degrade, with the reason named', () => {
    const a = assessHealth({
      ...QUIET,
      pendingMigrations: ['0009_next.sql'],
      shards: { total: 4, connected: 3 },
    });
    expect(a.tier).toBe('degraded');
    expect(a.reasons.join('\n')).toContain('0009_next.sql');
    expect(a.reasons.join('\n')).toContain('1 of 4 gateway shard(s) down');
  });

  it('a hook queue backlog degrades from its threshold', () => {
    expect(assessHealth({ ...QUIET, hookQueue: HOOK_QUEUE_BACKLOG - 1 }).tier).toBe('healthy');
    const behind = assessHealth({ ...QUIET, hookQueue: HOOK_QUEUE_BACKLOG });
    expect(behind.tier).toBe('degraded');
    expect(behind.reasons).toEqual([
      `${HOOK_QUEUE_BACKLOG} hook events waiting in the queue (the consumer is not keeping up)`,
    ]);
  });

  it('Discord rate limits and server errors, storage errors, failing backups and failed restores degrade', () => {
    const cases: [Partial<HealthSignals>, string][] = [
      [{ rest429: DEGRADED_AT.rest429 }, 'Discord rate-limited the bot 100 times in the last hour (429)'],
      [{ rest5xx: DEGRADED_AT.rest5xx }, 'Discord answered 20 server errors in the last hour (5xx)'],
      [{ storageErrors: DEGRADED_AT.storageErrors }, '3 D1 or R2 errors in the last hour'],
      [{ failingSchedules: 1 }, '1 auto-backup schedule failing'],
      [{ stuckBackups: 2 }, '2 backup jobs stuck past the deadline'],
      [{ failedBackups: 2 }, '2 backups failed in the last 24 hours'],
      [{ failedRestores: 1 }, '1 restore failed in the last 24 hours'],
    ];
    for (const [signal, reason] of cases) {
      expect(assessHealth({ ...QUIET, ...signal }), reason).toEqual({ tier: 'degraded', reasons: [reason] });
    }
    // Below the thresholds: healthy, nothing said.
    expect(
      assessHealth({
        ...QUIET,
        rest429: DEGRADED_AT.rest429 - 1,
        rest5xx: DEGRADED_AT.rest5xx - 1,
        storageErrors: DEGRADED_AT.storageErrors - 1,
      }),
    ).toEqual({ tier: 'healthy', reasons: [] });
    // Never worse than degraded on their own, however many.
    expect(assessHealth({ ...QUIET, rest429: 10_000, failedRestores: 9 }).tier).toBe('degraded');
  });
});

describe('the alert rate limit', () => {
  const at = START;
  it('announces a worse tier at once, every time', () => {
    expect(decideAlert(null, 'degraded', at)).toMatchObject({ send: true, why: 'worsened' });
    expect(decideAlert({ tier: 'degraded', at }, 'critical', at + 1)).toMatchObject({ send: true });
  });

  it('holds a better tier until 15 minutes after the last alert', () => {
    const state = { tier: 'critical' as const, at };
    expect(decideAlert(state, 'healthy', at + ALERT_MIN_INTERVAL_MS - 1)).toEqual({
      send: false,
      why: 'rate-limited',
    });
    expect(decideAlert(state, 'healthy', at + ALERT_MIN_INTERVAL_MS)).toMatchObject({
      send: true,
      why: 'improved',
    });
  });

  it('says nothing while the tier stays the same', () => {
    expect(decideAlert({ tier: 'degraded', at }, 'degraded', at + 10 * ALERT_MIN_INTERVAL_MS)).toMatchObject({
      send: false,
    });
    expect(decideAlert(null, 'healthy', at)).toMatchObject({ send: false });
  });
});

describe('the 5-minute evaluation', () => {
  beforeEach(clear);

  it('alerts on tier changes, rate-limited, with typos excluded from the rate', async () => {
    await setDiagnosticsAlertChannel(
      db,
      { channelId: DEMO.channels.general, guildId: DEMO.guildId },
      DEMO.users.olive,
    );
    const sent: { channel: string; embed: APIEmbed }[] = [];
    const send = async (channel: string, embed: APIEmbed) => {
      sent.push({ channel, embed });
    };
    const evaluate = (minutes: number) => evaluateHealth(env, config, START + minutes * MIN, send);

    // Healthy: many typos, no failures.
    await traffic(START, 50, 0, 200);
    expect((await evaluate(0)).snapshot.tier).toBe('healthy');
    expect(sent).toHaveLength(0);

    // 6 failures in 56 commands: 10.7 % → critical (the 200 typos would have hidden it at 2.4 %).
    await traffic(START + 5 * MIN, 0, 6);
    const critical = await evaluate(5);
    expect(critical.snapshot).toMatchObject({ tier: 'critical', processed: 56, failed: 6 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.channel).toBe(DEMO.channels.general);
    expect(sent[0]?.embed.title).toContain('Critical (was Healthy)');

    // Better 5 minutes later (more successes): held, the last alert is too recent.
    await traffic(START + 10 * MIN, 100, 0);
    const held = await evaluate(10);
    expect(held.snapshot.tier).toBe('healthy');
    expect(held.decision).toEqual({ send: false, why: 'rate-limited' });
    expect(sent).toHaveLength(1);

    // Still healthy 15 minutes after the alert: announced now.
    const recovered = await evaluate(20);
    expect(recovered.decision).toMatchObject({ send: true, why: 'improved' });
    expect(sent).toHaveLength(2);
    expect(sent[1]?.embed.title).toContain('Healthy (was Critical)');

    // Worse again 5 minutes after that: announced at once despite the recent alert.
    await traffic(START + 25 * MIN, 0, 12);
    await evaluate(25);
    expect(sent).toHaveLength(3);
    expect(sent[2]?.embed.title).toMatch(/Degraded|Critical/);
  });

  it('sends the alert as a channel message through Discord', async () => {
    await resetEmulator();
    await setDiagnosticsAlertChannel(
      db,
      { channelId: DEMO.channels.general, guildId: DEMO.guildId },
      DEMO.users.olive,
    );
    await traffic(START, 10, 10);
    const result = await evaluateHealth(env, config, START);
    expect(result.alertedChannel).toBe(DEMO.channels.general);
    const messages = await emulator<{ embeds?: APIEmbed[] }[]>(`/channels/${DEMO.channels.general}/messages`);
    expect(messages.some((m) => m.embeds?.[0]?.title?.includes('Critical'))).toBe(true);
  });

  it('keeps 48 five-minute snapshots and one row per hour (the worst)', async () => {
    for (let i = 0; i < 52; i++) {
      if (i === 3) await traffic(START + i * 5 * MIN, 1, 1);
      await evaluateHealth(env, config, START + i * 5 * MIN, async () => {});
    }
    const recent = await readHistory(db, '5m', 100);
    expect(recent).toHaveLength(48);
    expect(recent[0]?.at).toBe(START + 51 * 5 * MIN);
    expect(recent.at(-1)?.at).toBe(START + 4 * 5 * MIN);
    const hourly = await readHistory(db, '1h', 100);
    expect(hourly.map((h) => h.at)).toEqual([
      START + 4 * 3_600_000,
      START + 3 * 3_600_000,
      START + 2 * 3_600_000,
      START + 3_600_000,
      START,
    ]);
    expect(hourly.at(-1)?.tier).toBe('degraded');
  });

  it('reads operational signals from D1: a failing auto-backup schedule degrades the stored snapshot', async () => {
    await env.DB.prepare(
      "INSERT INTO backup_schedules (guild_id, enabled, interval_hours, next_run_at, last_error, updated_by) VALUES (?, 1, 24, 0, 'Missing Access', ?)",
    )
      .bind(DEMO.guildId, DEMO.users.ada)
      .run();
    try {
      const result = await evaluateHealth(env, config, START, async () => {});
      expect(result.snapshot.tier).toBe('degraded');
      expect(result.snapshot.details.reasons).toEqual(['1 auto-backup schedule failing']);
      // A run skipped while a restore ran is not a failure.
      await env.DB.prepare("UPDATE backup_schedules SET last_error = 'skipped: a restore was running'").run();
      expect((await evaluateHealth(env, config, START + MIN, async () => {})).snapshot.tier).toBe('healthy');
    } finally {
      await env.DB.prepare('DELETE FROM backup_schedules WHERE guild_id = ?').bind(DEMO.guildId).run();
    }
  });

  it('counts backups that gave up, and the D1 or R2 errors among them', async () => {
    const failed = (error: string, at: number, cause?: string) =>
      env.DB.prepare(
        "INSERT INTO audit_log (guild_id, actor_id, action, details, created_at) VALUES (?, ?, 'backup.failed', ?, ?)",
      ).bind(DEMO.guildId, DEMO.users.ada, JSON.stringify({ jobId: 'j', kind: 'manual', cause, error }), at);
    await env.DB.batch([
      failed('D1_ERROR: database is locked', START - 10 * MIN, 'error'),
      failed('Missing Access', START - 20 * MIN),
      failed('R2 put failed', START - 2 * 60 * MIN, 'error'),
      failed('D1_ERROR: too old', START - 30 * 60 * MIN, 'error'),
      // The server's own state, not a fault: not counted.
      failed('a backup job is already running', START - 5 * MIN, 'busy'),
      failed('this server already has 25 backups', START - 5 * MIN, 'full'),
    ]);
    try {
      const signals = await operationalSignals(env, config, db, START);
      expect(signals.backups.failed).toBe(3);
      expect(signals.storage).toEqual({ d1: 1, r2: 0 });
      const result = await evaluateHealth(env, config, START, async () => {});
      expect(result.snapshot.details.reasons).toContain('3 backups failed in the last 24 hours');
    } finally {
      await env.DB.prepare("DELETE FROM audit_log WHERE action = 'backup.failed'").run();
    }
  });

  it('names pending migrations and degrades until they are applied', async () => {
    const last = MIGRATION_NAMES.at(-1) as string;
    const row = await env.DB.prepare('SELECT id, name, applied_at FROM d1_migrations WHERE name = ?')
      .bind(last)
      .first<{
        id: number;
        name: string;
        applied_at: string;
      }>();
    if (!row) throw new Error('the test database has no migration rows');
    await env.DB.prepare('DELETE FROM d1_migrations WHERE id = ?').bind(row.id).run();
    try {
      const status = await migrationStatus(env.DB);
      expect(status.pending).toEqual([last]);
      const result = await evaluateHealth(env, config, START, async () => {});
      expect(result.snapshot.tier).toBe('degraded');
      expect(result.snapshot.pendingMigrations).toBe(1);
      expect(result.snapshot.details.reasons.join()).toContain(last);
    } finally {
      await env.DB.prepare('INSERT INTO d1_migrations (id, name, applied_at) VALUES (?, ?, ?)')
        .bind(row.id, row.name, row.applied_at)
        .run();
    }
    expect((await migrationStatus(env.DB)).pending).toEqual([]);
  });

  it('reports migrations applied that this version does not know', async () => {
    const status = await migrationStatus(env.DB, MIGRATION_NAMES.slice(0, -1));
    expect(status.unknown).toEqual([MIGRATION_NAMES.at(-1)]);
    expect(status.pending).toEqual([]);
  });
});
