import { abortAllDurableObjects, runDurableObjectAlarm } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import {
  coordinator,
  fastGateway,
  freshGateway,
  post,
  ready,
  repliesTo,
  sessions,
  shardStub,
  shardUntil,
  startOne,
  tearDownShards,
  until,
} from './gateway-helpers';
import { emulator, interact } from './harness';

const general = DEMO.channels.general;

beforeEach(() => freshGateway());
afterEach(() => tearDownShards(1));

/** Waits for the bot's reply to a message and returns it (exactly one is expected). */
async function reply(messageId: string) {
  return until(`a reply to ${messageId}`, async () => (await repliesTo(general, messageId))[0]);
}

describe('a gateway shard', () => {
  it('starts cold, identifies with the intents prefix commands need, and holds every guild', async () => {
    const status = await startOne();
    expect(status.metrics).toMatchObject({ connects: 1, identifies: 1, guilds: 2, state: 'ready' });
    const [session] = await sessions();
    expect(session?.shard).toEqual([0, 1]);
    // GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS | DIRECT_MESSAGES | MESSAGE_CONTENT
    expect(session?.intents).toBe(1 | 512 | 1024 | 4096 | 32768);
    // Heartbeats flow and are measured.
    const measured = await until('a latency sample', async () => {
      const s = await shardStub(0, 1).status();
      return s && s.metrics.latencies.length > 0 ? s : null;
    });
    expect(measured.metrics.latencies[0]).toBeGreaterThanOrEqual(0);
  });

  it('runs prefix and @mention commands with the same handlers, and answers a bare mention with the info card', async () => {
    await startOne();
    const prefixed = await post(general, DEMO.users.max, '!about');
    expect((await reply(prefixed.id)).embeds[0].title).toContain('Edgeward');
    const mentioned = await post(general, DEMO.users.mia, `<@${DEMO.botUserId}> about`);
    expect((await reply(mentioned.id)).embeds[0].title).toContain('Edgeward');
    const bare = await post(general, DEMO.users.max, `<@${DEMO.botUserId}>`);
    expect((await reply(bare.id)).embeds[0].fields[0].value).toContain('Prefix: `!`');
    const slashOnly = await post(general, DEMO.users.max, '!backuprestore 123');
    expect((await reply(slashOnly.id)).embeds[0].title).toContain('Slash only');
    const status = await shardStub(0, 1).status();
    expect(status?.metrics.commands).toBe(4);
    expect(status?.metrics.messages).toBeGreaterThanOrEqual(4);
  });

  it('follows a prefix change at once: /setprefix invalidates the shard’s cache', async () => {
    await startOne();
    const before = await post(general, DEMO.users.max, '!about');
    await reply(before.id);
    const set = await interact({
      type: 2,
      user_id: DEMO.users.ada,
      guild_id: DEMO.guildId,
      channel_id: general,
      data: { name: 'setprefix', options: [{ name: 'prefix', type: 3, value: '?' }] },
    });
    expect(set.body.data.embeds[0].title).toContain('Prefix changed');
    await until('the invalidation', async () => {
      const probe = await post(general, DEMO.users.max, '?about');
      return (await until(
        'probe reply',
        async () => (await repliesTo(general, probe.id))[0] ?? null,
        3000,
      ).catch(() => null))
        ? true
        : null;
    });
    const old = await post(general, DEMO.users.max, '!about');
    await new Promise((r) => setTimeout(r, 800));
    expect(await repliesTo(general, old.id)).toEqual([]);
  });

  it('kills a zombie connection, resumes, and runs a replayed command once', async () => {
    await startOne();
    await emulator('/gateway/ack-mode', { method: 'PUT', body: { shard: 0, mode: 'drop' } });
    const during = await post(general, DEMO.users.max, '!about');
    const resumed = await until('a resume', async () => {
      const s = await shardStub(0, 1).status();
      return s && s.metrics.resumes >= 1 && s.metrics.state === 'ready' ? s : null;
    });
    await emulator('/gateway/ack-mode', { method: 'PUT', body: { shard: 0, mode: 'normal' } });
    expect(resumed.metrics.zombieKills).toBeGreaterThanOrEqual(1);
    expect(resumed.metrics.identifies).toBe(1);
    await reply(during.id);
    await new Promise((r) => setTimeout(r, 500));
    expect(await repliesTo(general, during.id)).toHaveLength(1);
  });

  it('reconnects on op 7 and on op 9 (resumable), identifies again on op 9 (not resumable)', {
    timeout: 40_000,
  }, async () => {
    // Heartbeats are not under test here: a generous timeout keeps a loaded machine from ending the session (4009).
    await fastGateway({ heartbeatTimeoutFactor: 20 });
    await startOne();
    await emulator('/gateway/reconnect', { body: { shard: 0 } });
    await shardUntil('resume after op 7', (s) => s.metrics.resumes >= 1 && s.metrics.state === 'ready');
    await emulator('/gateway/invalid-session', { body: { shard: 0, resumable: true } });
    await shardUntil('resume after op 9 true', (s) => s.metrics.resumes >= 2 && s.metrics.state === 'ready');
    await emulator('/gateway/invalid-session', { body: { shard: 0, resumable: false } });
    const after = await shardUntil(
      'identify after op 9 false',
      (s) => s.metrics.identifies >= 2 && s.metrics.state === 'ready',
      20_000,
    );
    expect(after.metrics).toMatchObject({ reconnectRequests: 1, invalidSessions: 2, resumes: 2 });
  });

  it('stops for good on a fatal close code and says why', async () => {
    await startOne();
    await emulator('/gateway/close', { body: { shard: 0, code: 4014 } });
    const stopped = await until('the stop', async () => {
      const s = await shardStub(0, 1).status();
      return s?.metrics.fatal ? s : null;
    });
    expect(stopped.metrics.fatal).toContain('Message Content');
    expect(stopped.metrics.state).toBe('stopped');
    // The watchdog does not reconnect a stopped shard.
    await runDurableObjectAlarm(shardStub(0, 1));
    await new Promise((r) => setTimeout(r, 500));
    expect((await sessions()).filter((s) => s.connected)).toEqual([]);
    // /shardreset lets it try again.
    await coordinator().resetShards(0);
    const back = await ready(0, 1);
    expect(back.metrics.fatal).toBeNull();
  });

  it('resumes from storage after an eviction', async () => {
    const first = await startOne();
    const stub = shardStub(0, 1);
    // As an eviction or a deploy does: every instance (and its socket) is gone, storage stays.
    await abortAllDurableObjects();
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const back = await ready(0, 1);
    expect(back.sessionId).toBe(first.sessionId);
    expect(back.metrics).toMatchObject({ identifies: 1, resumes: 1, evictionsDetected: 1 });
  });

  it('waits, without identifying, when the daily session budget is spent', async () => {
    await emulator('/gateway/config', { method: 'PUT', body: { sessionStartRemaining: 0 } });
    await coordinator().ensureShards();
    const waiting = await until('the wait', async () => {
      const s = await shardStub(0, 1).status();
      return s?.metrics.lastError?.message.includes('session-start budget') ? s : null;
    });
    expect(waiting.metrics.identifies).toBe(0);
    expect((await sessions()).length).toBe(0);
  });
});
