import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const g = DEMO.guildId;
const byId = (list: any[], id: string): any => list.find((x: { id: string }) => x.id === id);

/** Gives the bot the Admin role (Administrator) in the demo guild. */
const makeBotAdmin = () =>
  control(ctx.emu, 'PATCH', `/guilds/${g}/members/${DEMO.botUserId}`, {
    roles: [DEMO.roles.bot, DEMO.roles.admin],
  });

describe('GET /guilds/:id (capture)', () => {
  it('returns every field of the guild object with the demo settings', async () => {
    const res = await api(ctx.emu, 'GET', `/guilds/${g}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: g,
      name: 'Edgeward Demo',
      icon: DEMO.images.icon,
      banner: DEMO.images.banner,
      splash: DEMO.images.splash,
      discovery_splash: null,
      description: 'Where Edgeward is built and tried out.',
      owner_id: DEMO.users.ada,
      verification_level: 2,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      afk_channel_id: DEMO.channels.afk,
      afk_timeout: 900,
      system_channel_id: DEMO.channels.general,
      system_channel_flags: 5,
      rules_channel_id: DEMO.channels.rules,
      public_updates_channel_id: DEMO.channels.modUpdates,
      safety_alerts_channel_id: DEMO.channels.modUpdates,
      preferred_locale: 'en-US',
      premium_progress_bar_enabled: true,
      premium_tier: 2,
      mfa_level: 0,
      nsfw_level: 0,
      max_members: 500000,
    });
    expect(res.body.features).toContain('COMMUNITY');
    for (const key of ['widget_enabled', 'vanity_url_code', 'premium_subscription_count', 'max_presences']) {
      expect(res.body, key).toHaveProperty(key);
    }
    expect(res.body.roles).toHaveLength(5);
    expect(res.body.emojis.map((e: { id: string }) => e.id)).toEqual(Object.values(DEMO.emojis));
    expect(res.body.emojis[0]).not.toHaveProperty('user');
    expect(res.body.stickers.map((s: { id: string }) => s.id)).toEqual(Object.values(DEMO.stickers));
    expect(res.body).not.toHaveProperty('approximate_member_count');
    const counted = await api(ctx.emu, 'GET', `/guilds/${g}?with_counts=true`);
    expect(counted.body.approximate_member_count).toBe(6);
    expect(counted.body.approximate_presence_count).toBe(0);
  });

  it('roles carry colors, icons, emoji, flags and tags; one role by id', async () => {
    const roles = (await api(ctx.emu, 'GET', `/guilds/${g}/roles`)).body;
    for (const role of roles) {
      for (const key of ['color', 'colors', 'hoist', 'icon', 'unicode_emoji', 'position', 'permissions']) {
        expect(role, `${role.name}.${key}`).toHaveProperty(key);
      }
      for (const key of ['managed', 'mentionable', 'flags']) expect(role).toHaveProperty(key);
      expect(role.colors.primary_color).toBe(role.color);
    }
    expect(byId(roles, DEMO.roles.admin)).toMatchObject({
      icon: DEMO.images.adminRoleIcon,
      unicode_emoji: null,
    });
    expect(byId(roles, DEMO.roles.moderator)).toMatchObject({
      unicode_emoji: '🛡️',
      colors: { primary_color: 3447003, secondary_color: 15844367, tertiary_color: null },
    });
    expect(byId(roles, DEMO.roles.bot)).toMatchObject({ managed: true, tags: { bot_id: DEMO.botUserId } });
    expect(byId(roles, DEMO.roles.member)).not.toHaveProperty('tags');
    const one = await api(ctx.emu, 'GET', `/guilds/${g}/roles/${DEMO.roles.admin}`);
    expect(one.body).toEqual(byId(roles, DEMO.roles.admin));
    const unknown = await api(ctx.emu, 'GET', `/guilds/${g}/roles/1`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 10011]);
  });

  it('channels of every type with their complete fields', async () => {
    const channels = (await api(ctx.emu, 'GET', `/guilds/${g}/channels`)).body;
    expect(new Set(channels.map((c: { type: number }) => c.type))).toEqual(new Set([0, 2, 4, 5, 13, 15, 16]));
    for (const c of channels) {
      for (const key of [
        'id',
        'type',
        'guild_id',
        'name',
        'position',
        'parent_id',
        'permission_overwrites',
        'flags',
      ]) {
        expect(c, `${c.name}.${key}`).toHaveProperty(key);
      }
    }
    const text = ['topic', 'nsfw', 'rate_limit_per_user', 'default_auto_archive_duration'];
    expect(Object.keys(byId(channels, DEMO.channels.general))).toEqual(
      expect.arrayContaining([...text, 'default_thread_rate_limit_per_user', 'last_message_id']),
    );
    expect(byId(channels, DEMO.channels.general).default_auto_archive_duration).toBe(4320);
    expect(Object.keys(byId(channels, DEMO.channels.announcements))).toEqual(expect.arrayContaining(text));
    expect(byId(channels, DEMO.channels.lounge)).toMatchObject({
      bitrate: 96000,
      user_limit: 10,
      rtc_region: null,
      video_quality_mode: 2,
    });
    expect(byId(channels, DEMO.channels.townHall)).toMatchObject({
      type: 13,
      bitrate: 64000,
      video_quality_mode: 1,
    });
    expect(byId(channels, DEMO.channels.helpForum)).toMatchObject({
      default_reaction_emoji: { emoji_id: DEMO.emojis.edgeward, emoji_name: null },
      default_sort_order: 0,
      default_forum_layout: 1,
      default_thread_rate_limit_per_user: 0,
    });
    const gallery = byId(channels, DEMO.channels.gallery);
    expect(gallery).toMatchObject({ type: 16, parent_id: DEMO.channels.textCategory, flags: 32768 });
    expect(gallery.available_tags.map((t: { id: string }) => t.id)).toEqual(Object.values(DEMO.mediaTags));
    expect(gallery).not.toHaveProperty('default_forum_layout');
    expect(byId(channels, DEMO.channels.afk)).toMatchObject({
      type: 2,
      parent_id: DEMO.channels.voiceCategory,
    });
    const memberOverwrites = channels.flatMap((c: { permission_overwrites: { type: number }[] }) =>
      c.permission_overwrites.filter((o) => o.type === 1),
    );
    expect(memberOverwrites).toEqual([{ id: DEMO.users.olive, type: 1, allow: '1024', deny: '2048' }]);
    const single = await api(ctx.emu, 'GET', `/channels/${DEMO.channels.gallery}`);
    expect(single.body).toEqual(gallery);
  });
});

describe('emojis and stickers', () => {
  it('lists and gets emojis; `user` only with the expression permissions', async () => {
    const list = await api(ctx.emu, 'GET', `/guilds/${g}/emojis`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(3);
    expect(
      list.body.filter((e: { animated: boolean }) => e.animated).map((e: { id: string }) => e.id),
    ).toEqual([DEMO.emojis.partyBlob]);
    expect(byId(list.body, DEMO.emojis.modsOnly)).toEqual({
      id: DEMO.emojis.modsOnly,
      name: 'mods_only',
      roles: [DEMO.roles.moderator],
      require_colons: true,
      managed: false,
      animated: false,
      available: true,
    });
    const one = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/${DEMO.emojis.partyBlob}`);
    expect(one.body).toMatchObject({ name: 'party_blob', animated: true });
    expect(one.body).not.toHaveProperty('user');
    const unknown = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/1`);
    expect([unknown.status, unknown.body]).toEqual([404, { message: 'Unknown Emoji', code: 10014 }]);
    await makeBotAdmin();
    const withUser = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/${DEMO.emojis.partyBlob}`);
    expect(withUser.body.user).toMatchObject({ id: DEMO.users.alan, username: 'alan' });
    const listed = await api(ctx.emu, 'GET', `/guilds/${g}/emojis`);
    expect(listed.body.every((e: { user?: unknown }) => e.user)).toBe(true);
  });

  it('emoji routes share one bucket per guild', async () => {
    const list = await api(ctx.emu, 'GET', `/guilds/${g}/emojis`);
    const one = await api(ctx.emu, 'GET', `/guilds/${g}/emojis/${DEMO.emojis.edgeward}`);
    expect(one.headers.get('x-ratelimit-bucket')).toBe(list.headers.get('x-ratelimit-bucket'));
    expect(one.headers.get('x-ratelimit-remaining')).toBe('48');
    const other = await api(ctx.emu, 'GET', `/guilds/${DEMO.otherGuildId}/emojis`);
    expect(other.body).toEqual([]);
    expect(other.headers.get('x-ratelimit-remaining')).toBe('49');
  });

  it('lists and gets stickers, also through /stickers/:id', async () => {
    const list = await api(ctx.emu, 'GET', `/guilds/${g}/stickers`);
    expect(list.body).toHaveLength(2);
    expect(byId(list.body, DEMO.stickers.wave)).toEqual({
      id: DEMO.stickers.wave,
      name: 'wave',
      tags: '👋',
      type: 2,
      format_type: 1,
      description: 'Edgeward waves hello',
      asset: '',
      available: true,
      guild_id: g,
    });
    expect(byId(list.body, DEMO.stickers.dance)).toMatchObject({ format_type: 3, description: null });
    const one = await api(ctx.emu, 'GET', `/guilds/${g}/stickers/${DEMO.stickers.dance}`);
    expect(one.body.name).toBe('dance');
    const global = await api(ctx.emu, 'GET', `/stickers/${DEMO.stickers.wave}`);
    expect(global.body).toMatchObject({ id: DEMO.stickers.wave, guild_id: g, type: 2 });
    for (const path of [`/guilds/${g}/stickers/1`, '/stickers/1']) {
      const res = await api(ctx.emu, 'GET', path);
      expect([res.status, res.body.code]).toEqual([404, 10060]);
    }
    await makeBotAdmin();
    const withUser = await api(ctx.emu, 'GET', `/guilds/${g}/stickers/${DEMO.stickers.wave}`);
    expect(withUser.body.user.id).toBe(DEMO.users.ada);
  });

  it('PATCH /__emulator/guilds changes what GET returns; unknown guilds: 10004', async () => {
    await control(ctx.emu, 'PATCH', `/guilds/${DEMO.otherGuildId}`, { name: 'Renamed' });
    expect((await api(ctx.emu, 'GET', `/guilds/${DEMO.otherGuildId}`)).body.name).toBe('Renamed');
    expect((await api(ctx.emu, 'GET', '/guilds/1/emojis')).body.code).toBe(10004);
    expect((await api(ctx.emu, 'GET', '/guilds/1/bans')).body.code).toBe(10004);
  });
});
