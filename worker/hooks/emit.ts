import type { Env } from '../env';
import { type EmitOptions, HookBus } from './bus';
import type { EventName, PayloadOf } from './events';
import { installedExtensions } from './installed-extensions';

/** One bus per environment object (an isolate keeps it, and its REST client, between events). */
const buses = new WeakMap<Env, HookBus>();

/** The production bus: every bundled extension, the HOOK_EVENTS queue. */
export async function defaultHookBus(env: Env): Promise<HookBus> {
  const extensions = await installedExtensions();
  let bus = buses.get(env);
  if (!bus || bus.deps.extensions !== extensions) {
    bus = new HookBus(env, { extensions });
    buses.set(env, bus);
  }
  return bus;
}

/**
 * Emits an event to every enabled extension's handlers: enqueued on HOOK_EVENTS when anything listens in
 * the event's guild, not enqueued at all otherwise. Call it in `waitUntil` so that it never delays a reply.
 * Returns the event id and the number of handlers it was delivered to. `options.eventId` names the event
 * when the emitter can recognise a repeat (a gateway dispatch replayed after a resume): handlers that
 * completed for that id do not run again.
 */
export async function emitEvent<E extends EventName>(
  env: Env,
  event: E,
  payload: PayloadOf<E>,
  options: EmitOptions = {},
): Promise<{ eventId: string; handlers: number }> {
  return (await defaultHookBus(env)).emit(event, payload, options);
}
