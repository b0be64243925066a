import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import type { BackupJobMessage } from '../../worker/backups/backup-job';
import { reportJobFailure } from '../../worker/backups/backup-job';
import { BackupStore } from '../../worker/backups/backup-store';
import { fanOutDueBackups } from '../../worker/backups/fan-out';
import { applyRetention } from '../../worker/backups/retention';
import { database } from '../../worker/db/client';
import { sampleSnapshot } from './backup-fixtures';
import { emulator, interact, resetEmulator } from './harness';

const where = { guild_id: DEMO.guildId, channel_id: DEMO.channels.general };
const HOUR = 3_600_000;

function fakeQueue() {
  const sent: BackupJobMessage[] = [];
  const queue = {
    send: async (body: BackupJobMessage) => void sent.push(body),
    sendBatch: async (batch: Iterable<{ body: BackupJobMessage }>) => {
      for (const m of batch) sent.push(m.body);
    },
  } as unknown as Queue<BackupJobMessage>;
  return { sent, queue };
}

describe('automatic backups', () => {
  beforeEach(async () => {
    await resetEmulator();
    await env.DB.batch([
      env.DB.prepare('DELETE FROM backup_schedules'),
      env.DB.prepare('DELETE FROM backups'),
    ]);
  });

  it('/backupschedule enables, reports and disables', async () => {
    const on = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: {
        name: 'backupschedule',
        options: [
          { name: 'action', type: 3, value: 'enable' },
          { name: 'interval_hours', type: 4, value: 12 },
          { name: 'alert_channel', type: 7, value: DEMO.channels.admins },
        ],
      },
    });
    expect(on.body.data.embeds[0].title).toContain('Automatic backups enabled');
    expect(on.body.data.embeds[0].description).toContain('Every **12 h**');
    const status = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: { name: 'backupschedule', options: [{ name: 'action', type: 3, value: 'status' }] },
    });
    const fields = Object.fromEntries(status.body.data.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields).toMatchObject({
      Status: '🟢 Enabled',
      Interval: '12 h',
      Alerts: `<#${DEMO.channels.admins}>`,
      Last: 'Never',
    });
    const bad = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: {
        name: 'backupschedule',
        options: [
          { name: 'action', type: 3, value: 'enable' },
          { name: 'interval_hours', type: 4, value: 169 },
        ],
      },
    });
    expect(bad.body.data.embeds[0].description).toContain('at most 168');
    const off = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      ...where,
      data: { name: 'backupschedule', options: [{ name: 'action', type: 3, value: 'disable' }] },
    });
    expect(off.body.data.embeds[0].title).toContain('Automatic backups disabled');
  });

  it('fans 10,000 due guilds out to the queue exactly once, even when cron runs overlap', async () => {
    const now = Date.now();
    const inserts = Array.from({ length: 10_000 }, (_, i) =>
      env.DB.prepare(
        "INSERT INTO backup_schedules (guild_id, enabled, interval_hours, next_run_at, updated_by) VALUES (?, 1, 24, ?, 'x')",
      ).bind(String(1400000000000000000n + BigInt(i)), now - (i % 60) * 60_000),
    );
    for (let i = 0; i < inserts.length; i += 500) await env.DB.batch(inserts.slice(i, i + 500));
    await env.DB.prepare(
      "INSERT INTO backup_schedules (guild_id, enabled, interval_hours, next_run_at, updated_by) VALUES ('1500000000000000000', 1, 24, ?, 'x'), ('1500000000000000001', 0, 24, ?, 'x')",
    )
      .bind(now + HOUR, now - HOUR)
      .run();
    const { sent, queue } = fakeQueue();
    const [a, b] = await Promise.all([
      fanOutDueBackups({ ...env, BACKUP_QUEUE: queue }, DEMO.botUserId, now),
      fanOutDueBackups({ ...env, BACKUP_QUEUE: queue }, DEMO.botUserId, now),
    ]);
    expect(a + b).toBe(10_000);
    expect(new Set(sent.map((m) => m.guildId)).size).toBe(10_000);
    expect(sent.every((m) => m.kind === 'auto' && m.authorId === DEMO.botUserId)).toBe(true);
    expect(await fanOutDueBackups({ ...env, BACKUP_QUEUE: queue }, DEMO.botUserId, now)).toBe(0);
    const next = await env.DB.prepare(
      'SELECT min(next_run_at) AS m FROM backup_schedules WHERE enabled = 1',
    ).first<{ m: number }>();
    expect(next!.m).toBeGreaterThan(now);
  });

  it('reports a failed automatic backup in the alert channel and records it', async () => {
    await env.DB.prepare(
      "INSERT INTO backup_schedules (guild_id, enabled, interval_hours, next_run_at, updated_by, alert_channel_id) VALUES (?, 1, 24, 0, 'x', ?)",
    )
      .bind(DEMO.guildId, DEMO.channels.general)
      .run();
    await reportJobFailure(
      env,
      { jobId: 'j', kind: 'auto', guildId: DEMO.guildId, authorId: DEMO.botUserId, label: 'x' },
      new Error('boom'),
    );
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
    expect(messages.at(-1)?.embeds[0].title).toBe('❌ Backup failed');
    const row = await env.DB.prepare('SELECT last_error FROM backup_schedules WHERE guild_id = ?')
      .bind(DEMO.guildId)
      .first<{ last_error: string }>();
    expect(row?.last_error).toContain('nothing was saved');
  });

  it('expires old unpinned backups and keeps pinned ones', async () => {
    const db = database(env.DB);
    const store = new BackupStore(db, env.BACKUPS);
    const meta = { guildId: DEMO.guildId, label: 'x', authorId: DEMO.users.alan, kind: 'manual' as const };
    const old = await store.save(sampleSnapshot(), meta);
    const oldPinned = await store.save(sampleSnapshot(), meta);
    const recent = await store.save(sampleSnapshot(), meta);
    await store.setPinned(oldPinned, true, DEMO.users.alan);
    await env.DB.prepare('UPDATE backups SET created_at = ? WHERE id IN (?, ?)')
      .bind(Date.now() - 40 * 86_400_000, old.id, oldPinned.id)
      .run();
    expect(await applyRetention(db, env.BACKUPS, 30, DEMO.botUserId)).toBe(1);
    expect((await store.list(DEMO.guildId)).map((r) => r.id).sort()).toEqual(
      [oldPinned.id, recent.id].sort(),
    );
    expect(await applyRetention(db, env.BACKUPS, 0, DEMO.botUserId)).toBe(0);
  });
});

describe('/backupstats', () => {
  it('totals backups across servers for the bot owner only, in DMs too', async () => {
    await env.DB.prepare('DELETE FROM backups').run();
    const db = database(env.DB);
    const store = new BackupStore(db, env.BACKUPS);
    const row = await store.save(sampleSnapshot(), {
      guildId: DEMO.guildId,
      label: 'a',
      authorId: DEMO.users.alan,
      kind: 'manual',
    });
    await store.save(sampleSnapshot(), {
      guildId: DEMO.otherGuildId,
      label: 'b',
      authorId: DEMO.users.max,
      kind: 'auto',
    });
    await store.setPinned(row, true, DEMO.users.alan);
    const refused = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      ...where,
      data: { name: 'backupstats' },
    });
    expect(refused.body.data.embeds[0].title).toContain('Bot owner only');
    const res = await interact({ type: 2, user_id: DEMO.users.olive, data: { name: 'backupstats' } });
    const fields = Object.fromEntries(res.body.data.embeds[0].fields.map((f: any) => [f.name, f.value]));
    expect(fields).toMatchObject({ Backups: '2 in 2 servers', Pinned: '1', 'Automatic / imported': '1 / 0' });
    expect(res.body.data.flags).toBe(64);
  });
});
