import type { REST } from '@discordjs/rest';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Env } from '../env';
import type { EventName, PayloadOf } from './events';

/** What a hook handler can reach while it runs. */
export interface HookContext {
  env: Env;
  config: Config;
  db: Database;
  rest: REST;
  event: string;
  /** Unique per emission; handlers must be idempotent per event id (a queue may redeliver). */
  eventId: string;
  guildId: string | null;
  emittedAt: number;
  /** This extension's settings for the event's guild (its schema's defaults when none are stored). */
  settings: Record<string, unknown>;
  /** Aborted when the handler's timeout passes: long work should stop (its result is ignored anyway). */
  signal?: AbortSignal;
}

/** A handler an extension registers for one event. Higher priority runs first. */
export interface HookHandler<E extends EventName = EventName> {
  event: E;
  /** Unique within the extension; the hook id is `<event>:<extension>.<name>`. */
  name: string;
  /** Default 0; higher runs first. */
  priority?: number;
  /** Default 10 000 ms. */
  timeoutMs?: number;
  run(ctx: HookContext, payload: PayloadOf<E>): Promise<void> | void;
}

export function defineHook<const E extends EventName>(hook: HookHandler<E>): HookHandler {
  return hook as unknown as HookHandler;
}

export const hookId = (extension: string, hook: Pick<HookHandler, 'event' | 'name'>) =>
  `${hook.event}:${extension}.${hook.name}`;
