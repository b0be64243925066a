import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { api, clearDashboard, login } from './dashboard-login';
import { resetEmulator } from './harness';

const extensions = `/api/guilds/${DEMO.guildId}/extensions`;
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const find = (list: any[], name: string) => list.find((e) => e.name === name);

const stored = async () =>
  (
    await env.DB.prepare(
      'SELECT guild_id, extension, enabled, updated_by FROM guild_extensions ORDER BY extension',
    ).all()
  ).results;
const audited = async () =>
  (
    await env.DB.prepare(
      "SELECT guild_id, actor_id, action, details FROM audit_log WHERE action LIKE 'extension.%' ORDER BY id",
    ).all()
  ).results;

beforeEach(async () => {
  await resetEmulator();
  await clearDashboard();
  await env.DB.batch([
    env.DB.prepare('DELETE FROM guild_extensions'),
    env.DB.prepare("DELETE FROM audit_log WHERE action LIKE 'extension.%'"),
  ]);
});

describe('the dashboard’s extensions', () => {
  it('lists every extension with its state in the server', async () => {
    const alan = await login(DEMO.users.alan);
    const { status, body } = await json(await api(alan, 'GET', extensions));
    expect(status).toBe(200);
    expect(find(body, 'core')).toMatchObject({
      required: true,
      enabled: true,
      blocked: true,
      blockedReasons: ['core is part of the bot itself and cannot be disabled.'],
    });
    expect(find(body, 'welcome')).toMatchObject({
      version: '1.0.0',
      required: false,
      enabledByDefault: false,
      enabled: false,
      blocked: false,
      blockedReasons: [],
    });
    expect(find(body, 'welcome').commands.length).toBeGreaterThan(0);
    expect(find(body, 'announcements').dependencies).toEqual([{ name: 'scheduler', range: '^1.0.0' }]);
  });

  it('shows what each extension stores here: defaults, then what its commands saved, corrupt rows as defaults', async () => {
    const alan = await login(DEMO.users.alan);
    const welcome = async () =>
      find((await json(await api(alan, 'GET', extensions))).body, 'welcome').settings;
    expect(await welcome()).toEqual([
      {
        key: 'welcome',
        description: 'channel, message template and style for members who join',
        value: expect.stringMatching(/^channelId: not set · message: Welcome \{user\} .* · style: embed$/),
      },
      expect.objectContaining({ key: 'goodbye' }),
    ]);
    await env.DB.prepare(
      "INSERT INTO guild_extensions (guild_id, extension, enabled, settings, updated_by, updated_at) VALUES (?, 'welcome', 1, ?, ?, 1)",
    )
      .bind(
        DEMO.guildId,
        JSON.stringify({
          welcome: { channelId: DEMO.channels.general, message: 'Hi {user}', style: 'text' },
        }),
        DEMO.users.ada,
      )
      .run();
    expect((await welcome())[0].value).toBe(
      `channelId: ${DEMO.channels.general} · message: Hi {user} · style: text`,
    );
    await env.DB.prepare(
      "UPDATE guild_extensions SET settings = '{not json' WHERE extension = 'welcome'",
    ).run();
    expect((await welcome())[0].value).toMatch(/^channelId: not set · /);
    expect(find((await json(await api(alan, 'GET', extensions))).body, 'core').settings).toEqual([]);
  });

  it('enables welcome for an admin, with an audit row, and answers the new list', async () => {
    const alan = await login(DEMO.users.alan);
    const { status, body } = await json(await api(alan, 'POST', `${extensions}/welcome`, { enabled: true }));
    expect(status).toBe(200);
    expect(find(body, 'welcome').enabled).toBe(true);
    expect(await stored()).toEqual([
      { guild_id: DEMO.guildId, extension: 'welcome', enabled: 1, updated_by: DEMO.users.alan },
    ]);
    expect(await audited()).toEqual([
      {
        guild_id: DEMO.guildId,
        actor_id: DEMO.users.alan,
        action: 'extension.enable',
        details: '{"extension":"welcome"}',
      },
    ]);
    const again = await json(await api(alan, 'GET', extensions));
    expect(find(again.body, 'welcome').enabled).toBe(true);
    // Asking for the state it already has changes nothing.
    expect((await api(alan, 'POST', `${extensions}/welcome`, { enabled: true })).status).toBe(200);
    expect(await audited()).toHaveLength(1);
  });

  it('refuses to disable a required extension with 409 and the reason, writing nothing', async () => {
    const alan = await login(DEMO.users.alan);
    const { status, body } = await json(await api(alan, 'POST', `${extensions}/core`, { enabled: false }));
    expect(status).toBe(409);
    expect(body).toMatchObject({
      error: 'core is part of the bot itself and cannot be disabled.',
      title: 'Required extension',
    });
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });

  it('lets a viewer read the list but not switch anything (403); without CSRF token 403', async () => {
    const olive = await login(DEMO.users.olive);
    await api(olive, 'PUT', `/api/guilds/${DEMO.guildId}/grants`, { userId: DEMO.users.max, role: 'viewer' });
    const max = await login(DEMO.users.max);
    expect((await api(max, 'GET', extensions)).status).toBe(200);
    expect((await api(max, 'POST', `${extensions}/welcome`, { enabled: true })).status).toBe(403);
    const alan = await login(DEMO.users.alan);
    const noToken = await api(alan, 'POST', `${extensions}/welcome`, { enabled: true }, { csrf: null });
    expect(noToken.status).toBe(403);
    expect(await stored()).toEqual([]);
  });

  it('answers 404 for an unknown extension and 400 for a bad body, writing nothing', async () => {
    const alan = await login(DEMO.users.alan);
    const unknown = await json(await api(alan, 'POST', `${extensions}/nope`, { enabled: true }));
    expect(unknown.status).toBe(404);
    for (const body of [{}, { enabled: 'yes' }, { enabled: true, extra: 1 }]) {
      const bad = await json(await api(alan, 'POST', `${extensions}/welcome`, body));
      expect(bad.status).toBe(400);
    }
    const bad = await json(await api(alan, 'POST', `${extensions}/welcome`, { enabled: 'yes' }));
    expect(bad.body.fields).toHaveProperty('enabled');
    expect(await stored()).toEqual([]);
    expect(await audited()).toEqual([]);
  });
});
