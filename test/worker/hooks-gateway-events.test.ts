import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { hookEventOf } from '../../worker/gateway/hook-events';

const none = { guildJoined: false, guildLeft: false };
const dispatch = (t: string, d: unknown) => ({ op: 0, s: 1, t, d }) as unknown as GatewayDispatchPayload;
const user = { id: DEMO.users.mia, username: 'mia', global_name: 'Mia', discriminator: '0', avatar: null };

describe('gateway dispatches as bus events', () => {
  it('GUILD_MEMBER_ADD and GUILD_MEMBER_REMOVE become member_joined and member_left', () => {
    const add = dispatch('GUILD_MEMBER_ADD', {
      guild_id: DEMO.guildId,
      user: { ...user, bot: true },
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    });
    expect(hookEventOf(add, none)).toEqual({
      event: 'member_joined',
      payload: { guildId: DEMO.guildId, userId: DEMO.users.mia, username: 'mia', bot: true },
    });
    expect(hookEventOf(dispatch('GUILD_MEMBER_REMOVE', { guild_id: DEMO.guildId, user }), none)).toEqual({
      event: 'member_left',
      payload: { guildId: DEMO.guildId, userId: DEMO.users.mia, username: 'mia' },
    });
  });

  it('MESSAGE_CREATE carries the author, content and roles; webhooks count as bots', () => {
    const message = {
      id: '1300000000000009000',
      channel_id: DEMO.channels.general,
      guild_id: DEMO.guildId,
      author: user,
      content: 'hi',
      member: { roles: [DEMO.roles.member] },
    };
    expect(hookEventOf(dispatch('MESSAGE_CREATE', message), none)?.payload).toEqual({
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      messageId: message.id,
      authorId: DEMO.users.mia,
      authorBot: false,
      content: 'hi',
      roles: [DEMO.roles.member],
    });
    const dm = { ...message, guild_id: undefined, member: undefined, webhook_id: '1300000000000009001' };
    expect(hookEventOf(dispatch('MESSAGE_CREATE', dm), none)?.payload).toMatchObject({
      guildId: null,
      authorBot: true,
      roles: [],
    });
  });

  it('GUILD_CREATE and GUILD_DELETE only when the shard says the bot joined or was removed', () => {
    const create = dispatch('GUILD_CREATE', { id: DEMO.guildId, name: 'Demo', member_count: 6 });
    expect(hookEventOf(create, none)).toBeNull();
    expect(hookEventOf(create, { guildJoined: true, guildLeft: false })).toEqual({
      event: 'guild_joined',
      payload: { guildId: DEMO.guildId, name: 'Demo', memberCount: 6 },
    });
    const remove = dispatch('GUILD_DELETE', { id: DEMO.guildId });
    expect(hookEventOf(remove, none)).toBeNull();
    expect(hookEventOf(remove, { guildJoined: false, guildLeft: true })).toEqual({
      event: 'guild_left',
      payload: { guildId: DEMO.guildId },
    });
  });

  it('skips a malformed dispatch rather than emitting half an event, and ignores other events', () => {
    expect(hookEventOf(dispatch('GUILD_MEMBER_ADD', { guild_id: DEMO.guildId }), none)).toBeNull();
    expect(hookEventOf(dispatch('MESSAGE_REACTION_ADD', { user_id: 'x' }), none)).toBeNull();
    expect(hookEventOf(dispatch('TYPING_START', { channel_id: DEMO.channels.general }), none)).toBeNull();
  });
});
