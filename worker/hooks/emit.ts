import type { Env } from '../env';
import type { EventName, PayloadOf } from './events';

/**
 * Emits an event to every enabled extension's handlers. STUB: the event-bus work replaces this body.
 * Returns the event id and the number of handlers it was delivered to.
 */
export async function emitEvent<E extends EventName>(
  _env: Env,
  _event: E,
  _payload: PayloadOf<E>,
): Promise<{ eventId: string; handlers: number }> {
  return { eventId: crypto.randomUUID(), handlers: 0 };
}
