import { afterEach, describe, expect, it } from 'vitest';
import { destroyClients, GatewayClient, identified } from './gateway-client';
import { control, DEMO, useEmulator } from './helpers';

const ctx = useEmulator({ gateway: { heartbeatIntervalMs: 1000, identifyWindowMs: 0 } });
afterEach(destroyClients);

const say = (content: string) =>
  control(ctx.emu, 'POST', '/messages', {
    channel_id: DEMO.channels.general,
    author_id: DEMO.users.max,
    content,
  });

async function sessions() {
  return (await control(ctx.emu, 'GET', '/gateway/sessions')).body;
}

/** A client that identified and read READY and both GUILD_CREATEs (seq 3). */
async function live() {
  const { client, ready } = await identified(ctx.emu, { shard: [0, 1] });
  await client.dispatch('GUILD_CREATE');
  await client.dispatch('GUILD_CREATE');
  return { client, sessionId: ready.d.session_id as string };
}

async function resumeOn(path: string, sessionId: string, seq: number | null) {
  const client = await GatewayClient.connect(ctx.emu, { path });
  await client.op(10);
  client.resume(sessionId, seq);
  return client;
}

describe('resume', () => {
  it('replays what was missed in order, then RESUMED, on the resume URL', async () => {
    const { client, sessionId } = await live();
    await client.close(4000);
    await say('one');
    await say('two');
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    const first = await again.dispatch('MESSAGE_CREATE');
    const second = await again.dispatch('MESSAGE_CREATE');
    const resumed = await again.dispatch('RESUMED');
    expect([first.d.content, first.s, second.d.content, second.s]).toEqual(['one', 4, 'two', 5]);
    expect(resumed).toEqual({ op: 0, t: 'RESUMED', s: 6, d: {} });
    await say('three');
    expect((await again.dispatch('MESSAGE_CREATE')).s).toBe(7);
    const [session] = (await sessions()).sessions;
    expect(session).toMatchObject({
      session_id: sessionId,
      resumes: 1,
      connects: 2,
      usedResumeUrl: true,
      closeCodesReceived: [4000],
      connected: true,
    });
    expect((await sessions()).sessionStartLimit.remaining).toBe(999);
  });

  it('a resume from an older seq replays from there; resuming on /gateway is allowed and flagged', async () => {
    const { client, sessionId } = await live();
    await client.destroy();
    const again = await resumeOn('/gateway', sessionId, 1);
    expect((await again.dispatch('GUILD_CREATE')).s).toBe(2);
    expect((await again.dispatch('GUILD_CREATE')).s).toBe(3);
    await again.dispatch('RESUMED');
    expect((await sessions()).sessions[0].usedResumeUrl).toBe(false);
  });

  it('a seq ahead of the session or older than the replay buffer closes 4007', async () => {
    const { client, sessionId } = await live();
    await client.destroy();
    const ahead = await resumeOn('/resume-gateway', sessionId, 9);
    expect((await ahead.closedWithin()).code).toBe(4007);
    // 4007 ends the session
    const later = await resumeOn('/resume-gateway', sessionId, 3);
    expect((await later.op(9)).d).toBe(false);

    await control(ctx.emu, 'PUT', '/gateway/config', { replayBufferSize: 2 });
    const next = await live();
    await next.client.destroy();
    const old = await resumeOn('/resume-gateway', next.sessionId, 0);
    expect((await old.closedWithin()).code).toBe(4007);
  });

  it('an unknown or expired session gets op 9 false, then a close 4000 unless the client closes', async () => {
    const unknown = await resumeOn('/resume-gateway', 'feedface', 3);
    expect(await unknown.op(9)).toEqual({ op: 9, d: false, s: null, t: null });
    expect((await unknown.closedWithin(2000)).code).toBe(4000);

    await control(ctx.emu, 'PUT', '/gateway/config', { resumeWindowMs: 30 });
    const { client, sessionId } = await live();
    await client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await sessions()).sessions[0].status).toBe('expired');
    const late = await resumeOn('/resume-gateway', sessionId, 3);
    expect((await late.op(9)).d).toBe(false);
  });

  it('a client close with 1000 or 1001 invalidates the session; other codes keep it', async () => {
    for (const code of [1000, 1001]) {
      const { client, sessionId } = await live();
      await client.close(code);
      const again = await resumeOn('/resume-gateway', sessionId, 3);
      expect((await again.op(9)).d).toBe(false);
    }
    const { client, sessionId } = await live();
    await client.close(4321);
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    await again.dispatch('RESUMED');
  });

  it('a bad token on resume closes 4004', async () => {
    const { client, sessionId } = await live();
    await client.destroy();
    const again = await GatewayClient.connect(ctx.emu, { path: '/resume-gateway' });
    again.resume(sessionId, 3, 'wrong');
    expect((await again.closedWithin()).code).toBe(4004);
  });
});

