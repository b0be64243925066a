import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { runBackupJob } from '../../worker/backups/backup-job';
import { api, clearDashboard, login } from './dashboard-login';
import { interact, resetEmulator } from './harness';

const demo = `/api/guilds/${DEMO.guildId}`;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

async function backup(label: string) {
  return runBackupJob(env, {
    jobId: crypto.randomUUID(),
    kind: 'manual',
    guildId: DEMO.guildId,
    authorId: DEMO.users.alan,
    label,
  });
}

beforeEach(async () => {
  await resetEmulator();
  await clearDashboard();
  await env.DB.prepare('DELETE FROM backup_schedules').run();
});

describe('dashboard: verify and export', () => {
  it('verifies a backup, and reports a corrupted one', async () => {
    const row = await backup('to verify');
    const alan = await login(DEMO.users.alan);
    expect((await json(await api(alan, 'POST', `${demo}/backups/${row.id}/verify`))).body).toEqual({
      ok: true,
      problems: [],
    });
    await env.BACKUPS.put(row.objectKey, 'not a snapshot');
    const broken = (await json(await api(alan, 'POST', `${demo}/backups/${row.id}/verify`))).body;
    expect(broken.ok).toBe(false);
    expect(broken.problems.length).toBeGreaterThan(0);
  });

  it('downloads the export for bot owners only (as /backupexport)', async () => {
    const row = await backup('to export');
    expect((await api(await login(DEMO.users.alan), 'GET', `${demo}/backups/${row.id}/export`)).status).toBe(
      403,
    );
    expect((await api(await login(DEMO.users.max), 'GET', `${demo}/backups/${row.id}/export`)).status).toBe(
      404,
    );
    const file = await api(await login(DEMO.users.olive), 'GET', `${demo}/backups/${row.id}/export`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="backup-${DEMO.guildId}-${row.id}.json"`,
    );
    const body = (await file.json()) as { format?: string };
    expect(JSON.stringify(body)).toContain(DEMO.guildId);
  });
});

describe('dashboard: compare', () => {
  it('compares the server now with a backup, by id and field', async () => {
    const row = await backup('before');
    const token = env.DISCORD_TOKEN as string;
    await fetch(`${env.DISCORD_API_BASE}/channels/${DEMO.channels.general}`, {
      method: 'PATCH',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'renamed' }),
    });
    const alan = await login(DEMO.users.alan);
    const diff = (await json(await api(alan, 'GET', `${demo}/backups/${row.id}/compare`))).body;
    expect(diff.summary).toMatchObject({ total: 1, changed: 1 });
    expect(diff.changes[0]).toMatchObject({
      kind: 'channel',
      id: DEMO.channels.general,
      change: 'changed',
      fields: [{ field: 'name', before: 'general', after: 'renamed' }],
    });
    expect((await api(await login(DEMO.users.max), 'GET', `${demo}/backups/${row.id}/compare`)).status).toBe(
      404,
    );
  });
});

describe('dashboard: automatic backups and analytics', () => {
  it('turns the schedule on with a valid interval and channel, and off again', async () => {
    const alan = await login(DEMO.users.alan);
    const tooLong = await json(
      await api(alan, 'PUT', `${demo}/schedule`, { enabled: true, intervalHours: 500, alertChannelId: null }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields.intervalHours).toContain('168');
    const voice = await json(
      await api(alan, 'PUT', `${demo}/schedule`, {
        enabled: true,
        intervalHours: 12,
        alertChannelId: DEMO.channels.lounge,
      }),
    );
    expect(voice.body.fields.alertChannelId).toContain('text channel');
    expect((await json(await api(alan, 'GET', `${demo}/settings`))).body.schedule).toBeNull();
    const on = await json(
      await api(alan, 'PUT', `${demo}/schedule`, {
        enabled: true,
        intervalHours: 12,
        alertChannelId: DEMO.channels.general,
      }),
    );
    expect(on.body.schedule).toMatchObject({
      enabled: true,
      intervalHours: 12,
      alertChannelId: DEMO.channels.general,
    });
    const off = await json(await api(alan, 'PUT', `${demo}/schedule`, { enabled: false }));
    expect(off.body.schedule.enabled).toBe(false);
  });

  it('counts backups per day and this server’s command usage', async () => {
    await backup('one');
    await interact({
      type: 2,
      user_id: DEMO.users.max,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'about' },
    });
    const stats = (await json(await api(await login(DEMO.users.mia), 'GET', `${demo}/analytics`))).body;
    expect(stats.backups.perDay).toHaveLength(30);
    expect(stats.backups.perDay.at(-1).count).toBe(1);
    expect(stats.backups.byKind).toMatchObject({ manual: 1, auto: 0 });
    expect(stats.backups.storedBytes).toBeGreaterThan(0);
    expect(stats.commands.find((c: any) => c.name === 'about')?.uses).toBeGreaterThanOrEqual(1);
  });
});
