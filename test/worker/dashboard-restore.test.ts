import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { api, clearDashboard, login } from './dashboard-login';
import { emulator } from './harness';
import { cleanRestoreState, demoBackup, discord } from './restore-helpers';

const demo = `/api/guilds/${DEMO.guildId}`;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const everything = { mode: 'sync', components: ['roles', 'categories', 'channels', 'settings'] };

beforeEach(async () => {
  await cleanRestoreState();
  await clearDashboard();
});

describe('restore from the dashboard', () => {
  it('previews a dry run with the same plan as the command, for those allowed to restore', async () => {
    const backup = await demoBackup('before');
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    const alan = await login(DEMO.users.alan);
    const bad = await json(
      await api(alan, 'POST', `${demo}/backups/${backup.id}/restore/preview`, {
        mode: 'all',
        components: [],
      }),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['components', 'mode']);
    const plan = await json(
      await api(alan, 'POST', `${demo}/backups/${backup.id}/restore/preview`, everything),
    );
    expect(plan.body).toMatchObject({ sameGuild: true, blocked: false, counts: { 'channel.create': 1 } });
    expect(plan.body.calls).toBeGreaterThanOrEqual(1);
    expect(
      ((await discord('GET', `/guilds/${DEMO.guildId}/channels`)) as any[]).some(
        (c: any) => c.name === 'admins',
      ),
    ).toBe(false);

    const olive = await login(DEMO.users.olive);
    await api(olive, 'PUT', `${demo}/grants`, { userId: DEMO.users.max, role: 'backups' });
    const max = await login(DEMO.users.max);
    expect((await api(max, 'POST', `${demo}/backups/${backup.id}/restore/preview`, everything)).status).toBe(
      403,
    );
  });

  it('runs the restore as a durable job the page can follow, then reports it', async () => {
    const backup = await demoBackup('before');
    await emulator(`/channels/${DEMO.channels.admins}`, { method: 'DELETE' });
    const alan = await login(DEMO.users.alan);
    const started = await json(await api(alan, 'POST', `${demo}/backups/${backup.id}/restore`, everything));
    expect(started.status).toBe(202);
    const twice = await json(await api(alan, 'POST', `${demo}/backups/${backup.id}/restore`, everything));
    expect(twice).toMatchObject({ status: 409, body: { jobId: started.body.jobId } });
    let job: any;
    for (let i = 0; i < 150; i++) {
      job = (await json(await api(alan, 'GET', `${demo}/restores/${started.body.jobId}`))).body;
      if (['done', 'failed', 'cancelled'].includes(job.status)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job.status).toBe('done');
    expect(job.report).toMatchObject({ status: 'done', changes: { created: 1 }, remaining: 0 });
    expect(job.done).toBe(job.total);
    expect(
      ((await discord('GET', `/guilds/${DEMO.guildId}/channels`)) as any[]).some(
        (c: any) => c.name === 'admins',
      ),
    ).toBe(true);
    expect((await json(await api(alan, 'GET', `${demo}/restores/active`))).body).toBeNull();
    const late = await json(await api(alan, 'POST', `${demo}/restores/${started.body.jobId}/cancel`));
    expect(late.status).toBe(409);
    const safety = await env.DB.prepare("SELECT count(*) AS n FROM backups WHERE kind = 'safety'").first<{
      n: number;
    }>();
    expect(safety?.n).toBe(1);
    // Another server's admin cannot read this job.
    const max = await login(DEMO.users.max);
    expect(
      (await api(max, 'GET', `/api/guilds/${DEMO.otherGuildId}/restores/${started.body.jobId}`)).status,
    ).toBe(404);
  });
});
