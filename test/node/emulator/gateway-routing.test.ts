import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, type GatewayClient, INTENTS, identified } from './gateway-client';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

/** A guild on shard 1 of 2: `(id >> 22) % 2 === 1`. */
const SHARD_ONE_GUILD = '1300000000004063232';
const GUILD_MESSAGES = 1 << 9;
const DIRECT_MESSAGES = 1 << 12;
const MESSAGE_CONTENT = 1 << 15;

const post = (body: Record<string, unknown>) => control(ctx.emu, 'POST', '/messages', body);
const inGeneral = (content: string, extra: Record<string, unknown> = {}) =>
  post({ channel_id: DEMO.channels.general, author_id: DEMO.users.max, content, ...extra });

/** The shard-1 guild: generated, with its first text channel and a member who is not the bot. */
async function shardOneGuild() {
  await control(ctx.emu, 'POST', '/guilds/generate', {
    id: SHARD_ONE_GUILD,
    members: 3,
    channels: 3,
    seed: 1,
  });
  const channel = ctx.emu.state.channels.find((c) => c.guild_id === SHARD_ONE_GUILD && c.type === 0)!;
  const guild = ctx.emu.state.guilds.find((g) => g.id === SHARD_ONE_GUILD)!;
  const member = guild.members.find((m) => m.user_id !== DEMO.botUserId)!;
  return { channelId: channel.id, userId: member.user_id };
}

/** Sends a heartbeat and waits for its ACK: every frame sent before it has arrived. */
async function settle(client: GatewayClient) {
  client.heartbeat();
  await client.op(11);
}

describe('shard routing', () => {
  it('guild events go to the shard that owns the guild, DMs to shard 0 only', async () => {
    const { channelId, userId } = await shardOneGuild();
    const zero = await identified(ctx.emu, { shard: [0, 2] });
    const one = await identified(ctx.emu, { shard: [1, 2] });
    expect(zero.ready.d.guilds.map((g: { id: string }) => g.id)).toEqual([DEMO.guildId, DEMO.otherGuildId]);
    expect(one.ready.d.guilds.map((g: { id: string }) => g.id)).toEqual([SHARD_ONE_GUILD]);
    expect((await one.client.dispatch('GUILD_CREATE')).d.id).toBe(SHARD_ONE_GUILD);

    const demo = await inGeneral('on shard zero');
    expect(demo.body.delivered).toEqual([
      { session_id: zero.ready.d.session_id, shard: [0, 2], s: 4, live: true },
    ]);
    const other = await post({ channel_id: channelId, author_id: userId, content: 'on shard one' });
    expect(other.body.delivered.map((d: { shard: number[] }) => d.shard)).toEqual([[1, 2]]);
    const dm = await post({ dm: true, author_id: DEMO.users.ada, content: 'psst' });
    expect(dm.body.delivered.map((d: { shard: number[] }) => d.shard)).toEqual([[0, 2]]);
    expect(dm.body.message).not.toHaveProperty('guild_id');

    expect((await zero.client.dispatch('MESSAGE_CREATE')).d.content).toBe('on shard zero');
    expect((await zero.client.dispatch('MESSAGE_CREATE')).d.content).toBe('psst');
    expect((await one.client.dispatch('MESSAGE_CREATE')).d.content).toBe('on shard one');
    await settle(one.client);
    expect(one.client.pending().filter((f) => f.t === 'MESSAGE_CREATE')).toEqual([]);
  });

  it('MESSAGE_CREATE needs GUILD_MESSAGES in guilds and DIRECT_MESSAGES in DMs', async () => {
    const guildOnly = await identified(ctx.emu, { intents: GUILD_MESSAGES | MESSAGE_CONTENT });
    const dmOnly = await identified(ctx.emu, { intents: DIRECT_MESSAGES });
    const guild = await inGeneral('hi');
    expect(guild.body.delivered.map((d: any) => d.session_id)).toEqual([guildOnly.ready.d.session_id]);
    const dm = await post({ dm: true, author_id: DEMO.users.ada, content: 'hi' });
    expect(dm.body.delivered.map((d: any) => d.session_id)).toEqual([dmOnly.ready.d.session_id]);
  });
});

