import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, GatewayClient, INTENTS, identified } from './gateway-client';
import { api, control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

/** Connects, waits for Hello, sends `payload`, and returns the close code. */
async function closeCodeAfter(...payloads: unknown[]): Promise<number> {
  const client = await GatewayClient.connect(ctx.emu);
  await client.op(10);
  for (const payload of payloads) client.send(payload);
  return (await client.closedWithin()).code;
}

const identify = (d: Record<string, unknown>) => ({
  op: 2,
  d: { token: DEMO.botToken, intents: INTENTS, properties: {}, ...d },
});

describe('identify validation', () => {
  it('closes with the documented code for each bad identify', async () => {
    expect(await closeCodeAfter(identify({ token: 'nope' }))).toBe(4004);
    expect(await closeCodeAfter(identify({}), identify({}))).toBe(4005);
    expect(await closeCodeAfter(identify({ intents: 1 << 17 }))).toBe(4013);
    expect(await closeCodeAfter(identify({ intents: -1 }))).toBe(4013);
    expect(await closeCodeAfter(identify({ intents: undefined }))).toBe(4013);
    // presences are off in the fixture
    expect(await closeCodeAfter(identify({ intents: INTENTS | (1 << 8) }))).toBe(4014);
    expect(await closeCodeAfter(identify({ shard: [1, 1] }))).toBe(4010);
    expect(await closeCodeAfter(identify({ shard: [0, 0] }))).toBe(4010);
    expect(await closeCodeAfter(identify({ shard: [-1, 2] }))).toBe(4010);
    expect(await closeCodeAfter(identify({ shard: 'x' }))).toBe(4010);
    const { body } = await control(ctx.emu, 'GET', '/gateway/sessions');
    // only the first identify of the 4005 case made a session
    expect(body.sessions.map((x: any) => [x.status, x.closeCodesSent])).toEqual([['resumable', [4005]]]);
    expect(body.identifyLog.map((r: { outcome: string }) => r.outcome)).toContain('close 4014');
    expect(body.closes.map((c: { code: number }) => c.code)).toEqual([
      4004, 4005, 4013, 4013, 4013, 4014, 4010, 4010, 4010, 4010,
    ]);
  });

  it('a bad token is checked before the intents; the intents before the shard', async () => {
    expect(await closeCodeAfter(identify({ token: 'nope', intents: 1 << 17 }))).toBe(4004);
    expect(await closeCodeAfter(identify({ intents: 1 << 17, shard: [3, 1] }))).toBe(4013);
  });

  it('privileged intents follow PUT /__emulator/intents', async () => {
    await control(ctx.emu, 'PUT', '/intents', { messageContent: false });
    expect(await closeCodeAfter(identify({ intents: 1 << 15 }))).toBe(4014);
    await control(ctx.emu, 'PUT', '/intents', { messageContent: true, presences: true });
    const { ready } = await identified(ctx.emu, { intents: (1 << 15) | (1 << 8) | (1 << 1) });
    expect(ready.d.application.flags & (1 << 13)).toBe(1 << 13);
  });

  it('4011 when a shard would hold more guilds than allowed', async () => {
    await control(ctx.emu, 'PUT', '/gateway/config', { maxGuildsPerShard: 1 });
    expect(await closeCodeAfter(identify({}))).toBe(4011);
  });

  it('a second identify on the same concurrency key within the window gets op 9 false', async () => {
    await control(ctx.emu, 'PUT', '/gateway/config', { identifyWindowMs: 5000, maxConcurrency: 2 });
    await identified(ctx.emu, { shard: [0, 4] });
    // shard 1 has another key: accepted at once
    await identified(ctx.emu, { shard: [1, 4] });
    const early = await GatewayClient.connect(ctx.emu);
    await early.op(10);
    early.identify({ shard: [2, 4] });
    expect(await early.op(9)).toEqual({ op: 9, d: false, s: null, t: null });
    expect(early.ws.readyState).toBe(early.ws.OPEN);
    // once the window has passed, the same connection may identify
    await control(ctx.emu, 'PUT', '/gateway/config', { identifyWindowMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    early.identify({ shard: [2, 4] });
    expect((await early.dispatch('READY')).d.shard).toEqual([2, 4]);
    const { body } = await control(ctx.emu, 'GET', '/gateway/sessions');
    expect(body.identifyLog.map((r: any) => [r.shard[0], r.accepted, r.outcome])).toEqual([
      [0, true, 'ready'],
      [1, true, 'ready'],
      [2, false, 'concurrency'],
      [2, true, 'ready'],
    ]);
    expect(body.sessionStartLimit.remaining).toBe(997);
  });

  it('each accepted identify uses a session start; with none left the identify closes 4004', async () => {
    await control(ctx.emu, 'PUT', '/gateway/config', { sessionStartTotal: 5, sessionStartRemaining: 1 });
    await identified(ctx.emu);
    const limit = (await api(ctx.emu, 'GET', '/gateway/bot')).body.session_start_limit;
    expect(limit).toMatchObject({ total: 5, remaining: 0 });
    expect(await closeCodeAfter(identify({}))).toBe(4004);
    const bad = await control(ctx.emu, 'PUT', '/gateway/config', { sessionStartRemaining: 6 });
    expect(bad.status).toBe(400);
  });
});

describe('frames', () => {
  it('ops other than 1, 2 and 6 before identify close 4003', async () => {
    expect(
      await closeCodeAfter({ op: 3, d: { since: null, activities: [], status: 'online', afk: false } }),
    ).toBe(4003);
    expect(await closeCodeAfter({ op: 8, d: { guild_id: DEMO.guildId, query: '', limit: 0 } })).toBe(4003);
  });

  it('invalid JSON, a payload without op, or a frame over 4096 bytes close 4002', async () => {
    expect(await closeCodeAfter('{not json')).toBe(4002);
    expect(await closeCodeAfter({ d: null })).toBe(4002);
    expect(await closeCodeAfter({ op: 1, d: null, pad: 'x'.repeat(4100) })).toBe(4002);
  });

  it('unknown opcodes and receive-only opcodes close 4001', async () => {
    expect(await closeCodeAfter({ op: 99, d: null })).toBe(4001);
    expect(await closeCodeAfter({ op: 11, d: null })).toBe(4001);
  });

  it('more than the allowed frames in 60 s close 4008 (heartbeats count)', async () => {
    const frames = Array.from({ length: 121 }, () => ({ op: 1, d: null }));
    expect(await closeCodeAfter(...frames)).toBe(4008);
    await control(ctx.emu, 'PUT', '/gateway/config', { sendLimitPer60s: 3 });
    expect(await closeCodeAfter(...frames.slice(0, 4))).toBe(4008);
  });

  it('after identify: presence updates are validated and stored, voice state is ignored', async () => {
    const { client } = await identified(ctx.emu);
    const presence = { since: null, activities: [{ name: 'tests', type: 0 }], status: 'idle', afk: false };
    client.send({ op: 3, d: presence });
    client.send({
      op: 4,
      d: { guild_id: DEMO.guildId, channel_id: null, self_mute: false, self_deaf: false },
    });
    client.heartbeat();
    await client.op(11);
    const { body } = await control(ctx.emu, 'GET', '/gateway/sessions');
    expect(body.sessions[0].presence).toEqual(presence);
    client.send({ op: 3, d: { status: 'sleepy' } });
    expect((await client.closedWithin()).code).toBe(4001);
  });

  it('config changes are validated', async () => {
    const bad = await control(ctx.emu, 'PUT', '/gateway/config', { heartbeatIntervalMs: 0, nope: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/heartbeatIntervalMs/);
    expect(bad.body.error).toMatch(/nope/);
    const ok = await control(ctx.emu, 'PUT', '/gateway/config', { heartbeatIntervalMs: 500 });
    expect(ok.body.heartbeatIntervalMs).toBe(500);
    expect((await control(ctx.emu, 'GET', '/gateway/config')).body.heartbeatIntervalMs).toBe(500);
  });
});
