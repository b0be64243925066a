import { describe, expect, it } from 'vitest';
import { api, botRoles, DEMO, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;
const C = DEMO.channels;
const VIEW = 1024n;
const SEND = 2048n;

describe('POST /guilds/:id/channels', () => {
  it('creates a text channel in a category with overwrites (201)', async () => {
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/channels`,
      {
        name: 'restored',
        type: 0,
        topic: 'back again',
        parent_id: C.textCategory,
        nsfw: true,
        permission_overwrites: [
          { id: G, type: 0, deny: String(VIEW) },
          { id: DEMO.roles.member, type: 0, allow: String(VIEW | SEND) },
        ],
      },
      { headers: { 'X-Audit-Log-Reason': 'restore' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 0,
      guild_id: G,
      name: 'restored',
      topic: 'back again',
      nsfw: true,
      parent_id: C.textCategory,
      rate_limit_per_user: 0,
      permission_overwrites: [
        { id: G, type: 0, allow: '0', deny: '1024' },
        { id: DEMO.roles.member, type: 0, allow: '3072', deny: '0' },
      ],
    });
    // @everyone is denied View Channel there and the bot lacks the Member role: it cannot see its own channel.
    expect((await api(ctx.emu, 'GET', `/channels/${res.body.id}`)).body.code).toBe(50001);
    const listed = (await api(ctx.emu, 'GET', `/guilds/${G}/channels`)).body;
    expect(listed.find((c: { id: string }) => c.id === res.body.id)?.name).toBe('restored');
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({
      action_type: 10,
      target_id: res.body.id,
      reason: 'restore',
    });
  });

  it('creates forum channels with tags, voice channels with bitrate, and categories', async () => {
    const forum = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'forum',
      type: 15,
      available_tags: [{ name: 'bug' }, { name: 'idea', emoji_name: '💡' }],
      default_reaction_emoji: { emoji_name: '👍' },
    });
    expect(forum.status).toBe(201);
    expect(forum.body.available_tags).toHaveLength(2);
    expect(forum.body.available_tags[1]).toMatchObject({ name: 'idea', emoji_name: '💡', moderated: false });
    expect(forum.body.available_tags[0].id).toMatch(/^\d+$/);
    const voice = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'v',
      type: 2,
      bitrate: 128000,
    });
    expect(voice.body).toMatchObject({ bitrate: 128000, user_limit: 0 });
    const cat = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, { name: 'Cat', type: 4 });
    expect(cat.body).toMatchObject({ type: 4, parent_id: null });
  });

  it('validates: name required, type, parent must be a category, bitrate by tier (30052)', async () => {
    const noName = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, { type: 0 });
    expect(noName.body.errors.name._errors[0].code).toBe('BASE_TYPE_REQUIRED');
    expect((await api(ctx.emu, 'POST', `/guilds/${G}/channels`, { name: 'x', type: 1 })).body.code).toBe(
      50035,
    );
    const badParent = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'x',
      parent_id: C.general,
    });
    expect(badParent.body.errors.parent_id._errors[0].code).toBe('CHANNEL_PARENT_INVALID');
    const loud = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, { name: 'v', type: 2, bitrate: 384000 });
    expect(loud.body.code).toBe(30052);
  });

  it('overwrites may only set permissions the bot has; Manage Roles only for Administrators', async () => {
    const manageGuild = [{ id: G, type: 0, allow: '32' }];
    const a = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'x',
      permission_overwrites: manageGuild,
    });
    expect(a.status).toBe(403);
    expect(a.body.code).toBe(50013);
    // The bot has Manage Roles, but only an Administrator may put it in an overwrite.
    const manageRoles = [{ id: G, type: 0, deny: String(1n << 28n) }];
    const b = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'x',
      permission_overwrites: manageRoles,
    });
    expect(b.body.code).toBe(50013);
    await botRoles(ctx.emu, DEMO.roles.admin);
    const c = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'x',
      permission_overwrites: manageRoles,
    });
    expect(c.status).toBe(201);
  });

  it('a category holds at most 50 channels (50035 CHANNEL_PARENT_MAX_CHANNELS)', async () => {
    const channels = ctx.emu.state.channels;
    const already = channels.filter((c) => c.parent_id === C.voiceCategory).length;
    for (let i = already; i < 50; i++) {
      channels.push({
        id: `19000000000000${String(i).padStart(5, '0')}`,
        type: 2,
        guild_id: G,
        parent_id: C.voiceCategory,
      });
    }
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, {
      name: 'v',
      type: 2,
      parent_id: C.voiceCategory,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.parent_id._errors[0]).toEqual({
      code: 'CHANNEL_PARENT_MAX_CHANNELS',
      message: 'Maximum number of channels in category reached (50)',
    });
  });

  it('a guild holds at most 500 channels (30013)', async () => {
    const { guild_id } = ctx.emu.generateGuild({ channels: 500, members: 2, roles: 4 });
    const res = await api(ctx.emu, 'POST', `/guilds/${guild_id}/channels`, { name: 'extra' });
    expect(res.body).toEqual({ message: 'Maximum number of guild channels reached (500)', code: 30013 });
  });
});

describe('PATCH and DELETE /channels/:id', () => {
  it('edits fields, moves to another category and replaces all overwrites', async () => {
    const res = await api(ctx.emu, 'PATCH', `/channels/${C.general}`, {
      name: 'lobby',
      topic: 'hi',
      rate_limit_per_user: 5,
      parent_id: null,
      permission_overwrites: [{ id: DEMO.roles.member, type: 0, allow: String(SEND) }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'lobby', topic: 'hi', rate_limit_per_user: 5, parent_id: null });
    expect(res.body.permission_overwrites).toEqual([
      { id: DEMO.roles.member, type: 0, allow: '2048', deny: '0' },
    ]);
    const entry = storedAudit(ctx.emu).at(-1);
    expect(entry.action_type).toBe(11);
    expect(entry.changes).toContainEqual({ key: 'name', old_value: 'general', new_value: 'lobby' });
  });

  it('editing overwrites needs the changed bits; text ↔ announcement only with NEWS', async () => {
    const res = await api(ctx.emu, 'PATCH', `/channels/${C.general}`, {
      permission_overwrites: [{ id: G, type: 0, allow: '32' }],
    });
    expect(res.body.code).toBe(50013);
    const toVoice = await api(ctx.emu, 'PATCH', `/channels/${C.general}`, { type: 2 });
    expect(toVoice.body.code).toBe(50024);
    const toNews = await api(ctx.emu, 'PATCH', `/channels/${C.general}`, { type: 5 });
    expect(toNews.body.type).toBe(5);
  });

  it('deletes a channel and returns it; a category’s children lose their parent', async () => {
    const res = await api(ctx.emu, 'DELETE', `/channels/${C.voiceCategory}`, undefined, {
      headers: { 'X-Audit-Log-Reason': 'gone' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: C.voiceCategory, type: 4 });
    expect((await api(ctx.emu, 'GET', `/channels/${C.lounge}`)).body.parent_id).toBeNull();
    expect((await api(ctx.emu, 'GET', `/channels/${C.voiceCategory}`)).body.code).toBe(10003);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({
      action_type: 12,
      target_id: C.voiceCategory,
      reason: 'gone',
    });
  });

  it('the rules and public updates channels of a Community guild cannot be deleted (50074)', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin); // #mod-updates is hidden from the bot otherwise
    for (const id of [C.rules, C.modUpdates]) {
      const res = await api(ctx.emu, 'DELETE', `/channels/${id}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'Cannot delete a channel required for Community guilds',
        code: 50074,
      });
    }
  });

  it('needs Manage Channels', async () => {
    await ctx.emu.context.store.member(G, DEMO.botUserId)!.roles.splice(0);
    ctx.emu.state.guilds[0]!.roles.find((r) => r.id === G)!.permissions = String(VIEW | SEND);
    expect((await api(ctx.emu, 'DELETE', `/channels/${C.general}`)).body.code).toBe(50013);
    expect((await api(ctx.emu, 'PATCH', `/channels/${C.general}`, { name: 'x' })).body.code).toBe(50013);
  });
});

