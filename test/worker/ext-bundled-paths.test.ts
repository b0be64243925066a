import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { channelMessages, emitNow, enable, freshGuild, giveBotRole, slash } from './ext-helpers';
import { until } from './gateway-helpers';
import { emulator, interact } from './harness';
import { discord } from './restore-helpers';

/** The bundled extensions' other paths: goodbyes as embeds, turning things off, removing, timeouts, paging. */
const str = (name: string, value: string) => ({ name, type: 3, value });
const int = (name: string, value: number) => ({ name, type: 4, value });
const chan = (name: string, value: string) => ({ name, type: 7, value });
const role = (name: string, value: string) => ({ name, type: 8, value });

beforeEach(freshGuild);

const fields = (embed: unknown) =>
  Object.fromEntries(
    ((embed as { fields?: { name: string; value: string }[] }).fields ?? []).map((f) => [f.name, f.value]),
  );

describe('goodbye messages', () => {
  it('posts the goodbye as an embed when a member leaves, and stops once turned off', async () => {
    await enable('welcome');
    const set = await slash(DEMO.users.ada, 'welcome leave', [
      chan('channel', DEMO.channels.general),
      str('message', '{user.name} left {server}.'),
      str('style', 'embed'),
    ]);
    expect(set.embed?.title).toContain('The goodbye message is on');
    await emitNow('member_left', { guildId: DEMO.guildId, userId: DEMO.users.mia, username: 'mia' });
    const posted = (await channelMessages(DEMO.channels.general)).at(-1);
    expect(posted?.author.id).toBe(DEMO.botUserId);
    expect(posted?.embeds[0]?.description).toMatch(/^mia left .+\.$/);

    const off = await slash(DEMO.users.ada, 'welcome off', [str('which', 'goodbye')]);
    expect(off.embed?.title).toMatch(/off/i);
    const before = (await channelMessages(DEMO.channels.general)).length;
    await emitNow('member_left', { guildId: DEMO.guildId, userId: DEMO.users.max, username: 'max' });
    expect((await channelMessages(DEMO.channels.general)).length).toBe(before);
  });
});

describe('reaction roles', () => {
  it('removes a binding and the bot’s own reaction', async () => {
    await enable('reaction-roles');
    const link = `https://discord.com/channels/${DEMO.guildId}/${DEMO.channels.general}/${DEMO.messages.maxHello}`;
    await slash(DEMO.users.ada, 'reactionroles add', [
      str('message', link),
      str('emoji', '🎮'),
      role('role', DEMO.roles.member),
    ]);
    const removed = await slash(DEMO.users.ada, 'reactionroles remove', [
      str('message', link),
      str('emoji', '🎮'),
    ]);
    expect(removed.embed?.title).toContain('removed');
    // The bot takes its reaction back after answering.
    await until('the bot’s reaction to go', async () => {
      const message = (await discord(
        'GET',
        `/channels/${DEMO.channels.general}/messages/${DEMO.messages.maxHello}`,
      )) as { reactions?: unknown[] };
      return (message.reactions ?? []).length === 0;
    });
    expect((await slash(DEMO.users.max, 'reactionroles list')).embed?.description).toContain('None yet');
    const again = await slash(DEMO.users.ada, 'reactionroles remove', [
      str('message', link),
      str('emoji', '🎮'),
    ]);
    expect(again.embed?.description).toContain('is not a reaction role');
  });
});

