import { describe, expect, it } from 'vitest';
import { api, botRoles, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;
const log = (query = '') => api(ctx.emu, 'GET', `/guilds/${G}/audit-logs${query}`);

async function createRoles(n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/roles`,
      { name: `r${i}` },
      {
        headers: { 'X-Audit-Log-Reason': `job ${i}` },
      },
    );
    ids.push(res.body.id);
  }
  return ids;
}

describe('GET /guilds/:id/audit-logs', () => {
  it('needs View Audit Log (403 50013)', async () => {
    const res = await log();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe(50013);
  });

  it('returns entries newest first with the referenced users', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const roles = await createRoles(3);
    await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${DEMO.users.max}`, { roles: [] });
    const res = await log();
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([
      'application_commands',
      'audit_log_entries',
      'auto_moderation_rules',
      'guild_scheduled_events',
      'integrations',
      'threads',
      'users',
      'webhooks',
    ]);
    const entries = res.body.audit_log_entries;
    expect(entries.map((e: { action_type: number }) => e.action_type)).toEqual([25, 30, 30, 30]);
    expect(entries[1]).toMatchObject({ target_id: roles[2], reason: 'job 2', user_id: DEMO.botUserId });
    const users = res.body.users.map((u: { id: string }) => u.id).sort();
    expect(users).toEqual([DEMO.botUserId, DEMO.users.max].sort());
  });

  it('filters by action_type and user_id, pages with before/after and limit', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const roles = await createRoles(5);
    await api(ctx.emu, 'PATCH', `/guilds/${G}/roles/${roles[0]}`, { name: 'renamed' });
    const creates = (await log('?action_type=30')).body.audit_log_entries;
    expect(creates).toHaveLength(5);
    const ids = creates.map((e: { id: string }) => e.id);
    expect((await log(`?user_id=${DEMO.users.ada}`)).body.audit_log_entries).toEqual([]);
    expect((await log(`?user_id=${DEMO.botUserId}`)).body.audit_log_entries).toHaveLength(6);
    const page = (await log(`?action_type=30&limit=2&before=${ids[1]}`)).body.audit_log_entries;
    expect(page.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[3]]);
    // `after` alone: oldest first.
    const after = (await log(`?action_type=30&limit=2&after=${ids[2]}`)).body.audit_log_entries;
    expect(after.map((e: { id: string }) => e.id)).toEqual([ids[1], ids[0]]);
    expect((await log('?limit=101')).body.errors.limit._errors[0].code).toBe('NUMBER_TYPE_MAX');
  });

  it('the reason is URL-decoded and cut to 512 characters; no header → no reason', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    const reason = `Edgeward restore ✓ ${'x'.repeat(600)}`;
    await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/roles`,
      { name: 'a' },
      {
        headers: { 'X-Audit-Log-Reason': encodeURIComponent(reason) },
      },
    );
    await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'b' });
    const [plain, long] = (await log()).body.audit_log_entries;
    expect(plain.reason).toBeUndefined();
    expect(long.reason).toBe([...reason].slice(0, 512).join(''));
  });

  it('entries carry changes: created roles have new values only', async () => {
    await botRoles(ctx.emu, DEMO.roles.admin);
    await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'fresh', permissions: '0' });
    const [entry] = (await log()).body.audit_log_entries;
    expect(entry.changes).toContainEqual({ key: 'name', new_value: 'fresh' });
    expect(entry.changes.every((c: { old_value?: unknown }) => c.old_value === undefined)).toBe(true);
  });
});
