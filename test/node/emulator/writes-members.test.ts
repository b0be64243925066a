import { describe, expect, it } from 'vitest';
import { api, botRoles, control, DEMO, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;
const R = DEMO.roles;
const U = DEMO.users;

describe('member roles', () => {
  it('PATCH roles replaces the list and records $add / $remove', async () => {
    const res = await api(
      ctx.emu,
      'PATCH',
      `/guilds/${G}/members/${U.olive}`,
      { roles: [] },
      {
        headers: { 'X-Audit-Log-Reason': encodeURIComponent('restore: member roles') },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual([]);
    expect(res.body.user.id).toBe(U.olive);
    expect(storedAudit(ctx.emu).at(-1)).toEqual({
      id: expect.any(String),
      action_type: 25,
      user_id: DEMO.botUserId,
      target_id: U.olive,
      reason: 'restore: member roles',
      changes: [{ key: '$remove', new_value: [{ id: R.member, name: 'Member' }] }],
    });
    const back = await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${U.olive}`, { roles: [R.member] });
    expect(back.body.roles).toEqual([R.member]);
    expect(storedAudit(ctx.emu).at(-1).changes[0].key).toBe('$add');
  });

  it('roles at or above the bot’s highest role, and managed roles, → 403 50013', async () => {
    const above = await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${U.olive}`, {
      roles: [R.member, R.moderator],
    });
    expect(above.status).toBe(403);
    expect(above.body.code).toBe(50013);
    // Removing a role above the bot is refused too (mia has Moderator).
    const remove = await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${U.mia}`, { roles: [R.member] });
    expect(remove.body.code).toBe(50013);
    await botRoles(ctx.emu, R.admin);
    const managed = await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.olive}/roles/${R.bot}`);
    expect(managed.body.code).toBe(50013);
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.olive}/roles/${R.moderator}`)).status).toBe(
      204,
    );
  });

  it('not a member → 404 10007 (also after the member leaves mid-job); unknown role → 10011', async () => {
    const banned = await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${DEMO.banned.spammer}`, { roles: [] });
    expect(banned.status).toBe(404);
    expect(banned.body).toEqual({ message: 'Unknown Member', code: 10007 });
    const left = await control(ctx.emu, 'POST', `/guilds/${G}/members/${U.max}/leave`);
    expect(left.status).toBe(200);
    expect((await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${U.max}`, { roles: [] })).body.code).toBe(
      10007,
    );
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.max}/roles/${R.member}`)).body.code).toBe(
      10007,
    );
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.olive}/roles/99`)).body.code).toBe(10011);
    expect((await control(ctx.emu, 'POST', `/guilds/${G}/members/${U.max}/leave`)).status).toBe(404);
  });

  it('PUT and DELETE a member role (204), without Manage Roles → 50013', async () => {
    const put = await api(ctx.emu, 'DELETE', `/guilds/${G}/members/${U.max}/roles/${R.member}`);
    expect(put.status).toBe(204);
    expect((await api(ctx.emu, 'GET', `/guilds/${G}/members/${U.max}`)).body.roles).toEqual([]);
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.max}/roles/${R.member}`)).status).toBe(204);
    expect(storedAudit(ctx.emu).filter((e) => e.action_type === 25)).toHaveLength(2);
    await control(ctx.emu, 'PATCH', `/guilds/${G}/members/${DEMO.botUserId}`, { roles: [] });
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/members/${U.max}/roles/${R.member}`)).body.code).toBe(
      50013,
    );
  });
});

describe('bans', () => {
  it('bulk-ban needs Ban Members and Manage Server', async () => {
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/bulk-ban`, { user_ids: [U.max] });
    expect(res.body.code).toBe(50013);
  });

  it('bulk-ban bans who it can and lists the rest in failed_users', async () => {
    await botRoles(ctx.emu, R.admin);
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/bulk-ban`,
      { user_ids: [U.max, U.olive, DEMO.banned.spammer, U.ada, '42'], delete_message_seconds: 3600 },
      { headers: { 'X-Audit-Log-Reason': 'restore bans' } },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      banned_users: [U.max, U.olive],
      failed_users: [DEMO.banned.spammer, U.ada, '42'],
    });
    const ban = await api(ctx.emu, 'GET', `/guilds/${G}/bans/${U.max}`);
    expect(ban.body.reason).toBe('restore bans');
    expect((await api(ctx.emu, 'GET', `/guilds/${G}/members/${U.max}`)).body.code).toBe(10007);
    expect(
      storedAudit(ctx.emu)
        .filter((e) => e.action_type === 22)
        .map((e) => e.target_id),
    ).toEqual([U.max, U.olive]);
  });

  it('bulk-ban: nobody banned → 500000; more than 200 ids → 50035', async () => {
    await botRoles(ctx.emu, R.admin);
    const none = await api(ctx.emu, 'POST', `/guilds/${G}/bulk-ban`, { user_ids: [DEMO.banned.raider] });
    expect(none.status).toBe(400);
    expect(none.body).toEqual({ message: 'Failed to ban users', code: 500000 });
    const many = Array.from({ length: 201 }, (_, i) => String(1400000000000000000n + BigInt(i)));
    expect((await api(ctx.emu, 'POST', `/guilds/${G}/bulk-ban`, { user_ids: many })).body.code).toBe(50035);
  });

  it('PUT bans (204), refusing members at or above the bot; DELETE lifts (204), unknown → 10026', async () => {
    const above = await api(ctx.emu, 'PUT', `/guilds/${G}/bans/${U.mia}`, {});
    expect(above.body.code).toBe(50013);
    const put = await api(
      ctx.emu,
      'PUT',
      `/guilds/${G}/bans/${U.max}`,
      { delete_message_seconds: 0 },
      {
        headers: { 'X-Audit-Log-Reason': 'x' },
      },
    );
    expect(put.status).toBe(204);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({ action_type: 22, target_id: U.max, reason: 'x' });
    const lift = await api(ctx.emu, 'DELETE', `/guilds/${G}/bans/${DEMO.banned.spammer}`);
    expect(lift.status).toBe(204);
    expect(storedAudit(ctx.emu).at(-1)).toMatchObject({ action_type: 23, target_id: DEMO.banned.spammer });
    expect((await api(ctx.emu, 'DELETE', `/guilds/${G}/bans/${DEMO.banned.spammer}`)).body.code).toBe(10026);
    expect((await api(ctx.emu, 'PUT', `/guilds/${G}/bans/77`)).body.code).toBe(10013);
  });
});
