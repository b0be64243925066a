import { describe, expect, it } from 'vitest';
import { generateGuild } from '../../../emulator/generate';
import { loadDemoFixture, StateStore } from '../../../emulator/state';
import { api, apiPaced, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();

describe('POST /__emulator/guilds/generate', () => {
  it('builds a 250-role, 500-channel, 100,000-member, 100-emoji guild; members page through in 100 pages', async () => {
    const res = await control(ctx.emu, 'POST', '/guilds/generate', {
      name: 'Big Guild',
      roles: 250,
      channels: 500,
      members: 100_000,
      emojis: 100,
      stickers: 60,
      bans: 2500,
      seed: 7,
    });
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({
      roles: 250,
      channels: 500,
      members: 100_000,
      emojis: 100,
      stickers: 60,
      bans: 2500,
    });
    const id = res.body.guild_id as string;
    const guild = await api(ctx.emu, 'GET', `/guilds/${id}?with_counts=true`);
    expect(guild.body).toMatchObject({ name: 'Big Guild', approximate_member_count: 100_000 });
    expect(guild.body.roles).toHaveLength(250);
    expect(guild.body.emojis).toHaveLength(100);

    let after = '0';
    let full = 0;
    let previous = '';
    const seen = new Set<string>();
    for (;;) {
      const page = await apiPaced(ctx.emu, 'GET', `/guilds/${id}/members?limit=1000&after=${after}`);
      expect(page.status).toBe(200);
      for (const m of page.body as { user: { id: string } }[]) {
        expect(BigInt(m.user.id) > BigInt(previous || '0')).toBe(true);
        previous = m.user.id;
        seen.add(m.user.id);
      }
      if (page.body.length < 1000) {
        expect(page.body).toEqual([]);
        break;
      }
      full += 1;
      after = previous;
    }
    expect(full).toBe(100);
    expect(seen.size).toBe(100_000);
    expect(seen.has(DEMO.botUserId)).toBe(true);

    const bans: string[] = [];
    after = '0';
    for (;;) {
      const page = await apiPaced(ctx.emu, 'GET', `/guilds/${id}/bans?after=${after}`);
      bans.push(...page.body.map((b: { user: { id: string } }) => b.user.id));
      if (page.body.length < 1000) break;
      after = bans.at(-1)!;
    }
    expect(bans).toHaveLength(2500);
    expect(bans.some((b) => seen.has(b))).toBe(false);
  }, 60_000);

  it('a realistic guild: channel mix, categories of at most 50, overwrites, bot with Administrator', async () => {
    const { guild_id: id, counts } = ctx.emu.generateGuild({
      roles: 40,
      channels: 500,
      members: 300,
      emojis: 20,
      seed: 1,
    });
    expect(counts.categories).toBeGreaterThan(1);
    const channels = (await api(ctx.emu, 'GET', `/guilds/${id}/channels`)).body as {
      id: string;
      type: number;
      parent_id: string | null;
      permission_overwrites: { type: number }[];
    }[];
    expect(channels).toHaveLength(500);
    expect(new Set(channels.map((c) => c.type))).toEqual(new Set([0, 2, 4, 5, 13, 15, 16]));
    const perCategory = new Map<string, number>();
    for (const c of channels)
      if (c.parent_id) perCategory.set(c.parent_id, (perCategory.get(c.parent_id) ?? 0) + 1);
    expect(Math.max(...perCategory.values())).toBeLessThanOrEqual(50);
    const categoryIds = new Set(channels.filter((c) => c.type === 4).map((c) => c.id));
    expect([...perCategory.keys()].every((p) => categoryIds.has(p))).toBe(true);
    expect(channels.filter((c) => c.permission_overwrites.length > 0).length).toBeGreaterThan(50);
    expect(channels.some((c) => c.permission_overwrites.some((o) => o.type === 1))).toBe(true);
    const bot = await api(ctx.emu, 'GET', `/guilds/${id}/members/${DEMO.botUserId}`);
    const roles = (await api(ctx.emu, 'GET', `/guilds/${id}/roles`)).body as {
      id: string;
      permissions: string;
    }[];
    expect(roles.find((r) => r.id === bot.body.roles[0])?.permissions).toBe('8');
    // Administrator: bans are readable and emojis come with their creator.
    expect((await api(ctx.emu, 'GET', `/guilds/${id}/bans`)).status).toBe(200);
    expect((await api(ctx.emu, 'GET', `/guilds/${id}/emojis`)).body[0].user).toBeDefined();
    const members = (await api(ctx.emu, 'GET', `/guilds/${id}/members?limit=1000`)).body as {
      roles: string[];
    }[];
    expect(members.some((m) => m.roles.length > 1)).toBe(true);
    const guild = (await api(ctx.emu, 'GET', `/guilds/${id}`)).body;
    expect(channels.find((c) => c.id === guild.system_channel_id)?.type).toBe(0);
    expect(channels.find((c) => c.id === guild.afk_channel_id)?.type).toBe(2);
  });

  it('is deterministic for a given id and seed, and checks its input', async () => {
    const spec = {
      id: '1400000000000000000',
      roles: 20,
      channels: 30,
      members: 100,
      emojis: 5,
      seed: 'same',
    };
    const a = new StateStore(loadDemoFixture());
    const b = new StateStore(loadDemoFixture());
    generateGuild(a, spec);
    generateGuild(b, spec);
    expect(JSON.stringify(a.state)).toBe(JSON.stringify(b.state));
    const first = await control(ctx.emu, 'POST', '/guilds/generate', spec);
    expect(first.body.guild_id).toBe(spec.id);
    const again = await control(ctx.emu, 'POST', '/guilds/generate', spec);
    expect(again.status).toBe(400);
    const overlapping = await control(ctx.emu, 'POST', '/guilds/generate', {
      ...spec,
      id: '1400000000000000010',
    });
    expect(overlapping.status).toBe(400);
    for (const bad of [
      { roles: 251 },
      { channels: 501 },
      { members: 0 },
      { emojis: -1 },
      { roles: 'many' },
      { id: 'x' },
    ]) {
      const res = await control(ctx.emu, 'POST', '/guilds/generate', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error).toBeTypeOf('string');
    }
    await control(ctx.emu, 'POST', '/reset');
    expect((await api(ctx.emu, 'GET', `/guilds/${spec.id}`)).body.code).toBe(10004);
  });
});

describe('control: changing guilds', () => {
  const g = DEMO.guildId;

  it('DELETE a role removes it from members, emojis and overwrites', async () => {
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/roles/${DEMO.roles.moderator}`)).status).toBe(200);
    const roles = (await api(ctx.emu, 'GET', `/guilds/${g}/roles`)).body as { id: string }[];
    expect(roles.map((r) => r.id)).not.toContain(DEMO.roles.moderator);
    expect((await api(ctx.emu, 'GET', `/guilds/${g}/members/${DEMO.users.mia}`)).body.roles).toEqual([
      DEMO.roles.member,
    ]);
    const emoji = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/${DEMO.emojis.modsOnly}`);
    expect(emoji.body.roles).toEqual([]);
    const modUpdates = await control(ctx.emu, 'GET', '/state');
    const channel = modUpdates.body.channels.find((c: { id: string }) => c.id === DEMO.channels.modUpdates);
    expect(channel.permission_overwrites.map((o: { id: string }) => o.id)).toEqual([g, DEMO.users.olive]);
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/roles/${g}`)).status).toBe(400);
    expect((await control(ctx.emu, 'DELETE', `/guilds/${g}/roles/1`)).status).toBe(404);
  });

  it('DELETE a channel: gone over REST, children lose their parent, guild references are cleared', async () => {
    expect((await control(ctx.emu, 'DELETE', `/channels/${DEMO.channels.voiceCategory}`)).status).toBe(200);
    expect((await control(ctx.emu, 'DELETE', `/channels/${DEMO.channels.afk}`)).status).toBe(200);
    expect((await api(ctx.emu, 'GET', `/channels/${DEMO.channels.afk}`)).body.code).toBe(10003);
    expect((await api(ctx.emu, 'GET', `/channels/${DEMO.channels.lounge}`)).body.parent_id).toBeNull();
    expect((await api(ctx.emu, 'GET', `/guilds/${g}`)).body.afk_channel_id).toBeNull();
    expect((await control(ctx.emu, 'DELETE', `/channels/${DEMO.channels.afk}`)).status).toBe(404);
  });

  it('PATCH a guild changes its settings, and refuses unknown fields', async () => {
    const res = await control(ctx.emu, 'PATCH', `/guilds/${g}`, {
      verification_level: 4,
      description: null,
      features: ['COMMUNITY'],
      premium_progress_bar_enabled: false,
    });
    expect(res.body).toMatchObject({ verification_level: 4, description: null, features: ['COMMUNITY'] });
    expect((await api(ctx.emu, 'GET', `/guilds/${g}`)).body.premium_progress_bar_enabled).toBe(false);
    expect((await control(ctx.emu, 'PATCH', `/guilds/${g}`, { verification_level: 'high' })).status).toBe(
      400,
    );
    expect((await control(ctx.emu, 'PATCH', `/guilds/${g}`, { colour: 1 })).status).toBe(400);
    expect((await control(ctx.emu, 'PATCH', '/guilds/1', { name: 'x' })).status).toBe(404);
  });
});
