import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, INTENTS, identified } from './gateway-client';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

const GUILD_MEMBERS = 1 << 1;
const GUILD_MESSAGE_REACTIONS = 1 << 10;

describe('member joins and leaves', () => {
  it('a join stores the member and dispatches GUILD_MEMBER_ADD; a leave dispatches GUILD_MEMBER_REMOVE', async () => {
    const { client } = await identified(ctx.emu, { intents: INTENTS | GUILD_MEMBERS });
    const joined = await control(
      ctx.emu,
      'POST',
      `/guilds/${DEMO.otherGuildId}/members/${DEMO.users.mia}/join`,
    );
    expect(joined.status).toBe(200);
    expect(joined.body.delivered).toHaveLength(1);
    const add = await client.dispatch('GUILD_MEMBER_ADD');
    expect(add.d).toMatchObject({
      guild_id: DEMO.otherGuildId,
      user: { id: DEMO.users.mia, username: 'mia' },
      roles: [],
      nick: null,
      deaf: false,
      mute: false,
    });
    expect(typeof add.d.joined_at).toBe('string');
    const member = await api(ctx.emu, 'GET', `/guilds/${DEMO.otherGuildId}/members/${DEMO.users.mia}`);
    expect(member.status).toBe(200);

    await control(ctx.emu, 'POST', `/guilds/${DEMO.otherGuildId}/members/${DEMO.users.mia}/leave`);
    const remove = await client.dispatch('GUILD_MEMBER_REMOVE');
    expect(remove.d).toEqual({
      guild_id: DEMO.otherGuildId,
      user: expect.objectContaining({ id: DEMO.users.mia }),
    });
  });

  it('the bot being removed is GUILD_DELETE without unavailable; being added again is GUILD_CREATE', async () => {
    const { client } = await identified(ctx.emu);
    await control(ctx.emu, 'POST', `/guilds/${DEMO.otherGuildId}/members/${DEMO.botUserId}/leave`);
    expect((await client.dispatch('GUILD_DELETE')).d).toEqual({ id: DEMO.otherGuildId });
    const added = await control(
      ctx.emu,
      'POST',
      `/guilds/${DEMO.otherGuildId}/members/${DEMO.botUserId}/join`,
    );
    expect(added.body.delivered).toHaveLength(1);
    // The frames of the handshake were passed over on the way to GUILD_DELETE: this is the new one.
    const create = await client.dispatch('GUILD_CREATE');
    expect(create.d).toMatchObject({ id: DEMO.otherGuildId, unavailable: false, member_count: 2 });
  });

  it('sends member events only to sessions with GUILD_MEMBERS, and refuses impossible joins', async () => {
    await identified(ctx.emu);
    const joined = await control(
      ctx.emu,
      'POST',
      `/guilds/${DEMO.otherGuildId}/members/${DEMO.users.ada}/join`,
    );
    expect(joined.body.delivered).toEqual([]);
    const again = await control(
      ctx.emu,
      'POST',
      `/guilds/${DEMO.otherGuildId}/members/${DEMO.users.ada}/join`,
    );
    expect(again.status).toBe(409);
    const banned = await control(
      ctx.emu,
      'POST',
      `/guilds/${DEMO.guildId}/members/${DEMO.banned.raider}/join`,
    );
    expect(banned.status).toBe(403);
    const nobody = await control(ctx.emu, 'POST', `/guilds/${DEMO.guildId}/members/1300000000000009999/join`);
    expect(nobody.status).toBe(404);
  });
});

describe('user reactions', () => {
  const reaction = {
    channel_id: DEMO.channels.general,
    message_id: DEMO.messages.maxHello,
    user_id: DEMO.users.ada,
    emoji: { name: '👍' },
  };

  it('adding dispatches MESSAGE_REACTION_ADD and counts it on the message; removing undoes both', async () => {
    const { client } = await identified(ctx.emu, { intents: INTENTS | GUILD_MESSAGE_REACTIONS });
    const added = await control(ctx.emu, 'POST', '/reactions', reaction);
    expect(added.body).toMatchObject({ added: true, delivered: [expect.objectContaining({ live: true })] });
    const add = await client.dispatch('MESSAGE_REACTION_ADD');
    expect(add.d).toMatchObject({
      user_id: DEMO.users.ada,
      channel_id: DEMO.channels.general,
      message_id: DEMO.messages.maxHello,
      guild_id: DEMO.guildId,
      member: { user: { id: DEMO.users.ada } },
      emoji: { id: null, name: '👍' },
      message_author_id: DEMO.users.max,
      burst: false,
      type: 0,
    });
    const message = await api(
      ctx.emu,
      'GET',
      `/channels/${DEMO.channels.general}/messages/${DEMO.messages.maxHello}`,
    );
    expect(message.body.reactions).toEqual([
      expect.objectContaining({ count: 1, me: false, emoji: { id: null, name: '👍' } }),
    ]);
    const twice = await control(ctx.emu, 'POST', '/reactions', reaction);
    expect(twice.body).toEqual({ added: false, delivered: [] });

    const removed = await control(ctx.emu, 'DELETE', '/reactions', reaction);
    expect(removed.body.removed).toBe(true);
    const remove = await client.dispatch('MESSAGE_REACTION_REMOVE');
    expect(remove.d).toEqual({
      user_id: DEMO.users.ada,
      channel_id: DEMO.channels.general,
      message_id: DEMO.messages.maxHello,
      guild_id: DEMO.guildId,
      emoji: { id: null, name: '👍' },
      burst: false,
      type: 0,
    });
    const after = await api(
      ctx.emu,
      'GET',
      `/channels/${DEMO.channels.general}/messages/${DEMO.messages.maxHello}`,
    );
    expect(after.body.reactions).toBeUndefined();
  });

  it('refuses a reaction by a non-member, on an unknown message, or with an unknown custom emoji', async () => {
    const outsider = await control(ctx.emu, 'POST', '/reactions', {
      ...reaction,
      user_id: DEMO.banned.raider,
    });
    expect(outsider.status).toBe(400);
    const missing = await control(ctx.emu, 'POST', '/reactions', {
      ...reaction,
      message_id: '1300000000000009999',
    });
    expect(missing.status).toBe(404);
    const custom = await control(ctx.emu, 'POST', '/reactions', {
      ...reaction,
      emoji: { id: '1300000000000009998', name: 'ghost' },
    });
    expect(custom.status).toBe(400);
    const known = await control(ctx.emu, 'POST', '/reactions', {
      ...reaction,
      emoji: { id: DEMO.emojis.edgeward, name: 'edgeward' },
    });
    expect(known.body.added).toBe(true);
  });
});
