import { describe, expect, it } from 'vitest';
import { api, control, DEMO, storedAudit, useEmulator } from './helpers';

const ctx = useEmulator();
const G = DEMO.guildId;

describe('applyFirst faults (crash after the write)', () => {
  it('creates the role, answers 500, and the audit log keeps the reason to find it by', async () => {
    await control(ctx.emu, 'POST', '/faults', {
      method: 'POST',
      path: `/guilds/${G}/roles`,
      status: 500,
      applyFirst: true,
    });
    const res = await api(
      ctx.emu,
      'POST',
      `/guilds/${G}/roles`,
      { name: 'ghost' },
      {
        headers: { 'X-Audit-Log-Reason': 'job-1 role:ghost' },
      },
    );
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ message: '500: Internal Server Error', code: 0 });
    const roles = (await api(ctx.emu, 'GET', `/guilds/${G}/roles`)).body;
    const ghost = roles.find((r: { name: string }) => r.name === 'ghost');
    expect(ghost).toBeDefined();
    expect(storedAudit(ctx.emu).find((e) => e.reason === 'job-1 role:ghost')?.target_id).toBe(ghost.id);
    const logged = (await control(ctx.emu, 'GET', '/log?method=POST&path=/roles')).body;
    expect(logged.at(-1).status).toBe(500);
    // The fault is used up: the next request is answered normally.
    expect((await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'real' })).status).toBe(200);
  });

  it('drop: the connection closes without an answer, but the channel exists', async () => {
    await control(ctx.emu, 'POST', '/faults', {
      method: 'POST',
      path: `/guilds/${G}/channels`,
      drop: true,
      applyFirst: true,
    });
    await expect(api(ctx.emu, 'POST', `/guilds/${G}/channels`, { name: 'half-made' })).rejects.toThrow();
    const channels = (await api(ctx.emu, 'GET', `/guilds/${G}/channels`)).body;
    expect(channels.some((c: { name: string }) => c.name === 'half-made')).toBe(true);
  });

  it('plain faults and forced 429s apply to the write routes and change nothing', async () => {
    await control(ctx.emu, 'POST', '/faults', { method: 'POST', path: '/bulk-ban', status: 503 });
    const fault = await api(ctx.emu, 'POST', `/guilds/${G}/bulk-ban`, { user_ids: [DEMO.users.max] });
    expect(fault.status).toBe(503);
    await control(ctx.emu, 'POST', '/ratelimit/force', {
      method: 'PATCH',
      path: `/members/${DEMO.users.max}`,
      scope: 'user',
    });
    const limited = await api(ctx.emu, 'PATCH', `/guilds/${G}/members/${DEMO.users.max}`, { roles: [] });
    expect(limited.status).toBe(429);
    expect((await api(ctx.emu, 'GET', `/guilds/${G}/members/${DEMO.users.max}`)).body.roles).toEqual([
      DEMO.roles.member,
    ]);
    expect(storedAudit(ctx.emu)).toEqual([]);
  });
});

describe('write buckets', () => {
  it('role create: 10 per 10 s per guild, then 429 with the bucket headers', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: `r${i}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('10');
    }
    const res = await api(ctx.emu, 'POST', `/guilds/${G}/roles`, { name: 'r10' });
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-scope')).toBe('user');
    expect(res.body.retry_after).toBeGreaterThan(0);
    // Other guilds and other routes are not affected.
    expect(
      (await api(ctx.emu, 'PATCH', `/guilds/${G}/roles/${DEMO.roles.member}`, { name: 'm' })).status,
    ).toBe(200);
  });

  it('member updates share one bucket per guild (PATCH member, PUT/DELETE member role)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const method = i % 2 === 0 ? 'DELETE' : 'PUT';
      statuses.push(
        (await api(ctx.emu, method, `/guilds/${G}/members/${DEMO.users.max}/roles/${DEMO.roles.member}`))
          .status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 204)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('emoji create: 5 per 10 s, channel create: 10 per 10 s', async () => {
    const emoji = await api(ctx.emu, 'POST', `/guilds/${G}/emojis`, { name: 'x' });
    expect(emoji.headers.get('x-ratelimit-limit')).toBe('5');
    const channel = await api(ctx.emu, 'POST', `/guilds/${G}/channels`, { name: 'x' });
    expect(channel.headers.get('x-ratelimit-limit')).toBe('10');
  });
});