describe('server-initiated disconnects', () => {
  it('drop destroys the socket (the client sees 1006) and the session stays resumable with events buffered', async () => {
    const { client, sessionId } = await live();
    const dropped = await control(ctx.emu, 'POST', '/gateway/drop', { shard: 0 });
    expect(dropped.body).toEqual({ session_id: sessionId, shard: [0, 1] });
    expect((await client.closedWithin()).code).toBe(1006);
    await say('while away');
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    expect((await again.dispatch('MESSAGE_CREATE')).d.content).toBe('while away');
    await again.dispatch('RESUMED');
  });

  it('op 7 Reconnect, then a close 4000 after closeAfterMs unless the client closes first', async () => {
    const { client, sessionId } = await live();
    await control(ctx.emu, 'POST', '/gateway/reconnect', { shard: 0, closeAfterMs: 50 });
    expect(await client.op(7)).toEqual({ op: 7, d: null, s: null, t: null });
    expect((await client.closedWithin()).code).toBe(4000);
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    await again.dispatch('RESUMED');
    expect((await sessions()).sessions[0].closeCodesSent).toEqual([4000]);
  });

  it('op 9 from the control API: d true keeps the session, d false ends it', async () => {
    const first = await live();
    await control(ctx.emu, 'POST', '/gateway/invalid-session', { shard: 0, resumable: true });
    expect((await first.client.op(9)).d).toBe(true);
    await first.client.close(4000);
    const resumed = await resumeOn('/resume-gateway', first.sessionId, 3);
    await resumed.dispatch('RESUMED');

    await control(ctx.emu, 'POST', '/gateway/invalid-session', { shard: 0, resumable: false });
    expect((await resumed.op(9)).d).toBe(false);
    await resumed.close(4000);
    const refused = await resumeOn('/resume-gateway', first.sessionId, 6);
    expect((await refused.op(9)).d).toBe(false);
  });

  it('close with any code, optionally invalidating the session', async () => {
    const { client, sessionId } = await live();
    const res = await control(ctx.emu, 'POST', '/gateway/close', {
      session_id: sessionId,
      code: 4009,
      reason: 'bye',
    });
    expect(res.body).toMatchObject({ code: 4009 });
    expect(await client.closedWithin()).toEqual({ code: 4009, reason: 'bye' });
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    await again.dispatch('RESUMED');
    await control(ctx.emu, 'POST', '/gateway/close', { shard: 0, code: 4000, invalidateSession: true });
    await again.closedWithin();
    const refused = await resumeOn('/resume-gateway', sessionId, 4);
    expect((await refused.op(9)).d).toBe(false);
    expect((await control(ctx.emu, 'POST', '/gateway/close', { shard: 0, code: 1006 })).status).toBe(400);
    expect((await control(ctx.emu, 'POST', '/gateway/close', { code: 4000 })).status).toBe(400);
    expect((await control(ctx.emu, 'POST', '/gateway/drop', { shard: 3 })).status).toBe(404);
    expect((await control(ctx.emu, 'POST', '/gateway/drop', { shard: 0 })).status).toBe(409);
  });

  it('reset closes every connection with 4000 and forgets the sessions', async () => {
    const { client, sessionId } = await live();
    await control(ctx.emu, 'PUT', '/gateway/config', { heartbeatIntervalMs: 77 });
    await control(ctx.emu, 'POST', '/reset');
    expect((await client.closedWithin()).code).toBe(4000);
    const after = await sessions();
    expect(after.sessions).toEqual([]);
    expect(after.identifyLog).toEqual([]);
    expect(after.sessionStartLimit.remaining).toBe(1000);
    const again = await resumeOn('/resume-gateway', sessionId, 3);
    expect((await again.op(9)).d).toBe(false);
    expect((await control(ctx.emu, 'GET', '/gateway/config')).body.heartbeatIntervalMs).toBe(1000);
  });
});
