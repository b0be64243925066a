import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { loadConfig } from '../../worker/config';
import { database } from '../../worker/db/client';
import { MIGRATION_NAMES } from '../../worker/db/migration-names';
import { recordCommandMetrics } from '../../worker/diagnostics/command-metrics';
import { evaluateHealth } from '../../worker/diagnostics/evaluate';
import { emulator, interact, resetEmulator } from './harness';

const db = database(env.DB);
const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const slash = (user: string, name: string, options: { name: string; type: number; value: unknown }[] = []) =>
  interact({ type: 2, user_id: user, ...where, data: { name, options } });
const owner = DEMO.users.olive;
const loaded = loadConfig(env);
if (!loaded.ok) throw new Error('test config');

async function clear() {
  await env.DB.batch(
    [
      'metric_minutes',
      'latency_minutes',
      'rest_minutes',
      'health_snapshots',
      'diagnostic_errors',
      'cooldowns',
    ].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
  await env.DB.prepare("DELETE FROM framework_settings WHERE key LIKE 'diagnostics.%'").run();
}

/** Reads D1 until `query` returns a row (the metrics are written after the reply, in the background). */
async function eventually<T>(query: () => Promise<T | null>): Promise<T | null> {
  for (let i = 0; i < 100; i++) {
    const row = await query();
    if (row) return row;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}

describe('metrics from real commands', () => {
  beforeEach(async () => {
    await resetEmulator();
    await clear();
  });

  it('records the outcome of a slash command after its reply', async () => {
    await slash(owner, 'fw_migrations');
    const row = await eventually(() =>
      env.DB.prepare("SELECT ok, failed FROM metric_minutes WHERE command = 'fw_migrations'").first(),
    );
    expect(row).toEqual({ ok: 1, failed: 0 });
  });

  it("counts Discord's 429s by route from the request's REST clients", async () => {
    await emulator('/ratelimit/force', {
      body: { method: 'GET', path: '/applications/@me', scope: 'user', retryAfter: 3, count: 1 },
    });
    await slash(DEMO.users.max, 'stats');
    const row = await eventually(() =>
      env.DB.prepare('SELECT route, status, count FROM rest_minutes').first(),
    );
    expect(row).toEqual({ route: 'GET /applications/@me', status: 429, count: 1 });
  });
});

describe('diagnostics commands', () => {
  beforeEach(async () => {
    await resetEmulator();
    await clear();
  });

  it('are for the bot owner only', async () => {
    for (const name of [
      'fw_diagnostics',
      'fw_history',
      'fw_errors',
      'fw_alert_channel',
      'fw_config_validate',
      'fw_config_schema',
      'fw_migrations',
    ]) {
      const res = await slash(DEMO.users.ada, name);
      expect(res.body.data.embeds[0].title, name).toContain('Bot owner only');
    }
  });

  it('/fw_diagnostics shows uptime, version, counts, health with its window, latency and migrations', async () => {
    await env.DB.batch([
      env.DB.prepare('DELETE FROM hook_metrics'),
      env.DB.prepare(
        // 7 dead letters in all, 1 of them since the queue was counted: 5 - 2 - 1 wait.
        "INSERT INTO hook_metrics (name, value) VALUES ('enqueued', 5), ('settled', 2), ('dead_letters', 7), ('abandoned', 1)",
      ),
    ]);
    const res = await slash(owner, 'fw_diagnostics');
    expect(res.body.data.flags).toBe(64);
    const embed = res.body.data.embeds[0];
    expect(embed.title).toMatch(/^🔧 Edgeward \d+\.\d+\.\d+ diagnostics$/);
    const fields = Object.fromEntries(
      embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]),
    );
    expect(fields['⏳ Uptime']).toMatch(/\d+ s \(version/);
    expect(fields['🧩 Extensions']).toMatch(/^\d+ \(\d+ required\)$/);
    expect(fields['📋 Commands']).toMatch(/^\d+ total · \d+ slash$/);
    expect(fields['🩺 Health']).toContain('rolling 1 h');
    expect(fields['⏱️ Latency (1 h)']).toMatch(/^p50 .* · p99 /);
    expect(fields['🗄️ Migrations']).toMatch(/✅ all \d+ applied/);
    expect(fields['💾 Backups, restores and hooks']).toContain(
      'Hook queue: 2 waiting or retrying · 7 dead letters',
    );
    await env.DB.prepare('DELETE FROM hook_metrics').run();
  });

  it('/fw_errors lists the last 15 errors newest first, one line each', async () => {
    for (let i = 0; i < 20; i++) {
      await recordCommandMetrics(db, {
        command: `cmd${i}`,
        guildId: DEMO.guildId,
        outcome: 'failed',
        error: new Error(`failure number ${i}\n    at stack (x.js:1:1)`),
        now: Date.UTC(2030, 0, 1, 10, 0, i),
      });
    }
    const res = await slash(owner, 'fw_errors');
    const lines: string[] = res.body.data.embeds[0].description.split('\n');
    expect(lines).toHaveLength(15);
    expect(lines[0]).toBe('`10:00:19` /cmd19 — failure number 19');
    expect(lines[14]).toContain('/cmd5 ');
    expect(res.body.data.embeds[0].description).not.toContain('x.js');
  });

  it('/fw_history says when there is none, then shows snapshots newest first (1 to 20)', async () => {
    const empty = await slash(owner, 'fw_history');
    expect(empty.body.data.content).toContain('No health history yet');
    for (let i = 0; i < 4; i++)
      await evaluateHealth(env, loaded.config, Date.UTC(2030, 0, 1, 10, i * 5), async () => {});
    const res = await slash(owner, 'fw_history', [{ name: 'entries', type: 4, value: 3 }]);
    const lines: string[] = res.body.data.embeds[0].description.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^✅ `10:15:00` — healthy \| err: 0% \(0\/0\) \| p99: no data$/);
    const tooMany = await slash(owner, 'fw_history', [{ name: 'entries', type: 4, value: 21 }]);
    expect(tooMany.body.data.embeds[0].title).toContain('Invalid input');
  });

  it('/fw_alert_channel sets, shows and disables the alert channel', async () => {
    const set = await slash(owner, 'fw_alert_channel', [
      { name: 'channel', type: 7, value: DEMO.channels.general },
    ]);
    expect(set.body.data.embeds[0].description).toContain(`<#${DEMO.channels.general}>`);
    const shown = await slash(owner, 'fw_alert_channel');
    expect(shown.body.data.embeds[0].description).toContain(`<#${DEMO.channels.general}>`);
    const off = await slash(owner, 'fw_alert_channel', [{ name: 'disable', type: 5, value: true }]);
    expect(off.body.data.embeds[0].title).toContain('disabled');
    const after = await slash(owner, 'fw_alert_channel');
    expect(after.body.data.embeds[0].description).toContain('none');
  });

  it('/fw_config_validate reports on the running configuration without printing secrets', async () => {
    const res = await slash(owner, 'fw_config_validate');
    const text = JSON.stringify(res.body.data);
    expect(res.body.data.embeds[0].description).toMatch(
      /Checked \d+ variables, \d+ secrets and \d+ bindings/,
    );
    expect(text).toContain('EXPORT_SIGNING_SECRET (secret)');
    expect(text).not.toContain(env.DISCORD_TOKEN as string);
    expect(text).not.toContain(env.DISCORD_CLIENT_SECRET as string);
  });

  it('/fw_config_schema lists variables, secrets and bindings', async () => {
    const res = await slash(owner, 'fw_config_schema');
    const titles = res.body.data.embeds.map((e: { title: string }) => e.title);
    expect(titles).toEqual([
      expect.stringMatching(/^⚙️ Variables \(\d+\)$/),
      expect.stringMatching(/^🔑 Secrets/),
      expect.stringMatching(/^🔗 Bindings/),
    ]);
    expect(res.body.data.embeds[1].description).toContain('`DISCORD_TOKEN`');
  });

  it('/fw_migrations lists applied and pending migrations', async () => {
    const res = await slash(owner, 'fw_migrations');
    expect(res.body.data.embeds[0].title).toBe('✅ D1 migrations up to date');
    expect(res.body.data.embeds[0].fields[0].value).toContain('0000_init.sql');
    expect(res.body.data.embeds[0].fields[1].value).toBe('none');
  });

  it('/fw_migrations and /fw_diagnostics name a pending migration', async () => {
    const last = MIGRATION_NAMES.at(-1) as string;
    const row = await env.DB.prepare('SELECT id, name, applied_at FROM d1_migrations WHERE name = ?')
      .bind(last)
      .first<{ id: number; name: string; applied_at: string }>();
    if (!row) throw new Error('the test database has no migration rows');
    await env.DB.prepare('DELETE FROM d1_migrations WHERE id = ?').bind(row.id).run();
    try {
      const listed = (await slash(owner, 'fw_migrations')).body.data.embeds[0];
      expect(listed.title).not.toContain('up to date');
      expect(listed.fields[1].value).toContain(last);
      const fields = Object.fromEntries(
        (await slash(owner, 'fw_diagnostics')).body.data.embeds[0].fields.map(
          (f: { name: string; value: string }) => [f.name, f.value],
        ),
      );
      expect(fields['🗄️ Migrations']).toBe(`⚠️ 1 pending: \`${last}\``);
      expect(fields['🩺 Health']).toContain('Degraded');
    } finally {
      await env.DB.prepare('INSERT INTO d1_migrations (id, name, applied_at) VALUES (?, ?, ?)')
        .bind(row.id, row.name, row.applied_at)
        .run();
    }
  });
});