describe('message content', () => {
  it('without MESSAGE_CONTENT guild messages are scrubbed unless the bot is mentioned or wrote them', async () => {
    const { client } = await identified(ctx.emu, { intents: GUILD_MESSAGES | DIRECT_MESSAGES });
    await inGeneral('!ping', { embeds: [{ title: 'x' }] });
    const plain = await client.dispatch('MESSAGE_CREATE');
    expect(plain.d).toMatchObject({ content: '', embeds: [], attachments: [], components: [] });
    expect(plain.d.author.id).toBe(DEMO.users.max);

    await inGeneral(`<@${DEMO.botUserId}> ping`);
    expect((await client.dispatch('MESSAGE_CREATE')).d.content).toBe(`<@${DEMO.botUserId}> ping`);
    await inGeneral(`<@!${DEMO.botUserId}> nick ping`);
    expect((await client.dispatch('MESSAGE_CREATE')).d.content).toBe(`<@!${DEMO.botUserId}> nick ping`);
    await inGeneral('given mention', { mentions: [DEMO.botUserId] });
    expect((await client.dispatch('MESSAGE_CREATE')).d.content).toBe('given mention');

    const sent = await api(ctx.emu, 'POST', `/channels/${DEMO.channels.general}/messages`, {
      content: 'from the bot',
    });
    expect(sent.status).toBe(200);
    const own = await client.dispatch('MESSAGE_CREATE');
    expect(own.d).toMatchObject({ id: sent.body.id, content: 'from the bot', guild_id: DEMO.guildId });
    expect(own.d.member.roles).toEqual([DEMO.roles.bot]);

    // a reply to the bot pings it
    await inGeneral('a reply', { message_reference: { message_id: sent.body.id } });
    const reply = await client.dispatch('MESSAGE_CREATE');
    expect(reply.d).toMatchObject({ content: 'a reply', type: 19, referenced_message: { id: sent.body.id } });

    await post({ dm: true, author_id: DEMO.users.ada, content: 'dm text' });
    expect((await client.dispatch('MESSAGE_CREATE')).d.content).toBe('dm text');
  });

  it('with MESSAGE_CONTENT the content arrives as written', async () => {
    const { client } = await identified(ctx.emu, { intents: GUILD_MESSAGES | MESSAGE_CONTENT });
    await inGeneral('!ping');
    expect((await client.dispatch('MESSAGE_CREATE')).d.content).toBe('!ping');
  });
});

describe('POST /__emulator/messages', () => {
  it('stores the message with guild_id, member, mentions and a new snowflake', async () => {
    const res = await inGeneral(`hi <@${DEMO.users.ada}> and <@&${DEMO.roles.moderator}>`);
    expect(res.status).toBe(200);
    const message = res.body.message;
    expect(message).toMatchObject({
      channel_id: DEMO.channels.general,
      guild_id: DEMO.guildId,
      author: { id: DEMO.users.max },
      member: { nick: 'Maxi', roles: [DEMO.roles.member] },
      mentions: [{ id: DEMO.users.ada, member: { roles: [DEMO.roles.member] } }],
      mention_roles: [DEMO.roles.moderator],
      type: 0,
      channel_type: 0,
    });
    expect(BigInt(message.id)).toBeGreaterThan(BigInt(DEMO.messages.maxHello));
    expect(res.body.delivered).toEqual([]);
    const stored = await control(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages`);
    expect(stored.body.at(-1)).toMatchObject({ id: message.id, content: message.content });
    const read = await api(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages/${message.id}`);
    expect(read.body.author.id).toBe(DEMO.users.max);
  });

  it('rejects unknown channels, unknown authors and authors outside the guild', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ channel_id: '1', author_id: DEMO.users.max, content: 'x' }, /unknown channel/],
      [{ channel_id: DEMO.channels.general, author_id: '2', content: 'x' }, /unknown author/],
      [{ channel_id: DEMO.channels.general, author_id: DEMO.banned.spammer, content: 'x' }, /not a member/],
      [{ channel_id: DEMO.channels.general, author_id: DEMO.users.max }, /content/],
      [{ channel_id: DEMO.channels.general, author_id: DEMO.users.max, content: '' }, /needs content/],
      [{ author_id: DEMO.users.max, content: 'x' }, /channel_id/],
      [
        { channel_id: DEMO.channels.general, author_id: DEMO.users.max, content: 'x', mentions: ['3'] },
        /unknown mentioned/,
      ],
      [
        {
          channel_id: DEMO.channels.general,
          author_id: DEMO.users.max,
          content: 'x',
          message_reference: { message_id: '4' },
        },
        /no message 4/,
      ],
    ];
    for (const [body, error] of cases) {
      const res = await post(body);
      expect([res.status, res.body.error]).toEqual([400, expect.stringMatching(error)]);
    }
  });
});

