import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { channelMessages, emitNow, enable, freshGuild, giveBotRole, slash } from './ext-helpers';
import { emulator } from './harness';
import { discord } from './restore-helpers';

const str = (name: string, value: string) => ({ name, type: 3, value });
const int = (name: string, value: number) => ({ name, type: 4, value });
const chan = (name: string, value: string) => ({ name, type: 7, value });
const role = (name: string, value: string) => ({ name, type: 8, value });

/** A message a member posts in #general (stored by the emulator, so the bot can act on it). */
async function memberSays(authorId: string, content: string) {
  const posted = await emulator<{ message: { id: string } }>('/messages', {
    body: { channel_id: DEMO.channels.general, author_id: authorId, content },
  });
  return posted.message;
}

function messageCreated(
  id: string,
  authorId: string,
  content: string,
  roles: string[] = [DEMO.roles.member],
) {
  return {
    guildId: DEMO.guildId,
    channelId: DEMO.channels.general,
    messageId: id,
    authorId,
    authorBot: false,
    content,
    roles,
  };
}

beforeEach(freshGuild);

describe('welcome and goodbye', () => {
  it('does nothing until enabled, then greets with the saved template and previews it', async () => {
    const off = await slash(DEMO.users.ada, 'welcome join', [chan('channel', DEMO.channels.general)]);
    expect(off.embed?.title).toMatch(/not enabled/i);
    expect(await enable('welcome')).toMatchObject({ title: expect.stringMatching(/enabled/i) });
    const set = await slash(DEMO.users.ada, 'welcome join', [
      chan('channel', DEMO.channels.general),
      str('message', 'Hello {user.name}, welcome to {server}! {oops}'),
      str('style', 'text'),
    ]);
    expect(set.embed?.title).toContain('The welcome message is on');
    expect(set.embed?.description).toContain('{oops}');
    const preview = await slash(DEMO.users.ada, 'welcome preview', [str('which', 'welcome')]);
    expect(preview.content).toContain('Hello Ada, welcome to');

    const before = (await channelMessages(DEMO.channels.general)).length;
    const emission = await emitNow('member_joined', {
      guildId: DEMO.guildId,
      userId: DEMO.users.mia,
      username: 'mia',
      bot: false,
    });
    expect(emission.handlers).toBe(1);
    const after = await channelMessages(DEMO.channels.general);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.content).toMatch(/^Hello mia, welcome to .+! \{oops\}$/);
    // No goodbye channel: leaving posts nothing.
    await emitNow('member_left', { guildId: DEMO.guildId, userId: DEMO.users.mia, username: 'mia' });
    expect((await channelMessages(DEMO.channels.general)).length).toBe(before + 1);
  });

  it('refuses a channel the bot cannot post in, writing nothing', async () => {
    await enable('welcome');
    const refused = await slash(DEMO.users.ada, 'welcome join', [chan('channel', DEMO.channels.noBot)]);
    expect(refused.embed?.title).toContain('The bot cannot post there');
    expect(refused.embed?.description).toContain('Nothing was changed');
    const row = await env.DB.prepare(
      "SELECT settings FROM guild_extensions WHERE extension = 'welcome'",
    ).first<{
      settings: string | null;
    }>();
    expect(row?.settings ?? null).toBeNull();
  });
});

describe('reaction roles', () => {
  it('gives and takes the role on reactions, and refuses a role above the bot', async () => {
    await enable('reaction-roles');
    const link = `https://discord.com/channels/${DEMO.guildId}/${DEMO.channels.general}/${DEMO.messages.maxHello}`;
    const above = await slash(DEMO.users.ada, 'reactionroles add', [
      str('message', link),
      str('emoji', '🛡️'),
      role('role', DEMO.roles.moderator),
    ]);
    expect(above.embed?.title).toContain('The bot cannot give that role');
    expect(above.embed?.description).toContain("not below the bot's highest role");

    const added = await slash(DEMO.users.ada, 'reactionroles add', [
      str('message', link),
      str('emoji', '🎮'),
      role('role', DEMO.roles.member),
    ]);
    expect(added.embed?.title).toContain('Reaction role added');
    const reacted = (await discord(
      'GET',
      `/channels/${DEMO.channels.general}/messages/${DEMO.messages.maxHello}`,
    )) as {
      reactions?: { emoji: { name: string }; me: boolean }[];
    };
    expect(reacted.reactions).toEqual([
      expect.objectContaining({ emoji: expect.objectContaining({ name: '🎮' }), me: true }),
    ]);
    const list = await slash(DEMO.users.max, 'reactionroles list');
    expect(list.embed?.description).toContain(`🎮 → <@&${DEMO.roles.member}>`);

    // Olive has Member already; take it away, then react.
    await emulator(`/guilds/${DEMO.guildId}/members/${DEMO.users.olive}`, {
      method: 'PATCH',
      body: { roles: [] },
    });
    const reaction = {
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      messageId: DEMO.messages.maxHello,
      userId: DEMO.users.olive,
      emoji: { id: null, name: '🎮' },
    };
    await emitNow('reaction_added', reaction);
    const member = () =>
      discord('GET', `/guilds/${DEMO.guildId}/members/${DEMO.users.olive}`) as Promise<{ roles: string[] }>;
    expect((await member()).roles).toContain(DEMO.roles.member);
    await emitNow('reaction_removed', reaction);
    expect((await member()).roles).not.toContain(DEMO.roles.member);
  });
});

