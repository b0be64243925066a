import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { database } from '../../worker/db/client';
import { setExtensionEnabled } from '../../worker/extensions/guild-extensions';
import { HookBus } from '../../worker/hooks/bus';
import type { HookEnvelope } from '../../worker/hooks/envelope';
import { BREAKER, setDisabled } from '../../worker/hooks/hook-state';
import {
  type CallLog,
  clearHookTables,
  commandPayload,
  envelopeOf,
  hookState,
  inlineBus,
  manualClock,
  metrics,
  probeExtension,
  probeHook,
} from './hooks-helpers';

const boom = () => {
  throw new Error('boom');
};

beforeEach(clearHookTables);

describe('the event bus', () => {
  it('runs handlers in priority order, higher first, declaration order on ties', async () => {
    const log: CallLog = [];
    const bus = inlineBus([
      probeExtension('alpha', [
        probeHook(log, 'command_executed', 'low', { priority: -5 }),
        probeHook(log, 'command_executed', 'first-zero'),
      ]),
      probeExtension('beta', [
        probeHook(log, 'command_executed', 'high', { priority: 10 }),
        probeHook(log, 'command_executed', 'second-zero'),
        probeHook(log, 'command_error', 'other-event', { priority: 99 }),
      ]),
    ]);
    const envelope = envelopeOf('command_executed', commandPayload());
    const report = await bus.run(envelope);
    expect(log.map((l) => l.split('@')[0])).toEqual(['high', 'first-zero', 'second-zero', 'low']);
    expect(report.results.map((r) => r.outcome)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(report.pending).toEqual([]);
  });

  it('isolates handlers: one that throws or times out does not stop the others', async () => {
    const log: CallLog = [];
    const bus = inlineBus([
      probeExtension('mixed', [
        probeHook(log, 'command_executed', 'thrower', { priority: 3, behave: boom }),
        probeHook(log, 'command_executed', 'sleeper', {
          priority: 2,
          timeoutMs: 50,
          behave: () => new Promise(() => {}),
        }),
        probeHook(log, 'command_executed', 'fine', { priority: 1 }),
      ]),
    ]);
    const started = Date.now();
    const report = await bus.run(envelopeOf('command_executed', commandPayload()));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(log.map((l) => l.split('@')[0])).toEqual(['thrower', 'sleeper', 'fine']);
    expect(Object.fromEntries(report.results.map((r) => [r.hookId, r.outcome]))).toEqual({
      'command_executed:mixed.thrower': 'failed',
      'command_executed:mixed.sleeper': 'failed',
      'command_executed:mixed.fine': 'ok',
    });
    expect(report.results.find((r) => r.hookId.endsWith('sleeper'))?.error).toContain(
      'timed out after 50 ms',
    );
    expect(report.pending.map((r) => r.hookId).sort()).toEqual([
      'command_executed:mixed.sleeper',
      'command_executed:mixed.thrower',
    ]);
    expect(await metrics()).toMatchObject({ emissions: 1, executions: 3, failures: 2 });
    expect(await hookState('command_executed:mixed.fine')).toMatchObject({ executions: 1, failure_count: 0 });
  });

  it('opens a breaker after 5 failures in 300 s, shared by two isolates, and closes it after 60 s', async () => {
    const clock = manualClock();
    let fail = true;
    const log: CallLog = [];
    // Two isolates: two buses with nothing in common but D1.
    const extensions = () => [
      probeExtension('flaky', [
        probeHook(log, 'command_executed', 'unstable', {
          behave: () => {
            if (fail) boom();
          },
        }),
      ]),
    ];
    const first = inlineBus(extensions(), clock.now);
    const second = inlineBus(extensions(), clock.now);
    const id = 'command_executed:flaky.unstable';
    for (let i = 0; i < BREAKER.threshold; i++) {
      const bus = i % 2 === 0 ? first : second;
      const report = await bus.run(envelopeOf('command_executed', commandPayload(), clock.now()));
      expect(report.opened).toEqual(i === BREAKER.threshold - 1 ? [id] : []);
      clock.advance(10_000);
    }
    expect((await hookState(id))?.open_until).toBe(clock.now() - 10_000 + BREAKER.openMs);
    // Open in both isolates: skipped, and pending until the breaker closes.
    for (const bus of [first, second]) {
      const report = await bus.run(envelopeOf('command_executed', commandPayload(), clock.now()));
      expect(report.results).toEqual([{ hookId: id, outcome: 'open', retryAt: expect.any(Number) }]);
    }
    expect(log).toHaveLength(BREAKER.threshold);
    // 60 s after opening: the first check closes it, and the hook runs again.
    fail = false;
    clock.advance(BREAKER.openMs);
    const after = await second.run(envelopeOf('command_executed', commandPayload(), clock.now()));
    expect(after.results[0]?.outcome).toBe('ok');
    expect(await hookState(id)).toMatchObject({ open_until: null, failures: '[]' });
  });

  it('forgets failures older than the window: 5 failures spread over more than 300 s keep it closed', async () => {
    const clock = manualClock();
    const bus = inlineBus(
      [probeExtension('slow-fail', [probeHook([], 'command_executed', 'x', { behave: boom })])],
      clock.now,
    );
    for (let i = 0; i < 6; i++) {
      const report = await bus.run(envelopeOf('command_executed', commandPayload(), clock.now()));
      expect(report.opened).toEqual([]);
      clock.advance(BREAKER.windowMs / 4 + 1_000);
    }
    expect((await hookState('command_executed:slow-fail.x'))?.open_until).toBeNull();
  });

  it("skips a disabled extension's hooks in that guild only, and a disabled hook everywhere", async () => {
    const log: CallLog = [];
    const bus = inlineBus([
      probeExtension('greeter', [probeHook(log, 'member_joined', 'welcome')]),
      probeExtension('counter', [probeHook(log, 'member_joined', 'count')]),
    ]);
    await setExtensionEnabled(database(env.DB), {
      guildId: DEMO.guildId,
      extension: 'greeter',
      enabled: false,
      actorId: DEMO.users.olive,
    });
    const joined = (guildId: string) =>
      envelopeOf('member_joined', { guildId, userId: DEMO.users.max, username: 'max', bot: false });
    await bus.run(joined(DEMO.guildId));
    await bus.run(joined(DEMO.otherGuildId));
    expect(log.map((l) => l.split('@')[0])).toEqual(['count', 'welcome', 'count']);
    expect((await bus.handlersFor('member_joined', DEMO.guildId)).map((h) => h.id)).toEqual([
      'member_joined:counter.count',
    ]);

    expect(await setDisabled(env.DB, 'member_joined:counter.count', true, Date.now())).toBe(true);
    const report = await bus.run(joined(DEMO.otherGuildId));
    expect(report.results.map((r) => r.outcome)).toEqual(['ok', 'disabled']);
    expect(report.pending).toEqual([]);
  });

  it('does not enqueue an event nobody listens to; enqueues one that has handlers', async () => {
    const sent: HookEnvelope[] = [];
    const queue = {
      send: async (body: HookEnvelope) => void sent.push(body),
    } as unknown as Queue<HookEnvelope>;
    const log: CallLog = [];
    const bus = new HookBus(env, {
      extensions: [probeExtension('listener', [probeHook(log, 'command_executed', 'seen')], false)],
      queue,
    });
    expect(await bus.emit('command_error', { ...commandPayload(), error: 'x' })).toMatchObject({
      handlers: 0,
    });
    // Disabled by default: nothing listens in a guild.
    expect(await bus.emit('command_executed', commandPayload(DEMO.guildId))).toMatchObject({ handlers: 0 });
    const emitted = await bus.emit('command_executed', commandPayload(null));
    expect(emitted.handlers).toBe(1);
    expect(sent).toEqual([
      expect.objectContaining({ v: 1, event: 'command_executed', eventId: emitted.eventId }),
    ]);
    expect(log).toEqual([]);
  });

  it('runs the handlers in the emitter when the queue refuses the event, and counts a drop', async () => {
    const queue = {
      send: async () => {
        throw new Error('queue full');
      },
    } as unknown as Queue<HookEnvelope>;
    const log: CallLog = [];
    const bus = new HookBus(env, {
      extensions: [probeExtension('rescued', [probeHook(log, 'guild_left', 'h')])],
      queue,
    });
    const emitted = await bus.emit('guild_left', { guildId: DEMO.guildId });
    expect(log).toEqual([`h@${emitted.eventId}`]);
    expect(await metrics()).toMatchObject({ drops: 1, emissions: 1, executions: 1 });
  });

  it('runs handlers once for an event emitted twice under the same id (a replayed gateway dispatch)', async () => {
    const log: CallLog = [];
    const bus = inlineBus([probeExtension('once', [probeHook(log, 'message_created', 'count')])]);
    const payload = {
      guildId: DEMO.guildId,
      channelId: DEMO.channels.general,
      messageId: DEMO.messages.maxHello,
      authorId: DEMO.users.max,
      authorBot: false,
      content: 'hello',
      roles: [],
    };
    const first = await bus.emit('message_created', payload, { eventId: 'gw:session-1:42' });
    const replay = await bus.emit('message_created', payload, { eventId: 'gw:session-1:42' });
    expect(replay.eventId).toBe(first.eventId);
    expect(log).toEqual(['count@gw:session-1:42']);
  });

  it('refuses a malformed event with a clear message and writes nothing', async () => {
    const bus = inlineBus([probeExtension('any', [probeHook([], 'guild_left', 'h')])]);
    await expect(bus.emit('guild_left', { guildId: 'not-a-snowflake' })).rejects.toThrow(
      /cannot emit "guild_left": guildId: must be a Discord id/,
    );
    await expect(bus.emit('has spaces', { guildId: null })).rejects.toThrow(/event: must be letters/);
    expect(await metrics()).toMatchObject({ emissions: 0, executions: 0, drops: 0 });
  });
});
