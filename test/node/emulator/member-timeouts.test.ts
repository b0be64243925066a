import { describe, expect, it } from 'vitest';
import { api, botRoles, DEMO, useEmulator } from './helpers';

/** Modify Guild Member's `communication_disabled_until` (`developers/resources/guild.mdx`). */
const ctx = useEmulator();
const G = DEMO.guildId;
const timeOut = (userId: string, until: string | null) =>
  api(ctx.emu, 'PATCH', `/guilds/${G}/members/${userId}`, { communication_disabled_until: until });
const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

describe('member timeouts', () => {
  it('need Moderate Members (403 50013)', async () => {
    const res = await timeOut(DEMO.users.max, inMinutes(5));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(50013);
  });

  it('time a member out and lift it, each recorded in the audit log', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const until = inMinutes(10);
    const set = await timeOut(DEMO.users.max, until);
    expect(set.status).toBe(200);
    expect(set.body.communication_disabled_until).toBe(until);
    const read = await api(ctx.emu, 'GET', `/guilds/${G}/members/${DEMO.users.max}`);
    expect(read.body.communication_disabled_until).toBe(until);
    const lifted = await timeOut(DEMO.users.max, null);
    expect(lifted.body.communication_disabled_until).toBeNull();
    const entries = (await api(ctx.emu, 'GET', `/guilds/${G}/audit-logs?action_type=24`)).body
      .audit_log_entries;
    expect(entries.map((e: { changes: unknown[] }) => e.changes)).toEqual([
      [{ key: 'communication_disabled_until', old_value: until }],
      [{ key: 'communication_disabled_until', new_value: until }],
    ]);
  });

  it('refuse the owner and Administrators (403), and more than 28 days or a bad timestamp (400)', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    expect((await timeOut(DEMO.users.ada, inMinutes(5))).status).toBe(403);
    expect((await timeOut(DEMO.users.alan, inMinutes(5))).status).toBe(403);
    const far = await timeOut(DEMO.users.max, inMinutes(29 * 24 * 60));
    expect(far.status).toBe(400);
    expect(far.body.errors.communication_disabled_until._errors[0].code).toBe(
      'COMMUNICATION_DISABLED_TIMESTAMP_TOO_LARGE',
    );
    expect((await timeOut(DEMO.users.max, 'tomorrow')).status).toBe(400);
    expect(
      (await api(ctx.emu, 'GET', `/guilds/${G}/members/${DEMO.users.max}`)).body.communication_disabled_until,
    ).toBeNull();
  });
});
