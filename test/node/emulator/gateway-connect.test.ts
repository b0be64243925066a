import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, GatewayClient, INTENTS, identified } from './gateway-client';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

describe('connecting', () => {
  it('GET /gateway/bot gives the url, the recommended shards and the live session start limit', async () => {
    await control(ctx.emu, 'PUT', '/gateway/config', { recommendedShards: 3, maxConcurrency: 2 });
    const before = await api(ctx.emu, 'GET', '/gateway/bot');
    expect(before.body).toMatchObject({
      url: `${ctx.emu.url.replace('http', 'ws')}/gateway`,
      shards: 3,
      session_start_limit: { total: 1000, remaining: 1000, max_concurrency: 2 },
    });
    expect(before.body.session_start_limit.reset_after).toBeGreaterThan(0);
    await identified(ctx.emu);
    const after = await api(ctx.emu, 'GET', '/gateway/bot');
    expect(after.body.session_start_limit.remaining).toBe(999);
  });

  it('cold start: Hello, then READY and one GUILD_CREATE per guild after Identify', async () => {
    const client = await GatewayClient.connect(ctx.emu);
    const hello = await client.op(10);
    expect(hello).toEqual({ op: 10, d: { heartbeat_interval: 1000 }, s: null, t: null });
    client.identify({ shard: [0, 1] });
    const ready = await client.dispatch('READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: DEMO.botUserId, bot: true },
      guilds: [
        { id: DEMO.guildId, unavailable: true },
        { id: DEMO.otherGuildId, unavailable: true },
      ],
      resume_gateway_url: `${ctx.emu.url.replace('http', 'ws')}/resume-gateway`,
      shard: [0, 1],
      application: { id: DEMO.applicationId },
    });
    expect(ready.d.session_id).toMatch(/^[0-9a-f]{32}$/);
    // members and message content are enabled in the fixture: their *_LIMITED flags
    expect(ready.d.application.flags & ((1 << 15) | (1 << 19))).toBe((1 << 15) | (1 << 19));

    const demo = await client.dispatch('GUILD_CREATE');
    expect(demo.s).toBe(2);
    expect(demo.d).toMatchObject({
      id: DEMO.guildId,
      name: 'Edgeward Demo',
      unavailable: false,
      large: false,
      member_count: 6,
      joined_at: '2024-10-27T08:00:00.000Z',
      voice_states: [],
      threads: [],
      presences: [],
    });
    expect(demo.d.roles.map((r: { id: string }) => r.id)).toContain(DEMO.roles.bot);
    expect(demo.d.channels.map((c: { id: string }) => c.id)).toContain(DEMO.channels.general);
    // without GUILD_PRESENCES only the bot is listed
    expect(demo.d.members.map((m: { user: { id: string } }) => m.user.id)).toEqual([DEMO.botUserId]);
    const other = await client.dispatch('GUILD_CREATE');
    expect([other.d.id, other.s]).toEqual([DEMO.otherGuildId, 3]);
  });

  it('READY has no shard unless Identify sent one; no GUILD_CREATE without GUILDS', async () => {
    const { client, ready } = await identified(ctx.emu, { intents: 1 << 9 });
    expect(ready.d.shard).toBeUndefined();
    client.heartbeat();
    await client.op(11);
    expect(client.pending().filter((f) => f.t === 'GUILD_CREATE')).toEqual([]);
  });

  it('with GUILD_PRESENCES enabled and requested, GUILD_CREATE lists every member of a small guild', async () => {
    await control(ctx.emu, 'PUT', '/intents', { presences: true });
    const { client } = await identified(ctx.emu, { intents: INTENTS | (1 << 8) });
    const guild = await client.dispatch('GUILD_CREATE');
    expect(guild.d.members).toHaveLength(6);
  });

  it('v other than 10, etf and transport compression close 4012', async () => {
    for (const query of [
      '?v=9&encoding=json',
      '?encoding=json',
      '?v=10&encoding=etf',
      '?v=10&compress=zlib-stream',
    ]) {
      const client = await GatewayClient.connect(ctx.emu, { query });
      expect((await client.closedWithin()).code).toBe(4012);
      expect(client.frames).toEqual([]);
    }
  });

  it('unknown upgrade paths are a 404; an injected upgrade failure answers the next handshake', async () => {
    await expect(GatewayClient.connect(ctx.emu, { path: '/nope' })).rejects.toThrow(/404/);
    const set = await control(ctx.emu, 'POST', '/gateway/upgrade-failure', { status: 429, retryAfter: 3 });
    expect(set.body).toEqual({ pending: 1 });
    const refused = await rawUpgrade(`${ctx.emu.url}/gateway?v=10&encoding=json`);
    expect(refused).toMatchObject({
      status: 429,
      retryAfter: '3',
      body: { message: '429: Too Many Requests' },
    });
    await control(ctx.emu, 'POST', '/gateway/upgrade-failure', { status: 503 });
    await expect(GatewayClient.connect(ctx.emu)).rejects.toThrow(/503/);
    const client = await GatewayClient.connect(ctx.emu);
    expect((await client.op(10)).d.heartbeat_interval).toBe(1000);
    const bad = await control(ctx.emu, 'POST', '/gateway/upgrade-failure', { status: 200 });
    expect(bad.status).toBe(400);
  });

  it('the resume URL serves the same gateway', async () => {
    const client = await GatewayClient.connect(ctx.emu, { path: '/resume-gateway' });
    expect((await client.op(10)).op).toBe(10);
  });
});

/** An upgrade request whose answer is read as plain HTTP (what a Worker's `fetch` with `Upgrade` sees). */
function rawUpgrade(url: string): Promise<{ status: number; retryAfter: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] as string | undefined,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        }),
      );
    });
    req.on('upgrade', () => reject(new Error('the handshake was accepted')));
    req.on('error', reject);
    req.end();
  });
}
