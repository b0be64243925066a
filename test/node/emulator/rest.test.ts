import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

// Validation tests send many messages to one channel; lift the message-create bucket for this file.
const ctx = useEmulator({ rateLimits: { buckets: { messageCreate: { limit: 100, windowMs: 5000 } } } });
const g = DEMO.guildId;

describe('auth and routing', () => {
  it('401 without or with a wrong bot token, on every API prefix', async () => {
    for (const auth of [null, 'Bot wrong-token']) {
      const res = await api(ctx.emu, 'GET', '/users/@me', undefined, { auth });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: '401: Unauthorized', code: 0 });
    }
    const v9 = await fetch(`${ctx.emu.url}/api/v9/users/@me`, {
      headers: { Authorization: `Bot ${ctx.emu.botToken}` },
    });
    expect(v9.status).toBe(200);
    const bare = await fetch(`${ctx.emu.url}/api/users/@me`, {
      headers: { Authorization: `Bot ${ctx.emu.botToken}` },
    });
    expect(((await bare.json()) as { id: string }).id).toBe(DEMO.botUserId);
  });

  it('404 shapes: unknown route and unknown resources', async () => {
    expect((await api(ctx.emu, 'GET', '/nope/nope')).body).toEqual({ message: '404: Not Found', code: 0 });
    const cases: [string, number][] = [
      ['/users/1', 10013],
      ['/guilds/1', 10004],
      ['/channels/1', 10003],
      [`/guilds/${g}/members/1`, 10007],
      [`/channels/${DEMO.channels.general}/messages/1`, 10008],
    ];
    for (const [path, code] of cases) {
      const res = await api(ctx.emu, 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.code, path).toBe(code);
    }
  });

  it('gateway endpoints and the application', async () => {
    const gw = await api(ctx.emu, 'GET', '/gateway', undefined, { auth: null });
    expect(gw.body.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/gateway$/);
    const bot = await api(ctx.emu, 'GET', '/gateway/bot');
    expect(bot.body.shards).toBe(1);
    expect(bot.body.session_start_limit.max_concurrency).toBe(1);
    const app = await api(ctx.emu, 'GET', '/applications/@me');
    expect(app.body.id).toBe(DEMO.applicationId);
    expect(app.body.verify_key).toBe(ctx.emu.publicKey);
    expect(app.body.flags & (1 << 15)).toBeTruthy();
  });
});

