import { database } from '../db/client';
import { sendHookAlert } from './alerts';
import { enabledHooks } from './enabled-hooks';
import { parseEnvelope } from './envelope';
import { recordHistory } from './history';
import { loadHookStates } from './hook-state';
import { addMetrics } from './metrics';
import { completedHooks } from './receipts';
import type { BusDeps } from './run-handlers';

/** Deliveries of a hook event before it goes to the dead-letter queue: the first plus `max_retries`. */
export const HOOK_MAX_ATTEMPTS = 4;

export interface DeadLetterReport {
  eventId: string | null;
  event: string | null;
  /** The hooks that never completed for it. */
  missing: string[];
}

/**
 * Records an event that exhausted its retries: counted as a dead letter, kept in the history with the hooks
 * that never completed for it, and alerted (at most once per event name per 5 minutes).
 */
export async function recordDeadLetter(deps: BusDeps, body: unknown): Promise<DeadLetterReport> {
  const d1 = deps.env.DB;
  const parsed = parseEnvelope(body);
  const now = deps.now();
  if (!parsed.ok) {
    console.error(`Edgeward: a dead-lettered hook message is not an event (${parsed.reason})`);
    await addMetrics(d1, { dead_letters: 1, abandoned: 1 })?.run();
    return { eventId: null, event: null, missing: [] };
  }
  const envelope = parsed.envelope;
  const hooks = await enabledHooks(database(d1), deps.extensions, envelope.event, envelope.guildId);
  const ids = hooks.map((h) => h.id);
  const [done, states] = await Promise.all([
    completedHooks(d1, envelope.eventId, ids),
    loadHookStates(d1, ids),
  ]);
  const missing = ids.filter((id) => !done.has(id) && !states.get(id)?.disabled);
  const reason = `gave up after ${HOOK_MAX_ATTEMPTS} deliveries`;
  const writes = recordHistory(d1, {
    eventId: envelope.eventId,
    event: envelope.event,
    guildId: envelope.guildId,
    at: now,
    successCount: ids.filter((id) => done.has(id)).length,
    errorCount: missing.length,
    errors: missing.map((hookId) => ({ hookId, error: `dead letter: ${reason}` })),
    avgMs: 0,
    queueDelayMs: now - envelope.emittedAt,
  });
  const metrics = addMetrics(d1, { dead_letters: 1, abandoned: 1 });
  await d1.batch(metrics ? [...writes, metrics] : writes);
  await sendHookAlert(
    { d1, rest: () => deps.services().rest },
    {
      subject: `dead-letter:${envelope.event}`,
      title: 'Hook event dead-lettered',
      description: [
        `Event \`${envelope.event}\` (${envelope.eventId}) ${reason}.`,
        missing.length
          ? `Hooks that never completed: ${missing.map((id) => `\`${id}\``).join(', ')}`
          : 'Every hook has completed or is disabled now.',
      ].join('\n'),
    },
    now,
  );
  return { eventId: envelope.eventId, event: envelope.event, missing };
}