describe('PATCH /guilds/:id/channels (positions)', () => {
  it('sets positions and moves one channel, syncing its overwrites with lock_permissions (204)', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/channels`, [
      { id: C.general, position: 3, parent_id: C.voiceCategory, lock_permissions: true },
      { id: C.admins, position: 0 },
    ]);
    expect(res.status).toBe(204);
    const general = (await api(ctx.emu, 'GET', `/channels/${C.general}`)).body;
    const voice = (await api(ctx.emu, 'GET', `/channels/${C.voiceCategory}`)).body;
    expect(general).toMatchObject({ position: 3, parent_id: C.voiceCategory });
    expect(general.permission_overwrites).toEqual(voice.permission_overwrites);
    // Position-only entries need no access to the channel (#admins is hidden from the bot).
    expect(ctx.emu.context.store.channel(C.admins)?.position).toBe(0);
  });

  it('changing parent_id for more than one channel → 400 40009', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/channels`, [
      { id: C.general, parent_id: C.voiceCategory },
      { id: C.admins, parent_id: null },
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'Only one channel can have a parent_id modified at a time',
      code: 40009,
    });
    // An entry repeating the current parent is not a change.
    const ok = await api(ctx.emu, 'PATCH', `/guilds/${G}/channels`, [
      { id: C.general, parent_id: C.voiceCategory },
      { id: C.admins, parent_id: C.textCategory, position: 2 },
    ]);
    expect(ok.status).toBe(204);
  });

  it('moving a channel the bot cannot see → 403 50001; unknown channel → 10003', async () => {
    ctx.emu.context.store.channel(C.admins)!.permission_overwrites!.push({
      id: DEMO.roles.bot,
      type: 0,
      allow: '0',
      deny: String(VIEW),
    });
    const hidden = await api(ctx.emu, 'PATCH', `/guilds/${G}/channels`, [{ id: C.admins, parent_id: null }]);
    expect(hidden.body.code).toBe(50001);
    const unknown = await api(ctx.emu, 'PATCH', `/guilds/${G}/channels`, [{ id: '5', position: 1 }]);
    expect(unknown.body.code).toBe(10003);
  });
});
