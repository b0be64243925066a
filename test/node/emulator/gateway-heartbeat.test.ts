import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, GatewayClient, identified } from './gateway-client';
import { control, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

async function sessions() {
  return (await control(ctx.emu, 'GET', '/gateway/sessions')).body;
}

describe('heartbeats', () => {
  it('are answered with op 11 before and after Identify, and recorded with the seq they carried', async () => {
    const client = await GatewayClient.connect(ctx.emu);
    await client.op(10);
    client.heartbeat(null);
    expect(await client.op(11)).toEqual({ op: 11, d: null, s: null, t: null });
    client.identify();
    await client.dispatch('GUILD_CREATE');
    await client.dispatch('GUILD_CREATE');
    client.heartbeat(3);
    await client.op(11);
    client.heartbeat(1);
    await client.op(11);
    const [session] = (await sessions()).sessions;
    expect(session).toMatchObject({
      seq: 3,
      heartbeatsReceived: 3,
      lastHeartbeatSeq: 1,
      heartbeatSeqMismatches: 1,
    });
    expect(session.lastHeartbeatAt).toBeGreaterThan(0);
  });

  it('a heartbeat whose d is not a number or null closes 4001', async () => {
    const client = await GatewayClient.connect(ctx.emu);
    client.send({ op: 1, d: 'x' });
    expect((await client.closedWithin()).code).toBe(4001);
  });

  it('no heartbeat within interval × 1.5 closes 4009 and leaves the session resumable', async () => {
    await control(ctx.emu, 'PUT', '/gateway/config', { heartbeatIntervalMs: 150 });
    const { client, ready } = await identified(ctx.emu);
    const closed = await client.closedWithin(1000);
    expect(closed.code).toBe(4009);
    const [session] = (await sessions()).sessions;
    expect(session).toMatchObject({ status: 'resumable', connected: false, closeCodesSent: [4009] });
    const again = await GatewayClient.connect(ctx.emu, { path: '/resume-gateway' });
    again.resume(ready.d.session_id, 3);
    await again.dispatch('RESUMED');
  });

  it('heartbeats keep the connection open past the timeout', async () => {
    // the deadline is 300 ms; four beats 100 ms apart outlive it
    await control(ctx.emu, 'PUT', '/gateway/config', { heartbeatIntervalMs: 200 });
    const client = await GatewayClient.connect(ctx.emu);
    await client.op(10);
    for (let i = 0; i < 4; i++) {
      client.heartbeat(null);
      await client.op(11);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  it('ack mode drop (zombie) and delay, per shard or for all', async () => {
    const { client } = await identified(ctx.emu, { shard: [0, 1] });
    const set = await control(ctx.emu, 'PUT', '/gateway/ack-mode', { shard: 0, mode: 'drop' });
    expect(set.body).toEqual({ '0': { mode: 'drop' } });
    client.heartbeat();
    await expect(client.op(11, 150)).rejects.toThrow();
    await control(ctx.emu, 'PUT', '/gateway/ack-mode', { shard: 0, mode: 'delay', ms: 100 });
    const sent = Date.now();
    client.heartbeat();
    await client.op(11);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(90);
    await control(ctx.emu, 'PUT', '/gateway/ack-mode', { shard: 0, mode: 'normal' });
    client.heartbeat();
    await client.op(11, 100);
    expect((await control(ctx.emu, 'PUT', '/gateway/ack-mode', { mode: 'delay' })).status).toBe(400);
    expect((await control(ctx.emu, 'PUT', '/gateway/ack-mode', { mode: 'slow' })).status).toBe(400);
  });

  it('a heartbeat request (op 1 from the server) is answered by the client', async () => {
    const { client } = await identified(ctx.emu, { shard: [0, 1] });
    const request = control(ctx.emu, 'POST', '/gateway/heartbeat-request', { shard: 0 });
    const op1 = await client.op(1);
    expect(op1).toEqual({ op: 1, d: null, s: null, t: null });
    client.heartbeat();
    const answer = (await request).body;
    expect(answer).toMatchObject({ shard: [0, 1], answered: true });
    await client.op(11);
    const silent = await control(ctx.emu, 'POST', '/gateway/heartbeat-request', { shard: 0, waitMs: 50 });
    expect(silent.body).toMatchObject({ answered: false, afterMs: null });
    expect((await control(ctx.emu, 'POST', '/gateway/heartbeat-request', { shard: 5 })).status).toBe(404);
  });
});
