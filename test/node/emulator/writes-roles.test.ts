import { describe, expect, it } from 'vitest';
import { png } from '../../../emulator/cdn/images';
import { api, botRoles, cdn, control, DEMO, dataUri, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;
const R = DEMO.roles;

async function positions() {
  const res = await api(ctx.emu, 'GET', `/guilds/${G}/roles`);
  return Object.fromEntries(res.body.map((r: { id: string; position: number }) => [r.id, r.position]));
}

describe('POST /guilds/:id/roles', () => {
  it('creates a role at position 1 and shifts the others up', async () => {
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/roles`,
      { name: 'Restored', colors: { primary_color: 0x112233, secondary_color: 0x445566 }, hoist: true },
      { headers: { 'X-Audit-Log-Reason': encodeURIComponent('restore job 7 role:1') } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Restored',
      position: 1,
      color: 0x112233,
      colors: { primary_color: 0x112233, secondary_color: 0x445566, tertiary_color: null },
      hoist: true,
      managed: false,
      mentionable: false,
      // Default permissions: @everyone's.
      permissions: '2150714432',
    });
    const pos = await positions();
    expect(pos).toMatchObject({ [R.everyone]: 0, [R.member]: 2, [R.bot]: 3, [R.moderator]: 4, [R.admin]: 5 });
    const entry = storedAudit(ctx.emu).at(-1);
    expect(entry).toMatchObject({
      action_type: 30,
      target_id: res.body.id,
      user_id: DEMO.botUserId,
      reason: 'restore job 7 role:1',
    });
    expect(entry.changes).toContainEqual({ key: 'name', new_value: 'Restored' });
  });

  it('defaults the name to "new role" and stores an uploaded icon for the CDN', async () => {
    const bytes = png('my-role-icon');
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { icon: dataUri(bytes) });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('new role');
    expect(res.body.icon).toMatch(/^[0-9a-f]{32}$/);
    const img = await cdn(ctx.emu, `/role-icons/${res.body.id}/${res.body.icon}.png`);
    expect(img.status).toBe(200);
    expect(Buffer.from(img.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('only grants permissions the bot has, unless it is an Administrator', async () => {
    const admin = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'x', permissions: '8' });
    expect(admin.status).toBe(403);
    expect(admin.body).toEqual({ message: 'Missing Permissions', code: 50013 });
    await botRoles(ctx.emu, R.admin);
    const ok = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'x', permissions: '8' });
    expect(ok.status).toBe(200);
  });

  it('needs Manage Roles', async () => {
    await control(ctx.emu, 'PATCH', `/guilds/${G}/members/${DEMO.botUserId}`, { roles: [] });
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'x' });
    expect(res.body.code).toBe(50013);
  });

  it('rejects bad fields with 50035', async () => {
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'x'.repeat(101), hoist: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(50035);
    expect(Object.keys(res.body.errors).sort()).toEqual(['hoist', 'name']);
  });

  it('stops at 250 roles with 30005', async () => {
    const { guild_id } = ctx.emu.generateGuild({ roles: 250, channels: 0, members: 2 }) as unknown as {
      guild_id: string;
    };
    const res = await api(ctx.emu, 'POST', `/guilds/${guild_id}/roles`, { name: 'one too many' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Maximum number of guild roles reached (250)', code: 30005 });
  });
});

describe('PATCH and DELETE /guilds/:id/roles/:rid', () => {
  it('edits a role below the bot and records the changes', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles/${R.member}`, {
      name: 'Members',
      mentionable: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: R.member, name: 'Members', mentionable: true });
    const entry = storedAudit(ctx.emu).at(-1);
    expect(entry.action_type).toBe(31);
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { key: 'name', old_value: 'Member', new_value: 'Members' },
        { key: 'mentionable', old_value: false, new_value: true },
      ]),
    );
  });

  it('refuses roles at or above the bot’s highest role (50013)', async () => {
    for (const role of [R.moderator, R.admin, R.bot]) {
      const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles/${role}`, { name: 'nope' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(50013);
    }
  });

  it('refuses to grant a permission the bot lacks', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles/${R.member}`, { permissions: '32' });
    expect(res.body.code).toBe(50013);
  });

  it('deletes a role (204): members, emojis and overwrites lose it', async () => {
    const res = await api(ctx.emu, 'DELETE', `/guilds/${G}/roles/${R.member}`, undefined, {
      headers: { 'X-Audit-Log-Reason': 'cleanup' },
    });
    expect(res.status).toBe(204);
    const member = await api(ctx.emu, 'GET', `/guilds/${G}/members/${DEMO.users.max}`);
    expect(member.body.roles).toEqual([]);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({
      action_type: 32,
      target_id: R.member,
      reason: 'cleanup',
    });
    expect((await api(ctx.emu, 'GET', `/guilds/${G}/roles/${R.member}`)).body.code).toBe(10011);
  });

  it('cannot delete managed roles or @everyone (400 50028); unknown → 10011', async () => {
    await botRoles(ctx.emu, R.admin);
    for (const role of [R.bot, R.everyone]) {
      const res = await api(ctx.emu, 'DELETE', `/guilds/${G}/roles/${role}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid Role', code: 50028 });
    }
    expect((await api(ctx.emu, 'DELETE', `/guilds/${G}/roles/123`)).body.code).toBe(10011);
  });

  it('cannot delete a role above the bot', async () => {
    expect((await api(ctx.emu, 'DELETE', `/guilds/${G}/roles/${R.moderator}`)).body.code).toBe(50013);
  });
});

describe('PATCH /guilds/:id/roles (positions)', () => {
  it('moves roles below the bot and keeps positions 1…n', async () => {
    await botRoles(ctx.emu, R.admin);
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles`, [{ id: R.member, position: 3 }]);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    expect(await positions()).toMatchObject({
      [R.everyone]: 0,
      [R.bot]: 1,
      [R.moderator]: 2,
      [R.member]: 3,
      [R.admin]: 4,
    });
    const updates = storedAudit(ctx.emu).filter((e) => e.action_type === 31);
    expect(updates.map((e) => e.target_id).sort()).toEqual([R.bot, R.member, R.moderator].sort());
  });

  it('refuses to move a role to or above the bot’s highest role', async () => {
    const res = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles`, [{ id: R.member, position: 2 }]);
    expect(res.body.code).toBe(50013);
    const above = await api(ctx.emu, 'PATCH', `/guilds/${G}/roles`, [{ id: R.moderator, position: 1 }]);
    expect(above.body.code).toBe(50013);
  });

  it('unknown role → 10011; not an array → 50035', async () => {
    expect((await api(ctx.emu, 'PATCH', `/guilds/${G}/roles`, [{ id: '1', position: 1 }])).body.code).toBe(
      10011,
    );
    expect((await api(ctx.emu, 'PATCH', `/guilds/${G}/roles`, { id: R.member })).body.code).toBe(50035);
  });
});
