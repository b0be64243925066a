import type { REST } from '@discordjs/rest';
import { type Config, loadConfig } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import type { ExtensionDefinition } from '../extensions/extension';
import { createRest } from '../services';
import { type DeadLetterReport, recordDeadLetter } from './dead-letters';
import { enabledHooks } from './enabled-hooks';
import { createEnvelope, type HookEnvelope } from './envelope';
import type { EventName, PayloadOf } from './events';
import { addMetrics } from './metrics';
import type { RegisteredHook } from './registered-hooks';
import { type BusDeps, type RunReport, runHandlers } from './run-handlers';

export interface HookBusOptions {
  /** The extensions whose handlers the bus runs (the catalogue in production; tests pass their own). */
  extensions: readonly ExtensionDefinition[];
  /** The clock for breakers and history; default Date.now. */
  now?: () => number;
  /**
   * Where emissions go: a queue (default: the HOOK_EVENTS binding), or null to run the handlers at once
   * in the emitter (tests and benches).
   */
  queue?: Queue<HookEnvelope> | null;
}

export interface EmitOptions {
  /** A stable id for an event that may be emitted twice (default: a new UUID). */
  eventId?: string;
}

export interface Emission {
  eventId: string;
  /** How many handlers the event was delivered to (0: it was not enqueued at all). */
  handlers: number;
}

/**
 * The typed event bus. Holds no state of its own: breakers, history, metrics and receipts are in D1, so
 * any number of buses (one per isolate) behave as one.
 */
export class HookBus {
  readonly deps: BusDeps;
  private readonly queue: Queue<HookEnvelope> | null;

  constructor(
    readonly env: Env,
    options: HookBusOptions,
  ) {
    let services: { config: Config; rest: REST } | undefined;
    this.deps = {
      env,
      extensions: options.extensions,
      now: options.now ?? Date.now,
      services: () => {
        if (!services) {
          const loaded = loadConfig(env);
          if (!loaded.ok)
            throw new Error(`configuration: ${loaded.problems.map((p) => p.variable).join(', ')}`);
          services = { config: loaded.config, rest: createRest(loaded.config) };
        }
        return services;
      },
    };
    this.queue = options.queue === undefined ? (env.HOOK_EVENTS ?? null) : options.queue;
  }

  /** The handlers that would run for this event in this guild now, in order. */
  handlersFor(event: string, guildId: string | null): Promise<RegisteredHook[]> {
    return enabledHooks(database(this.env.DB), this.deps.extensions, event, guildId);
  }

  /**
   * Emits an event: validated, then enqueued for the consumer when at least one handler listens in its
   * guild (an event nobody listens to costs one lookup and nothing else). If the queue refuses it, the
   * handlers run here instead (counted as a drop) rather than losing the event.
   */
  async emit<E extends EventName>(
    event: E,
    payload: PayloadOf<E>,
    options: EmitOptions = {},
  ): Promise<Emission> {
    const envelope = createEnvelope(event, payload, this.deps.now(), options.eventId);
    const hooks = await this.handlersFor(envelope.event, envelope.guildId);
    if (hooks.length === 0) return { eventId: envelope.eventId, handlers: 0 };
    if (this.queue) {
      try {
        await this.queue.send(envelope, { contentType: 'json' });
        await addMetrics(this.env.DB, { enqueued: 1 })
          ?.run()
          .catch(() => {});
        return { eventId: envelope.eventId, handlers: hooks.length };
      } catch (error) {
        console.error(
          `Edgeward: the hook queue refused ${envelope.event}; running its handlers here:`,
          error,
        );
        await addMetrics(this.env.DB, { drops: 1 })
          ?.run()
          .catch(() => {});
      }
    }
    await this.run(envelope);
    return { eventId: envelope.eventId, handlers: hooks.length };
  }

  /** Runs an event's handlers once (what the queue consumer does per delivery). */
  run(envelope: HookEnvelope, options: { attempt?: number } = {}): Promise<RunReport> {
    return runHandlers(this.deps, envelope, options);
  }

  /** Records a message that reached the dead-letter queue. */
  deadLetter(body: unknown): Promise<DeadLetterReport> {
    return recordDeadLetter(this.deps, body);
  }
}
