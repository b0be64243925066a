import { env } from 'cloudflare:test';
import { defineExtension, type ExtensionDefinition } from '../../worker/extensions/extension';
import { HookBus } from '../../worker/hooks/bus';
import { createEnvelope, type HookEnvelope } from '../../worker/hooks/envelope';
import type { EventName, PayloadOf } from '../../worker/hooks/events';
import { defineHook, type HookContext, type HookHandler } from '../../worker/hooks/hook-handler';
import { readMetrics } from '../../worker/hooks/metrics';

/** Empties every table the bus writes (and the alert settings), so each test starts from nothing. */
export async function clearHookTables() {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM hook_state'),
    env.DB.prepare('DELETE FROM hook_history'),
    env.DB.prepare('DELETE FROM hook_metrics'),
    env.DB.prepare('DELETE FROM hook_receipts'),
    env.DB.prepare("DELETE FROM framework_settings WHERE key LIKE 'hooks.%'"),
    env.DB.prepare('DELETE FROM guild_extensions'),
  ]);
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_800_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Calls each handler makes, in order: `<hook name>@<event id>`. */
export type CallLog = string[];

/** A handler that logs its call, then does `behave` (throw, hang…). */
export function probeHook<E extends EventName>(
  log: CallLog,
  event: E,
  name: string,
  extra: Partial<Pick<HookHandler, 'priority' | 'timeoutMs'>> & {
    behave?: (ctx: HookContext, payload: PayloadOf<E>) => Promise<void> | void;
  } = {},
): HookHandler {
  return defineHook({
    event,
    name,
    ...(extra.priority !== undefined ? { priority: extra.priority } : {}),
    ...(extra.timeoutMs !== undefined ? { timeoutMs: extra.timeoutMs } : {}),
    async run(ctx, payload) {
      log.push(`${name}@${ctx.eventId}`);
      await extra.behave?.(ctx, payload);
    },
  });
}

/** An extension holding these hooks (its manifest lists the events, as the registry requires). */
export function probeExtension(
  name: string,
  hooks: HookHandler[],
  enabledByDefault = true,
): ExtensionDefinition {
  return defineExtension({
    manifest: {
      name,
      version: '1.0.0',
      author: 'Tests',
      description: `Test hooks (${name})`,
      enabledByDefault,
      listensTo: [...new Set(hooks.map((h) => h.event))],
    },
    hooks,
  });
}

/** A bus over these extensions that runs handlers at once (no queue) on the given clock. */
export function inlineBus(extensions: ExtensionDefinition[], now: () => number = Date.now) {
  return new HookBus(env, { extensions, now, queue: null });
}

export function envelopeOf<E extends EventName>(
  event: E,
  payload: PayloadOf<E>,
  at = Date.now(),
): HookEnvelope {
  return createEnvelope(event, payload, at);
}

export const commandPayload = (guildId: string | null = null) => ({
  command: 'about',
  userId: '1300000000000001003',
  guildId,
  transport: 'slash' as const,
});

export const metrics = () => readMetrics(env.DB);

export async function historyRows() {
  const { results } = await env.DB.prepare('SELECT * FROM hook_history ORDER BY id').all<{
    event: string;
    event_id: string;
    success_count: number;
    error_count: number;
    errors: string;
  }>();
  return results;
}

export async function hookState(id: string) {
  return env.DB.prepare('SELECT * FROM hook_state WHERE hook_id = ?').bind(id).first<{
    disabled: number;
    failures: string;
    open_until: number | null;
    executions: number;
    failure_count: number;
  }>();
}
