import { describe, expect, it } from 'vitest';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator();
const general = `/channels/${DEMO.channels.general}/messages`;

describe('rate limits', () => {
  it('every routed response carries the bucket headers', async () => {
    const res = await api(ctx.emu, 'GET', '/users/@me');
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(res.headers.get('x-ratelimit-reset-after')).toMatch(/^\d+\.\d{3}$/);
    expect(res.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('message create: 5 per 5 s per channel, then a real 429 (scope user)', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await api(ctx.emu, 'POST', general, { content: `m${i}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
    }
    const limited = await api(ctx.emu, 'POST', general, { content: 'too many' });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(limited.body.retry_after).toBeGreaterThan(0);
    expect(limited.body.retry_after).toBeLessThanOrEqual(5);
    expect(limited.headers.get('x-ratelimit-scope')).toBe('user');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another channel has its own bucket (same hash, different major parameter).
    const other = await api(ctx.emu, 'POST', `/channels/${DEMO.channels.announcements}/messages`, {
      content: 'x',
    });
    expect(other.status).toBe(200);
    expect(other.headers.get('x-ratelimit-bucket')).toBe(limited.headers.get('x-ratelimit-bucket'));
    const stored = await control(ctx.emu, 'GET', `/channels/${DEMO.channels.general}/messages`);
    expect(stored.body).toHaveLength(6);
  });

  it('application command writes: 5 per 20 s', async () => {
    const path = `/applications/${DEMO.applicationId}/commands`;
    const first = await api(ctx.emu, 'PUT', path, []);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5');
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(19);
  });

  it('GET /gateway/bot: 2 per 5 s', async () => {
    expect((await api(ctx.emu, 'GET', '/gateway/bot')).status).toBe(200);
    expect((await api(ctx.emu, 'GET', '/gateway/bot')).status).toBe(200);
    expect((await api(ctx.emu, 'GET', '/gateway/bot')).status).toBe(429);
  });

  it('forced 429: user scope keeps route headers, shared has its own message, global has no route headers', async () => {
    await control(ctx.emu, 'POST', '/ratelimit/force', {
      method: 'GET',
      path: '/users/@me',
      scope: 'user',
      retryAfter: 2.5,
      count: 1,
    });
    const user = await api(ctx.emu, 'GET', '/users/@me');
    expect(user.status).toBe(429);
    expect(user.body).toEqual({ message: 'You are being rate limited.', retry_after: 2.5, global: false });
    expect(user.headers.get('retry-after')).toBe('3');
    expect(user.headers.get('x-ratelimit-scope')).toBe('user');
    expect(user.headers.get('x-ratelimit-bucket')).toBeTruthy();
    expect((await api(ctx.emu, 'GET', '/users/@me')).status).toBe(200);

    await control(ctx.emu, 'POST', '/ratelimit/force', {
      path: '/messages',
      scope: 'shared',
      retryAfter: 1,
      count: 2,
    });
    const shared = await api(ctx.emu, 'POST', general, { content: 'x' });
    expect(shared.status).toBe(429);
    expect(shared.body.message).toBe('The resource is being rate limited.');
    expect(shared.headers.get('x-ratelimit-scope')).toBe('shared');
    expect(shared.headers.get('x-ratelimit-remaining')).toBe('5');
    expect((await api(ctx.emu, 'POST', general, { content: 'x' })).status).toBe(429);
    expect((await api(ctx.emu, 'POST', general, { content: 'x' })).status).toBe(200);

    await control(ctx.emu, 'POST', '/ratelimit/force', {
      path: '/guilds/',
      scope: 'global',
      retryAfter: 0.25,
      count: 1,
    });
    const global = await api(ctx.emu, 'GET', `/guilds/${DEMO.guildId}`);
    expect(global.status).toBe(429);
    expect(global.body).toEqual({ message: 'You are being rate limited.', retry_after: 0.25, global: true });
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
    expect(global.headers.get('x-ratelimit-scope')).toBe('global');
    expect(global.headers.get('x-ratelimit-bucket')).toBeNull();
  });

  it('global limit: 50 requests per second per bot token; interaction endpoints exempt', async () => {
    const results = await Promise.all(Array.from({ length: 55 }, () => api(ctx.emu, 'GET', '/users/@me')));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited.some((r) => r.headers.get('x-ratelimit-global') === 'true')).toBe(true);
  });

  it('forced 5xx faults', async () => {
    await control(ctx.emu, 'POST', '/faults', {
      method: 'GET',
      path: `/guilds/${DEMO.guildId}/roles`,
      status: 502,
      count: 1,
    });
    const fault = await api(ctx.emu, 'GET', `/guilds/${DEMO.guildId}/roles`);
    expect(fault.status).toBe(502);
    expect(fault.body).toEqual({ message: '502: Bad Gateway', code: 0 });
    expect((await api(ctx.emu, 'GET', `/guilds/${DEMO.guildId}/roles`)).status).toBe(200);
    const log = await control(ctx.emu, 'GET', '/log?path=/roles');
    expect(log.body.map((e: { status: number }) => e.status)).toEqual([502, 200]);
  });

  it('reset clears buckets and injected faults', async () => {
    await control(ctx.emu, 'POST', '/faults', { path: '/users/@me', status: 500, count: 5 });
    await control(ctx.emu, 'POST', '/reset');
    expect((await api(ctx.emu, 'GET', '/users/@me')).status).toBe(200);
  });
});
