import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../emulator/fixtures/demo-ids';
import { setAlertChannel } from '../../worker/hooks/alerts';
import { HookBus } from '../../worker/hooks/bus';
import { HOOK_MAX_ATTEMPTS } from '../../worker/hooks/dead-letters';
import type { HookEnvelope } from '../../worker/hooks/envelope';
import { queueDepth } from '../../worker/hooks/metrics';
import {
  consumeHookDeadLetters,
  consumeHookEvents,
  HOOK_DEAD_LETTER_QUEUE,
  HOOK_QUEUE,
  retryDelaySeconds,
} from '../../worker/hooks/queue-consumer';
import { emulator, resetEmulator } from './harness';
import {
  type CallLog,
  clearHookTables,
  envelopeOf,
  historyRows,
  inlineBus,
  manualClock,
  metrics,
  probeExtension,
  probeHook,
} from './hooks-helpers';

beforeEach(async () => {
  await clearHookTables();
  await resetEmulator();
});

/** Delivers messages to a consumer the way the queue does, and returns what it acknowledged or retried. */
async function deliver(
  consume: typeof consumeHookEvents,
  queue: string,
  bus: HookBus,
  messages: { id: string; body: unknown; attempts: number }[],
) {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ ...m, timestamp: new Date() })),
  );
  const ctx = createExecutionContext();
  await consume(batch, env, bus);
  return getQueueResult(batch, ctx);
}

const executed = () =>
  envelopeOf('command_executed', {
    command: 'about',
    userId: DEMO.users.max,
    guildId: DEMO.guildId,
    transport: 'slash',
  });

describe('queue delivery', () => {
  it('runs the handlers of a delivered event and acknowledges it', async () => {
    const log: CallLog = [];
    const bus = inlineBus([probeExtension('logger', [probeHook(log, 'command_executed', 'note')])]);
    const envelope = executed();
    const result = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm1', body: envelope, attempts: 1 },
    ]);
    expect(result.explicitAcks).toEqual(['m1']);
    expect(result.retryMessages).toEqual([]);
    expect(log).toEqual([`note@${envelope.eventId}`]);
    expect(await metrics()).toMatchObject({ emissions: 1, executions: 1, queue_delay_samples: 1 });
  });

  it('is idempotent on redelivery: completed handlers do not run again, failed ones do', async () => {
    const log: CallLog = [];
    let flaky = true;
    const bus = inlineBus([
      probeExtension('pair', [
        probeHook(log, 'command_executed', 'steady', { priority: 1 }),
        probeHook(log, 'command_executed', 'flaky', {
          behave: () => {
            if (flaky) throw new Error('not yet');
          },
        }),
      ]),
    ]);
    const envelope = executed();
    const first = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm1', body: envelope, attempts: 1 },
    ]);
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages.map((r) => r.msgId)).toEqual(['m1']);

    // The same message again (a retry), and once more after it succeeded (a duplicate delivery).
    flaky = false;
    const second = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm1', body: envelope, attempts: 2 },
    ]);
    expect(second.explicitAcks).toEqual(['m1']);
    const third = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm1', body: envelope, attempts: 3 },
    ]);
    expect(third.explicitAcks).toEqual(['m1']);
    expect(log.map((l) => l.split('@')[0])).toEqual(['steady', 'flaky', 'flaky']);
    expect(await metrics()).toMatchObject({ emissions: 1, executions: 3, failures: 1, retries: 1 });
    expect((await historyRows()).map((r) => [r.success_count, r.error_count])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });

  it('waits for an open breaker before the next delivery', async () => {
    const clock = manualClock(Date.now());
    const bus = inlineBus(
      [
        probeExtension('broken', [
          probeHook([], 'command_executed', 'always', { behave: () => Promise.reject(new Error('down')) }),
        ]),
      ],
      clock.now,
    );
    for (let i = 0; i < 5; i++) await bus.run(executed());
    clock.advance(15_000);
    const report = await bus.run(executed());
    expect(report.pending).toEqual([expect.objectContaining({ outcome: 'open' })]);
    // 45 s left of the breaker's 60: the next delivery waits that long, not the 5 s backoff.
    expect(retryDelaySeconds(report, 1, clock.now())).toBe(45);
    const result = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm9', body: executed(), attempts: 1 },
    ]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual(['m9']);
    expect(result.explicitAcks).toEqual([]);
  });

  it('drops a message that is not an event, with nothing run', async () => {
    const log: CallLog = [];
    const bus = inlineBus([probeExtension('logger', [probeHook(log, 'command_executed', 'note')])]);
    const result = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'bad', body: { v: 1, event: 'command_executed' }, attempts: 1 },
    ]);
    expect(result.explicitAcks).toEqual(['bad']);
    expect(log).toEqual([]);
    // Acknowledged, so it no longer counts as waiting in the queue.
    expect(await metrics()).toMatchObject({ drops: 1, executions: 0, settled: 1 });
  });
});