describe('guilds', () => {
  it('guild with counts, roles and channels', async () => {
    const guild = await api(ctx.emu, 'GET', `/guilds/${g}?with_counts=true`);
    expect(guild.status).toBe(200);
    expect(guild.body).toMatchObject({ id: g, name: 'Edgeward Demo', owner_id: DEMO.users.ada });
    expect(guild.body.approximate_member_count).toBe(6);
    expect(guild.body.roles).toHaveLength(5);
    const roles = await api(ctx.emu, 'GET', `/guilds/${g}/roles`);
    const admin = roles.body.find((r: { id: string }) => r.id === DEMO.roles.admin);
    expect(admin).toMatchObject({ name: 'Admin', permissions: '8', hoist: true });
    const botRole = roles.body.find((r: { id: string }) => r.id === DEMO.roles.bot);
    expect(botRole.tags).toEqual({ bot_id: DEMO.botUserId });
    const channels = await api(ctx.emu, 'GET', `/guilds/${g}/channels`);
    const byId = new Map(channels.body.map((c: { id: string; type: number }) => [c.id, c.type]));
    expect(byId.get(DEMO.channels.announcements)).toBe(5);
    expect(byId.get(DEMO.channels.townHall)).toBe(13);
    expect(byId.get(DEMO.channels.helpForum)).toBe(15);
    expect(
      channels.body.find((c: { id: string }) => c.id === DEMO.channels.helpForum).available_tags,
    ).toHaveLength(2);
  });

  it('members: one, list with limit/after, and the members intent', async () => {
    const max = await api(ctx.emu, 'GET', `/guilds/${g}/members/${DEMO.users.max}`);
    expect(max.body).toMatchObject({
      nick: 'Maxi',
      roles: [DEMO.roles.member],
      user: { id: DEMO.users.max, username: 'max' },
    });
    const page = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=2&after=${DEMO.users.olive}`);
    expect(page.body.map((m: { user: { id: string } }) => m.user.id)).toEqual([
      DEMO.users.ada,
      DEMO.users.alan,
    ]);
    await control(ctx.emu, 'PUT', '/intents', { members: false });
    const denied = await api(ctx.emu, 'GET', `/guilds/${g}/members?limit=10`);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ message: 'Missing Access', code: 50001 });
    const app = await api(ctx.emu, 'GET', '/applications/@me');
    expect(app.body.flags & (1 << 15)).toBe(0);
  });

  it('control: changing a member’s roles is reflected', async () => {
    await control(ctx.emu, 'PATCH', `/guilds/${g}/members/${DEMO.users.max}`, {
      roles: [DEMO.roles.moderator],
    });
    const max = await api(ctx.emu, 'GET', `/guilds/${g}/members/${DEMO.users.max}`);
    expect(max.body.roles).toEqual([DEMO.roles.moderator]);
  });
});

describe('channel messages', () => {
  it('sends, lists (newest first), edits and deletes', async () => {
    const ch = DEMO.channels.general;
    const sent = await api(ctx.emu, 'POST', `/channels/${ch}/messages`, {
      content: 'hi <@1300000000000001003>',
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      channel_id: ch,
      content: 'hi <@1300000000000001003>',
      author: { id: DEMO.botUserId, bot: true },
    });
    expect(sent.body.mentions.map((u: { id: string }) => u.id)).toEqual([DEMO.users.max]);
    const list = await api(ctx.emu, 'GET', `/channels/${ch}/messages?limit=10`);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([sent.body.id, DEMO.messages.maxHello]);
    const edited = await api(ctx.emu, 'PATCH', `/channels/${ch}/messages/${sent.body.id}`, {
      content: 'edited',
    });
    expect(edited.body.content).toBe('edited');
    expect(edited.body.edited_timestamp).not.toBeNull();
    const notMine = await api(ctx.emu, 'PATCH', `/channels/${ch}/messages/${DEMO.messages.maxHello}`, {
      content: 'x',
    });
    expect(notMine.body.code).toBe(50005);
    expect((await api(ctx.emu, 'DELETE', `/channels/${ch}/messages/${sent.body.id}`)).status).toBe(204);
    const after = await control(ctx.emu, 'GET', `/channels/${ch}/messages`);
    expect(after.body.map((m: { id: string }) => m.id)).toEqual([DEMO.messages.maxHello]);
  });

  it('permission errors: #no-bot 50013, #admins 50001', async () => {
    const noBot = await api(ctx.emu, 'POST', `/channels/${DEMO.channels.noBot}/messages`, { content: 'x' });
    expect(noBot.status).toBe(403);
    expect(noBot.body).toEqual({ message: 'Missing Permissions', code: 50013 });
    const admins = await api(ctx.emu, 'POST', `/channels/${DEMO.channels.admins}/messages`, { content: 'x' });
    expect(admins.status).toBe(403);
    expect(admins.body.code).toBe(50001);
    expect((await api(ctx.emu, 'GET', `/channels/${DEMO.channels.admins}`)).body.code).toBe(50001);
  });

  it('validation: empty message 50006, limits 50035 with nested errors', async () => {
    const ch = `/channels/${DEMO.channels.general}/messages`;
    const empty = await api(ctx.emu, 'POST', ch, { content: '' });
    expect(empty.body).toEqual({ message: 'Cannot send an empty message', code: 50006 });
    const long = await api(ctx.emu, 'POST', ch, { content: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {
        content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
      },
    });
    const embeds = await api(ctx.emu, 'POST', ch, {
      embeds: [
        { title: 't'.repeat(257), fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) },
      ],
    });
    expect(embeds.body.errors.embeds['0'].title._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    expect(embeds.body.errors.embeds['0'].fields._errors[0].message).toBe('Must be 25 or fewer in length.');
    const tooMany = await api(ctx.emu, 'POST', ch, {
      embeds: Array.from({ length: 11 }, () => ({ title: 'a' })),
    });
    expect(tooMany.body.errors.embeds._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const total = await api(ctx.emu, 'POST', ch, {
      embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }],
    });
    expect(total.body.errors.embeds._errors[0].code).toBe('MAX_EMBED_SIZE_EXCEEDED');
    const footer = await api(ctx.emu, 'POST', ch, { embeds: [{ footer: { text: 'f'.repeat(2049) } }] });
    expect(footer.body.errors.embeds['0'].footer.text._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const field = await api(ctx.emu, 'POST', ch, {
      embeds: [{ fields: [{ name: 'n'.repeat(257), value: 'v'.repeat(1025) }] }],
    });
    expect(Object.keys(field.body.errors.embeds['0'].fields['0'])).toEqual(['name', 'value']);
  });

  it('validation: component layout and sizes', async () => {
    const ch = `/channels/${DEMO.channels.general}/messages`;
    const button = (i: number) => ({ type: 2, style: 1, label: `b${i}`, custom_id: `b${i}` });
    const rows = Array.from({ length: 6 }, (_, r) => ({ type: 1, components: [button(r)] }));
    expect(
      (await api(ctx.emu, 'POST', ch, { components: rows })).body.errors.components._errors[0].code,
    ).toBe('BASE_TYPE_MAX_LENGTH');
    const wide = { type: 1, components: Array.from({ length: 6 }, (_, i) => button(i)) };
    const wideRes = await api(ctx.emu, 'POST', ch, { components: [wide] });
    expect(wideRes.body.errors.components['0'].components._errors[0].code).toBe('BASE_TYPE_MAX_LENGTH');
    const longId = { type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'c'.repeat(101) }] };
    const longIdRes = await api(ctx.emu, 'POST', ch, { components: [longId] });
    expect(longIdRes.body.errors.components['0'].components['0'].custom_id._errors[0].code).toBe(
      'BASE_TYPE_MAX_LENGTH',
    );
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` }));
    const select = { type: 1, components: [{ type: 3, custom_id: 's', options }] };
    const selectRes = await api(ctx.emu, 'POST', ch, { components: [select] });
    expect(selectRes.body.errors.components['0'].components['0'].options._errors[0].code).toBe(
      'BASE_TYPE_BAD_LENGTH',
    );
    const ok = await api(ctx.emu, 'POST', ch, {
      components: [{ type: 1, components: [button(1), button(2)] }],
    });
    expect(ok.status).toBe(200);
  });

  it('rejects a non-JSON body with 50035 and bad JSON with 50109', async () => {
    const ch = `/channels/${DEMO.channels.general}/messages`;
    const text = await api(ctx.emu, 'POST', ch, 'content=hi', { headers: { 'Content-Type': 'text/plain' } });
    expect(text.body.code).toBe(50035);
    const bad = await api(ctx.emu, 'POST', ch, '{"content":', {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.body.code).toBe(50109);
  });

  it('logs every request with method, path, status, auth and body', async () => {
    await api(ctx.emu, 'POST', `/channels/${DEMO.channels.general}/messages`, { content: 'logged' });
    await api(ctx.emu, 'GET', '/users/@me', undefined, { auth: null });
    const log = await control(ctx.emu, 'GET', '/log');
    expect(log.body).toHaveLength(2);
    expect(log.body[0]).toMatchObject({
      method: 'POST',
      path: `/channels/${DEMO.channels.general}/messages`,
      status: 200,
      auth: 'bot',
      body: { content: 'logged' },
    });
    expect(log.body[1]).toMatchObject({ method: 'GET', path: '/users/@me', status: 401, auth: 'none' });
    expect((await control(ctx.emu, 'GET', '/log?method=post')).body).toHaveLength(1);
  });

  it('bot DM channels can be opened and written to', async () => {
    const dm = await api(ctx.emu, 'POST', '/users/@me/channels', { recipient_id: DEMO.users.max });
    expect(dm.body).toMatchObject({ type: 1, recipients: [{ id: DEMO.users.max }] });
    const sent = await api(ctx.emu, 'POST', `/channels/${dm.body.id}/messages`, { content: 'psst' });
    expect(sent.status).toBe(200);
  });
});
