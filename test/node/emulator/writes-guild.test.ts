import { describe, expect, it } from 'vitest';
import { png } from '../../../emulator/cdn/images';
import { api, botRoles, cdn, DEMO, dataUri, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;
const C = DEMO.channels;

describe('PATCH /guilds/:id', () => {
  it('needs Manage Server', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}`, { name: 'New name' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(50013);
  });

  it('changes settings, checks channel ids, and records GUILD_UPDATE', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const res = await api(
      ctx.emu,
      'PATCH',
      `/guilds/${G}`,
      {
        name: 'Restored Demo',
        description: null,
        afk_channel_id: C.lounge,
        afk_timeout: 300,
        system_channel_id: C.announcements,
        system_channel_flags: 1,
        rules_channel_id: C.general,
        safety_alerts_channel_id: null,
        verification_level: 1,
        default_message_notifications: 0,
        explicit_content_filter: 1,
        preferred_locale: 'de',
        premium_progress_bar_enabled: false,
      },
      { headers: { 'X-Audit-Log-Reason': 'settings' } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Restored Demo',
      description: null,
      afk_channel_id: C.lounge,
      afk_timeout: 300,
      system_channel_id: C.announcements,
      rules_channel_id: C.general,
      safety_alerts_channel_id: null,
      verification_level: 1,
      preferred_locale: 'de',
    });
    const entry = storedAudit(ctx.emu).at(-1);
    expect(entry).toMatchObject({ action_type: 1, target_id: G, reason: 'settings' });
    expect(entry.changes).toContainEqual({
      key: 'name',
      old_value: 'Edgeward Demo',
      new_value: 'Restored Demo',
    });
  });

  it('rejects channel ids that are unknown, of another guild, or of the wrong type', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}`, {
      system_channel_id: C.otherGeneral,
      afk_channel_id: C.general,
      public_updates_channel_id: '123',
      afk_timeout: 42,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(50035);
    expect(Object.keys(res.body.errors).sort()).toEqual([
      'afk_channel_id',
      'afk_timeout',
      'public_updates_channel_id',
      'system_channel_id',
    ]);
    const voiceRules = await api(ctx.emu, 'PATCH', `/guilds/${G}`, { rules_channel_id: C.lounge });
    expect(voiceRules.body).toEqual({
      message: 'Community server channels must be text channels',
      code: 50086,
    });
    expect((await api(ctx.emu, 'GET', `/guilds/${G}`)).body.name).toBe('Edgeward Demo');
  });

  it('uploads icon and banner image data; the CDN serves the new hash, the old one 404s', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const bytes = png('new-icon');
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}`, { icon: dataUri(bytes), banner: null });
    expect(res.body.icon).toMatch(/^[0-9a-f]{32}$/);
    expect(res.body.banner).toBeNull();
    const img = await cdn(ctx.emu, `/icons/${G}/${res.body.icon}.png`);
    expect(Buffer.from(img.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect((await cdn(ctx.emu, `/icons/${G}/${DEMO.images.icon}.png`)).status).toBe(404);
  });

  it('COMMUNITY can only be added or removed by an Administrator; other features are kept', async () => {
    await botRoles(ctx.emu, DEMO.roles.moderator); // Manage Server, no Administrator
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}`, { features: [] });
    expect(res.body.code).toBe(50013);
    const keep = await api(ctx.emu, 'PATCH', `/guilds/${G}`, { features: ['COMMUNITY', 'INVITES_DISABLED'] });
    expect(keep.status).toBe(200);
    expect(keep.body.features).toEqual([
      'BANNER',
      'COMMUNITY',
      'ENHANCED_ROLE_COLORS',
      'INVITE_SPLASH',
      'NEWS',
      'ROLE_ICONS',
      'INVITES_DISABLED',
    ]);
  });
});