describe('queue depth', () => {
  it('counts what the queue accepted until it settles or dies, since Cloudflare cannot report a backlog', async () => {
    const sent: unknown[] = [];
    const queue = { send: async (body: unknown) => void sent.push(body) } as unknown as Queue;
    const log: CallLog = [];
    let failing = true;
    const extensions = [
      probeExtension('depth', [
        probeHook(log, 'command_executed', 'maybe', {
          behave: () => {
            if (failing) throw new Error('not yet');
          },
        }),
      ]),
    ];
    const bus = new HookBus(env, { extensions, queue });
    const payload = {
      command: 'about',
      userId: DEMO.users.max,
      guildId: DEMO.guildId,
      transport: 'slash' as const,
    };
    for (let i = 0; i < 3; i++) await bus.emit('command_executed', payload);
    expect(sent).toHaveLength(3);
    expect(queueDepth(await metrics())).toBe(3);

    // The first delivery of all three: one settles, two are retried (still in the queue).
    failing = false;
    await deliver(consumeHookEvents, HOOK_QUEUE, bus, [{ id: 'a', body: sent[0], attempts: 1 }]);
    failing = true;
    const retried = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'b', body: sent[1], attempts: 1 },
      { id: 'c', body: sent[2], attempts: HOOK_MAX_ATTEMPTS },
    ]);
    expect(retried.retryMessages.map((r) => r.msgId)).toEqual(['b', 'c']);
    expect(queueDepth(await metrics())).toBe(2);
    // c goes to the dead-letter queue; b succeeds on its retry.
    await deliver(consumeHookDeadLetters, HOOK_DEAD_LETTER_QUEUE, bus, [
      { id: 'c', body: sent[2], attempts: 1 },
    ]);
    failing = false;
    await deliver(consumeHookEvents, HOOK_QUEUE, bus, [{ id: 'b', body: sent[1], attempts: 2 }]);
    expect(await metrics()).toMatchObject({ enqueued: 3, settled: 2, dead_letters: 1, abandoned: 1 });
    expect(queueDepth(await metrics())).toBe(0);
  });
});

describe('dead letters', () => {
  it('after the last attempt the message goes to the dead-letter queue, which records it and alerts once', async () => {
    await setAlertChannel(env.DB, DEMO.channels.general, DEMO.users.olive);
    const log: CallLog = [];
    const bus = inlineBus([
      probeExtension('doomed', [
        probeHook(log, 'command_executed', 'fine', { priority: 1 }),
        probeHook(log, 'command_executed', 'never', { behave: () => Promise.reject(new Error('always')) }),
      ]),
    ]);
    const envelope: HookEnvelope = executed();
    const last = await deliver(consumeHookEvents, HOOK_QUEUE, bus, [
      { id: 'm1', body: envelope, attempts: HOOK_MAX_ATTEMPTS },
    ]);
    // Past max_retries a retry is what moves the message to the dead-letter queue.
    expect(last.retryMessages.map((r) => r.msgId)).toEqual(['m1']);
    expect(await metrics()).toMatchObject({ retries: 0 });

    const dead = await deliver(consumeHookDeadLetters, HOOK_DEAD_LETTER_QUEUE, bus, [
      { id: 'd1', body: envelope, attempts: 1 },
      { id: 'd2', body: executed(), attempts: 1 },
    ]);
    expect(dead.explicitAcks).toEqual(['d1', 'd2']);
    expect(await metrics()).toMatchObject({ dead_letters: 2 });
    const rows = await historyRows();
    const recorded = rows.find(
      (r) =>
        r.event_id === envelope.eventId &&
        r.error_count === 1 &&
        r.success_count === 1 &&
        r.errors.includes('dead letter'),
    );
    expect(JSON.parse(recorded!.errors)).toEqual([
      {
        hookId: 'command_executed:doomed.never',
        error: `dead letter: gave up after ${HOOK_MAX_ATTEMPTS} deliveries`,
      },
    ]);
    // One alert for both (rate-limited per event name), in the configured channel.
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
    const alerts = messages.filter((m) => m.embeds?.[0]?.title?.includes('dead-lettered'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].embeds[0].description).toContain('`command_executed:doomed.never`');
  });

  it('alerts when a breaker opens, at most once per hook in 5 minutes', async () => {
    await setAlertChannel(env.DB, DEMO.channels.general, DEMO.users.olive);
    const clock = manualClock(Date.now());
    const bus = inlineBus(
      [
        probeExtension('noisy', [
          probeHook([], 'command_executed', 'bad', { behave: () => Promise.reject(new Error('nope')) }),
        ]),
      ],
      clock.now,
    );
    const open = async () => {
      for (let i = 0; i < 5; i++) await bus.run(executed());
      clock.advance(61_000);
    };
    await open();
    await open(); // opens again 61 s later: within the 5 minutes, no second alert
    const messages = await emulator<any[]>(`/channels/${DEMO.channels.general}/messages`);
    const alerts = messages.filter((m) => m.embeds?.[0]?.title?.includes('Circuit breaker opened'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].embeds[0].description).toContain('command_executed:noisy.bad');
  });
});