describe('other dispatches', () => {
  it('raw dispatch to a shard, or routed by guild and intents', async () => {
    const { client, ready } = await identified(ctx.emu, { shard: [0, 1], intents: GUILD_MESSAGES });
    const raw = await control(ctx.emu, 'POST', '/gateway/dispatch', {
      shard: 0,
      t: 'CUSTOM_EVENT',
      d: { a: 1 },
    });
    expect(raw.body.delivered).toEqual([{ session_id: ready.d.session_id, shard: [0, 1], s: 2, live: true }]);
    expect((await client.dispatch('CUSTOM_EVENT')).d).toEqual({ a: 1 });
    const routed = await control(ctx.emu, 'POST', '/gateway/dispatch', {
      t: 'GUILD_ROLE_CREATE',
      d: { guild_id: DEMO.guildId, role: {} },
    });
    expect(routed.body.delivered).toEqual([]); // needs GUILDS
    const deleted = await control(ctx.emu, 'POST', '/gateway/dispatch', {
      t: 'MESSAGE_DELETE',
      guild_id: DEMO.guildId,
      d: { id: '1', channel_id: DEMO.channels.general },
    });
    expect(deleted.body.delivered).toHaveLength(1);
    expect((await control(ctx.emu, 'POST', '/gateway/dispatch', { shard: 4, t: 'X' })).status).toBe(404);
    expect((await control(ctx.emu, 'POST', '/gateway/dispatch', { t: 'lower' })).status).toBe(400);
  });

  it('op 8 answers GUILD_MEMBERS_CHUNK', async () => {
    const { client } = await identified(ctx.emu, { intents: INTENTS | (1 << 1) });
    client.send({ op: 8, d: { guild_id: DEMO.guildId, query: '', limit: 0, nonce: 'all' } });
    const all = await client.dispatch('GUILD_MEMBERS_CHUNK');
    expect(all.d).toMatchObject({ guild_id: DEMO.guildId, chunk_index: 0, chunk_count: 1, nonce: 'all' });
    expect(all.d.members).toHaveLength(6);
    client.send({ op: 8, d: { guild_id: DEMO.guildId, query: 'MA', limit: 5 } });
    const byName = await client.dispatch('GUILD_MEMBERS_CHUNK');
    expect(byName.d.members.map((m: any) => m.user.username)).toEqual(['max']);
    client.send({ op: 8, d: { guild_id: DEMO.guildId, user_ids: [DEMO.users.ada, '5'] } });
    const byId = await client.dispatch('GUILD_MEMBERS_CHUNK');
    expect([byId.d.members.length, byId.d.not_found]).toEqual([1, ['5']]);
  });

  it('op 8 for every member without GUILD_MEMBERS closes 4001', async () => {
    const { client } = await identified(ctx.emu);
    client.send({ op: 8, d: { guild_id: DEMO.guildId, query: '', limit: 0 } });
    expect((await client.closedWithin()).code).toBe(4001);
  });
});