describe('message filter', () => {
  it('refuses time-outs without Moderate Members, then times the author out; lists and removes words', async () => {
    await enable('message-filter');
    await giveBotRole(DEMO.roles.moderator);
    await slash(DEMO.users.ada, 'filter add', [str('kind', 'word'), str('value', 'spam')]);
    const refused = await slash(DEMO.users.ada, 'filter action', [str('action', 'timeout')]);
    expect(refused.embed?.description).toContain('ModerateMembers');
    expect(fields((await slash(DEMO.users.ada, 'filter list')).embed).Action).toBe('delete');

    await giveBotRole(DEMO.roles.admin);
    const set = await slash(DEMO.users.ada, 'filter action', [str('action', 'timeout'), int('minutes', 5)]);
    expect(set.embed?.title).toContain('Filter action set');
    const listed = fields((await slash(DEMO.users.ada, 'filter list')).embed);
    expect(listed).toMatchObject({ 'Words (1)': '||spam||', Action: 'timeout (5 min)' });

    const posted = await emulator<{ message: { id: string } }>('/messages', {
      body: { channel_id: DEMO.channels.general, author_id: DEMO.users.max, content: 'buy spam now' },
    });
    const before = Date.now();
    await emitNow('message_created', {
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      messageId: posted.message.id,
      authorId: DEMO.users.max,
      authorBot: false,
      content: 'buy spam now',
      roles: [DEMO.roles.member],
    });
    const messages = await channelMessages(DEMO.channels.general);
    expect(messages.some((m) => m.id === posted.message.id)).toBe(false);
    expect(messages.at(-1)?.content).toContain('(timed out for 5 min)');
    const member = (await discord('GET', `/guilds/${DEMO.guildId}/members/${DEMO.users.max}`)) as {
      communication_disabled_until: string | null;
    };
    const until = Date.parse(member.communication_disabled_until ?? '');
    expect(until).toBeGreaterThan(before + 4 * 60_000);
    expect(until).toBeLessThan(before + 6 * 60_000);

    expect((await slash(DEMO.users.ada, 'filter remove', [str('value', 'spam')])).embed?.title).toContain(
      'Filter updated',
    );
    expect(fields((await slash(DEMO.users.ada, 'filter list')).embed)['Words (0)']).toBe('none');
  });
});

describe('message filter patterns and exempt channels', () => {
  it('deletes a message matching a pattern, but not in an exempt channel', async () => {
    await enable('message-filter');
    await giveBotRole(DEMO.roles.moderator);
    const added = await slash(DEMO.users.ada, 'filter add', [
      str('kind', 'pattern'),
      str('value', 'disc(o|0)rd\\.gg/\\w+'),
    ]);
    expect(added.embed?.title).toContain('Filter updated');
    const say = async (channelId: string) => {
      const posted = await emulator<{ message: { id: string } }>('/messages', {
        body: { channel_id: channelId, author_id: DEMO.users.max, content: 'join disc0rd.gg/abc' },
      });
      await emitNow('message_created', {
        guildId: DEMO.guildId,
        channelId,
        messageId: posted.message.id,
        authorId: DEMO.users.max,
        authorBot: false,
        content: 'join disc0rd.gg/abc',
        roles: [DEMO.roles.member],
      });
      return (await channelMessages(channelId)).some((m) => m.id === posted.message.id);
    };
    expect(await say(DEMO.channels.general)).toBe(false);
    expect(await say(DEMO.channels.announcements)).toBe(false);
    await slash(DEMO.users.ada, 'filter exempt', [chan('channel', DEMO.channels.announcements)]);
    expect(await say(DEMO.channels.announcements)).toBe(true);
    expect(await say(DEMO.channels.general)).toBe(false);
  });
});

describe('levels', () => {
  it('pages the leaderboard for the member who opened it', async () => {
    await enable('levels');
    const members = Array.from({ length: 12 }, (_, i) => `13000000000000090${String(i).padStart(2, '0')}`);
    await env.DB.batch(
      members.map((userId, i) =>
        env.DB.prepare(
          'INSERT INTO member_levels (guild_id, user_id, xp, level, messages, last_xp_at) VALUES (?, ?, ?, 1, 10, 0)',
        ).bind(DEMO.guildId, userId, 1000 - i),
      ),
    );
    const first = await slash(DEMO.users.max, 'leaderboard');
    const footer = (first.record.body.data as { embeds: { footer: { text: string } }[] }).embeds[0]?.footer
      .text;
    expect(footer).toMatch(/^Page 1\/2 · 12 members ranked$/);
    expect(first.embed?.description?.split('\n')[0]).toContain(`<@${members[0]}>`);
    const next = (first.record.body.data as any).components[0].components.at(-1);
    const page2 = await interact({
      type: 3,
      user_id: DEMO.users.max,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      message_id: first.record.messageId,
      data: { component_type: 2, custom_id: next.custom_id },
    });
    expect(page2.body.type).toBe(7);
    expect(page2.body.data.embeds[0].footer.text).toMatch(/^Page 2\/2/);
    expect(page2.body.data.embeds[0].description).toContain(`<@${members[11]}>`);
    const back = page2.body.data.components[0].components[0];
    const someoneElse = await interact({
      type: 3,
      user_id: DEMO.users.mia,
      guild_id: DEMO.guildId,
      channel_id: DEMO.channels.general,
      message_id: first.record.messageId,
      data: { component_type: 2, custom_id: back.custom_id },
    });
    expect(someoneElse.body.data.embeds[0].title).toContain('Not your menu');
  });
});
