import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { api, clearDashboard, login } from './dashboard-login';
import { emulator, interact, resetEmulator } from './harness';

const demo = `/api/guilds/${DEMO.guildId}`;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

beforeEach(async () => {
  await resetEmulator();
  await clearDashboard();
});

describe('dashboard login and sessions', () => {
  it('refuses everything when logged out, and logs in through Discord OAuth2', async () => {
    expect((await api(null, 'GET', '/api/me')).status).toBe(401);
    expect((await api(null, 'GET', '/api/guilds')).status).toBe(401);
    const alan = await login(DEMO.users.alan);
    const me = await json(await api(alan, 'GET', '/api/me'));
    expect(me.body).toMatchObject({ user: { id: DEMO.users.alan, username: 'alan' }, isBotOwner: false });
    expect(me.body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a login whose state does not match, and a denied consent, without a session', async () => {
    await emulator('/oauth/current-user', { method: 'PUT', body: { user_id: DEMO.users.alan } });
    const start = await api(null, 'GET', '/api/auth/login?next=//evil.example');
    const authorize = await fetch(start.headers.get('location') as string, { redirect: 'manual' });
    const back = new URL(authorize.headers.get('location') as string);
    // No state cookie (another browser): refused.
    const forged = await api(null, 'GET', `${back.pathname}${back.search}`);
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/?login_error=state');
    expect(
      forged.headers.getSetCookie().some((c) => c.startsWith('ew_session=') && !c.includes('Max-Age=0')),
    ).toBe(false);
    await emulator('/oauth/mode', { method: 'PUT', body: { deny: true } });
    await expect(login(DEMO.users.alan)).rejects.toThrow(/login_error=denied/);
    const sessions = await env.DB.prepare('SELECT count(*) AS n FROM dashboard_sessions').first<{
      n: number;
    }>();
    expect(sessions?.n).toBe(0);
  });

  it('rejects a tampered cookie and an expired session; logout revokes the session', async () => {
    const alan = await login(DEMO.users.alan);
    expect((await api({ ...alan, cookie: `${alan.cookie.slice(0, -2)}xx` }, 'GET', '/api/me')).status).toBe(
      401,
    );
    await env.DB.prepare('UPDATE dashboard_sessions SET expires_at = 1').run();
    expect((await api(alan, 'GET', '/api/me')).status).toBe(401);

    const mia = await login(DEMO.users.mia);
    expect((await api(mia, 'POST', '/api/auth/logout', undefined, { csrf: null })).status).toBe(403);
    const out = await api(mia, 'POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/ew_session=;/);
    expect((await api(mia, 'GET', '/api/me')).status).toBe(401);
  });
});

describe('who sees which server', () => {
  it('lists only servers with the bot where the user manages the server; bot owners see all', async () => {
    const names = async (user: string) =>
      ((await json(await api(await login(user), 'GET', '/api/guilds'))).body as any[]).map(
        (g) => `${g.name}:${g.access}`,
      );
    expect(await names(DEMO.users.alan)).toEqual(['Edgeward Demo:admin']);
    expect(await names(DEMO.users.mia)).toEqual(['Edgeward Demo:admin']);
    expect(await names(DEMO.users.ada)).toEqual(['Edgeward Demo:admin']);
    // max is a plain member of the demo server and owns Other Guild.
    expect(await names(DEMO.users.max)).toEqual(['Other Guild:admin']);
    expect(await names(DEMO.users.olive)).toEqual(['Edgeward Demo:owner', 'Other Guild:owner']);
  });

  it('answers 404 for a server that is not yours, whatever id is sent', async () => {
    const max = await login(DEMO.users.max);
    for (const path of [
      `${demo}`,
      `${demo}/settings`,
      `${demo}/backups`,
      `${demo}/audit`,
      '/api/guilds/1234567890123456789',
    ])
      expect((await api(max, 'GET', path)).status).toBe(404);
    expect((await api(max, 'PATCH', `${demo}/settings`, { prefix: '?' })).status).toBe(404);
    expect((await api(max, 'DELETE', `${demo}/backups/x`)).status).toBe(404);
  });
});

describe('server settings', () => {
  it('changes the prefix with a CSRF token, and the bot follows at once', async () => {
    const alan = await login(DEMO.users.alan);
    expect((await api(alan, 'PATCH', `${demo}/settings`, { prefix: '?' }, { csrf: null })).status).toBe(403);
    expect(
      (await api(alan, 'PATCH', `${demo}/settings`, { prefix: '?' }, { csrf: 'wrong-token-wrong-token' }))
        .status,
    ).toBe(403);
    expect(
      (await api(alan, 'PATCH', `${demo}/settings`, { prefix: '?' }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    const saved = await json(
      await api(alan, 'PATCH', `${demo}/settings`, { prefix: '?', mentionPrefix: false }),
    );
    expect(saved.body).toMatchObject({ prefix: '?', customPrefix: true, mentionPrefix: false });
    const shown = await interact({
      type: 2,
      user_id: DEMO.users.alan,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      data: { name: 'serversettings' },
    });
    expect(shown.body.data.embeds[0].fields[0].value).toContain('`?`');
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const alan = await login(DEMO.users.alan);
    const bad = await json(await api(alan, 'PATCH', `${demo}/settings`, { prefix: 'a b' }));
    expect(bad.status).toBe(400);
    expect(bad.body.fields.prefix).toContain('spaces');
    expect((await json(await api(alan, 'PATCH', `${demo}/settings`, { colour: 'red' }))).status).toBe(400);
    const role = await json(
      await api(alan, 'PUT', `${demo}/role-requirements`, {
        command: 'backupcreate',
        roleId: '1234567890123456789',
      }),
    );
    expect(role.body.fields.roleId).toContain('no such role');
    const group = await json(
      await api(alan, 'PUT', `${demo}/role-requirements`, {
        command: 'schedule',
        roleId: DEMO.roles.moderator,
      }),
    );
    expect(group.status).toBe(400);
    expect(group.body.fields.command).toBe(
      'has subcommands, each with its own roles: schedule create, schedule list, schedule info, schedule toggle, schedule delete',
    );
    const settings = await json(await api(alan, 'GET', `${demo}/settings`));
    expect(settings.body).toMatchObject({ prefix: '!', customPrefix: false, roleRequirements: [] });
    const added = await json(
      await api(alan, 'PUT', `${demo}/role-requirements`, {
        command: 'backupcreate',
        roleId: DEMO.roles.moderator,
      }),
    );
    expect(added.body.roleRequirements).toEqual([{ command: 'backupcreate', roleId: DEMO.roles.moderator }]);
  });
});

describe('grants from the bot owner', () => {
  it('lets a granted member view, and with the settings role change settings', async () => {
    const olive = await login(DEMO.users.olive);
    const max = await login(DEMO.users.max);
    const alan = await login(DEMO.users.alan);
    expect(
      (await api(alan, 'PUT', `${demo}/grants`, { userId: DEMO.users.max, role: 'viewer' })).status,
    ).toBe(403);
    expect((await api(olive, 'PUT', `${demo}/grants`, { userId: DEMO.users.max, role: 'boss' })).status).toBe(
      400,
    );
    expect(
      (await api(olive, 'PUT', `${demo}/grants`, { userId: DEMO.users.max, role: 'viewer' })).status,
    ).toBe(200);
    const listed = (await json(await api(max, 'GET', '/api/guilds'))).body as any[];
    expect(listed.find((g) => g.id === DEMO.guildId)).toMatchObject({ access: 'viewer', can: ['view'] });
    expect((await api(max, 'GET', `${demo}/settings`)).status).toBe(200);
    expect((await api(max, 'PATCH', `${demo}/settings`, { prefix: '$' })).status).toBe(403);
    expect((await api(max, 'POST', `${demo}/backups`, {})).status).toBe(403);
    await api(olive, 'PUT', `${demo}/grants`, { userId: DEMO.users.max, role: 'settings' });
    expect((await api(max, 'PATCH', `${demo}/settings`, { prefix: '$' })).status).toBe(200);
    expect((await api(olive, 'DELETE', `${demo}/grants/${DEMO.users.max}`)).status).toBe(204);
    expect((await api(max, 'GET', `${demo}/settings`)).status).toBe(404);
    const audit = (await json(await api(olive, 'GET', `${demo}/audit?action=dashboard.grant`))).body;
    expect(audit.entries).toHaveLength(2);
  });

  it('shows the owner overview to bot owners only', async () => {
    expect((await api(await login(DEMO.users.alan), 'GET', '/api/owner/overview')).status).toBe(403);
    const overview = await json(await api(await login(DEMO.users.olive), 'GET', '/api/owner/overview'));
    expect(overview.body).toMatchObject({ guilds: 2, slash: { limit: 100 } });
    expect(overview.body.servers.map((s: any) => s.name)).toEqual(['Edgeward Demo', 'Other Guild']);
    expect(overview.body.config.find((c: any) => c.name === 'DISCORD_CLIENT_SECRET').ok).toBe(true);
  });
});

describe('backups from the dashboard', () => {
  it('creates a backup, pins it, refuses to delete it while pinned, then deletes it', async () => {
    const alan = await login(DEMO.users.alan);
    const created = await json(await api(alan, 'POST', `${demo}/backups`, { label: 'From the dashboard' }));
    expect(created.status).toBe(202);
    const again = await json(await api(alan, 'POST', `${demo}/backups`, {}));
    expect(again.status).toBe(409);
    let job: any;
    for (let i = 0; i < 100; i++) {
      job = (await json(await api(alan, 'GET', `${demo}/backups/jobs/${created.body.jobId}`))).body;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job.status).toBe('done');
    const list = (await json(await api(alan, 'GET', `${demo}/backups`))).body;
    expect(list.backups[0]).toMatchObject({ id: job.backupId, label: 'From the dashboard', pinned: false });
    const pinned = await json(
      await api(alan, 'PATCH', `${demo}/backups/${job.backupId}`, {
        pinned: true,
        note: 'keep',
        label: 'Renamed',
      }),
    );
    expect(pinned.body).toMatchObject({ pinned: true, note: 'keep', label: 'Renamed' });
    const blank = await json(await api(alan, 'PATCH', `${demo}/backups/${job.backupId}`, { label: '  ' }));
    expect(blank).toMatchObject({ status: 400, body: { fields: { label: 'cannot be empty' } } });
    const refused = await json(await api(alan, 'DELETE', `${demo}/backups/${job.backupId}`));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('pinned');
    await api(alan, 'PATCH', `${demo}/backups/${job.backupId}`, { pinned: false });
    expect((await api(alan, 'DELETE', `${demo}/backups/${job.backupId}`)).status).toBe(204);
    expect((await json(await api(alan, 'GET', `${demo}/backups`))).body.backups).toEqual([]);
    const cooldown = await json(await api(await login(DEMO.users.mia), 'POST', `${demo}/backups`, {}));
    expect(cooldown.status).toBe(429);
    expect(cooldown.body.retryAfter).toBeGreaterThan(0);
  });
});