describe('message filter', () => {
  it('refuses to filter without Manage Messages, then deletes and warns', async () => {
    await enable('message-filter');
    const refused = await slash(DEMO.users.ada, 'filter add', [
      str('kind', 'word'),
      str('value', 'free nitro'),
    ]);
    expect(refused.embed?.title).toContain('The bot cannot filter here');
    expect(refused.embed?.description).toContain('ManageMessages');

    // An admin gives the bot the Moderator role (Manage Messages).
    await giveBotRole(DEMO.roles.moderator);
    expect(
      (await slash(DEMO.users.ada, 'filter add', [str('kind', 'word'), str('value', 'free nitro')])).embed
        ?.title,
    ).toContain('Filter updated');
    expect((await slash(DEMO.users.ada, 'filter action', [str('action', 'warn')])).embed?.title).toContain(
      'Filter action set',
    );
    const test = await slash(DEMO.users.ada, 'filter test', [str('text', 'get FREE nitro now')]);
    expect(test.embed?.title).toContain('It would be filtered');

    const bad = await memberSays(DEMO.users.max, 'get FREE nitro now');
    const fine = await memberSays(DEMO.users.max, 'nitro is free, right?');
    await emitNow('message_created', messageCreated(bad.id, DEMO.users.max, 'get FREE nitro now'));
    await emitNow('message_created', messageCreated(fine.id, DEMO.users.max, 'nitro is free, right?'));
    const messages = await channelMessages(DEMO.channels.general);
    expect(messages.some((m) => m.id === bad.id)).toBe(false);
    expect(messages.some((m) => m.id === fine.id)).toBe(true);
    expect(messages.at(-1)?.content).toBe(
      `<@${DEMO.users.max}>, your message was removed: it broke this server's filter.`,
    );

    // An exempt role passes.
    await slash(DEMO.users.ada, 'filter exempt', [role('role', DEMO.roles.admin)]);
    const admin = await memberSays(DEMO.users.alan, 'free nitro for mods');
    await emitNow(
      'message_created',
      messageCreated(admin.id, DEMO.users.alan, 'free nitro for mods', [DEMO.roles.admin]),
    );
    expect((await channelMessages(DEMO.channels.general)).some((m) => m.id === admin.id)).toBe(true);
  });
});

describe('levels', () => {
  it('awards XP once per cooldown, announces a level-up once, and ranks members', async () => {
    await enable('levels');
    const refused = await slash(DEMO.users.ada, 'levels_set', [chan('announce', DEMO.channels.noBot)]);
    expect(refused.embed?.title).toContain('The bot cannot post there');
    await slash(DEMO.users.ada, 'levels_set', [int('cooldown', 5)]);
    const t0 = Date.now();
    // Enough messages, each past the cooldown, to cross level 1 (100 XP at 15–25 XP each).
    let levelUps = 0;
    for (let i = 0; i < 8; i++) {
      const m = await memberSays(DEMO.users.max, `hello ${i}`);
      const payload = messageCreated(m.id, DEMO.users.max, `hello ${i}`);
      // The same event delivered twice (a queue redelivery) is awarded once.
      const bus = await import('../../worker/hooks/bus');
      const { catalogue } = await import('../../worker/extensions/catalogue');
      const { createEnvelope } = await import('../../worker/hooks/envelope');
      const b = new bus.HookBus(env, { extensions: catalogue, queue: null, now: () => t0 + i * 6000 });
      const envelope = createEnvelope('message_created', payload, t0 + i * 6000);
      await b.run(envelope);
      await b.run(envelope, { attempt: 2 });
      levelUps = (await channelMessages(DEMO.channels.general)).filter((x) =>
        x.content.includes('reached **level'),
      ).length;
    }
    const row = await env.DB.prepare('SELECT xp, level, messages FROM member_levels WHERE user_id = ?')
      .bind(DEMO.users.max)
      .first<{ xp: number; level: number; messages: number }>();
    expect(row?.messages).toBe(8);
    expect(row?.xp).toBeGreaterThanOrEqual(8 * 15);
    expect(row?.xp).toBeLessThanOrEqual(8 * 25);
    expect(row?.level).toBe(1);
    expect(levelUps).toBe(1);

    await env.DB.prepare(
      'INSERT INTO member_levels (guild_id, user_id, xp, level, messages, last_xp_at) VALUES (?, ?, 5000, 9, 200, 0)',
    )
      .bind(DEMO.guildId, DEMO.users.mia)
      .run();
    const rank = await slash(DEMO.users.max, 'rank');
    expect(rank.embed?.title).toContain('🏅 Rank');
    expect(JSON.stringify(rank.embed)).toContain('#2');
    const board = await slash(DEMO.users.max, 'leaderboard');
    expect(board.embed?.description?.split('\n')[0]).toContain(`<@${DEMO.users.mia}>`);
  });
});
