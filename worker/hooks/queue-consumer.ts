import type { Env } from '../env';
import type { HookBus } from './bus';
import { HOOK_MAX_ATTEMPTS } from './dead-letters';
import { defaultHookBus } from './emit';
import { parseEnvelope } from './envelope';
import { addMetrics } from './metrics';
import { pruneReceipts } from './receipts';
import { type RunReport, retryBackoffMs } from './run-handlers';

/** Queue names (wrangler.toml): the events, and where they go after `max_retries`. */
export const HOOK_QUEUE = 'edgeward-hook-events';
export const HOOK_DEAD_LETTER_QUEUE = 'edgeward-hook-events-dlq';

/** The next delivery waits until every pending hook may run again: its backoff, or its breaker closing. */
export function retryDelaySeconds(report: RunReport, attempt: number, now: number): number {
  const until = Math.max(...report.pending.map((r) => r.retryAt ?? now + retryBackoffMs(attempt)));
  return Math.min(Math.max(1, Math.ceil((until - now) / 1000)), 15 * 60);
}

/**
 * The hook-event consumer: one delivery of each message runs its handlers (those that completed before
 * are skipped). A message whose handlers all completed (or are disabled) is acknowledged; otherwise it is
 * retried, and after `max_retries` the queue moves it to the dead-letter queue. A message that is not an
 * event is dropped with a log line: retrying it cannot help.
 */
export async function consumeHookEvents(
  batch: MessageBatch<unknown>,
  env: Env,
  bus?: HookBus,
): Promise<void> {
  const hooks = bus ?? (await defaultHookBus(env));
  await pruneReceipts(env.DB, hooks.deps.now())
    .run()
    .catch(() => {});
  let settled = 0;
  try {
    for (const message of batch.messages) settled += await consumeOne(message, hooks, env);
  } finally {
    // One write for the batch, even when a delivery threw: the depth is accepted minus settled minus dead.
    await addMetrics(env.DB, { settled })
      ?.run()
      .catch(() => {});
  }
}

/** One delivery: acknowledged (1: settled) or retried (0). */
async function consumeOne(message: Message<unknown>, hooks: HookBus, env: Env): Promise<0 | 1> {
  const parsed = parseEnvelope(message.body);
  if (!parsed.ok) {
    console.error(`Edgeward: hook queue message ${message.id} is not an event (${parsed.reason}); dropped`);
    await addMetrics(env.DB, { drops: 1 })
      ?.run()
      .catch(() => {});
    message.ack();
    return 1;
  }
  let report: RunReport;
  try {
    report = await hooks.run(parsed.envelope, { attempt: message.attempts });
  } catch (error) {
    // The bus itself failed (D1, configuration): every handler is retried except those with receipts.
    console.error(`Edgeward: hook event ${parsed.envelope.eventId} could not be run:`, error);
    message.retry({ delaySeconds: Math.ceil(retryBackoffMs(message.attempts) / 1000) });
    return 0;
  }
  if (report.pending.length === 0) {
    message.ack();
    return 1;
  }
  if (message.attempts < HOOK_MAX_ATTEMPTS) {
    await addMetrics(env.DB, { retries: 1 })
      ?.run()
      .catch(() => {});
  }
  message.retry({ delaySeconds: retryDelaySeconds(report, message.attempts, hooks.deps.now()) });
  return 0;
}

/** The dead-letter consumer: records each message that exhausted its retries (metrics, history, alert). */
export async function consumeHookDeadLetters(
  batch: MessageBatch<unknown>,
  env: Env,
  bus?: HookBus,
): Promise<void> {
  const hooks = bus ?? (await defaultHookBus(env));
  for (const message of batch.messages) {
    try {
      await hooks.deadLetter(message.body);
      message.ack();
    } catch (error) {
      console.error(`Edgeward: dead-lettered hook message ${message.id} could not be recorded:`, error);
      message.retry();
    }
  }
}
