import type { REST } from '@discordjs/rest';
import type { Config } from '../config';
import { database } from '../db/client';
import type { Env } from '../env';
import type { ExtensionDefinition } from '../extensions/extension';
import { extensionSettings } from '../extensions/guild-extensions';
import { sendHookAlert } from './alerts';
import { enabledHooks } from './enabled-hooks';
import type { HookEnvelope } from './envelope';
import { type HistoryError, recordHistory, shortError } from './history';
import type { HookContext } from './hook-handler';
import { BREAKER, closeExpired, gateOf, loadHookStates, recordFailure, recordSuccesses } from './hook-state';
import { addMetrics } from './metrics';
import { completedHooks, markCompleted } from './receipts';
import { runWithTimeout } from './run-hook';

/** What the bus needs to run handlers. */
export interface BusDeps {
  env: Env;
  extensions: readonly ExtensionDefinition[];
  /** The clock for the breaker and history (tests move it). */
  now: () => number;
  /** Configuration and a REST client for handlers and alerts (created on first use). */
  services: () => { config: Config; rest: REST };
}

export type HookOutcome = 'ok' | 'failed' | 'disabled' | 'open' | 'done';

export interface HookResult {
  hookId: string;
  outcome: HookOutcome;
  /** Run time (ok, failed). */
  ms?: number;
  error?: string;
  /** When it can run again (open: when the breaker closes). */
  retryAt?: number;
}

export interface RunReport {
  eventId: string;
  event: string;
  results: HookResult[];
  /** Hooks that still owe this event a run: they failed, or were skipped with their breaker open. */
  pending: HookResult[];
  /** Hooks whose breaker this run opened. */
  opened: string[];
}

/**
 * Runs an event's handlers once (one queue delivery): in priority order, each with its timeout, each
 * isolated from the others' failures. Skips hooks that already completed for this event (a redelivery),
 * disabled hooks and hooks whose breaker is open; closes a breaker whose time is up. Then writes, in one D1
 * batch, the hooks' counters and breaker windows, the receipts of those that completed, a history entry and
 * the metrics; and alerts when a breaker opened.
 */
export async function runHandlers(
  deps: BusDeps,
  envelope: HookEnvelope,
  options: { attempt?: number } = {},
): Promise<RunReport> {
  const attempt = options.attempt ?? 1;
  const d1 = deps.env.DB;
  const db = database(d1);
  const report: RunReport = {
    eventId: envelope.eventId,
    event: envelope.event,
    results: [],
    pending: [],
    opened: [],
  };
  const hooks = await enabledHooks(db, deps.extensions, envelope.event, envelope.guildId);
  if (hooks.length === 0) return report;
  const ids = hooks.map((h) => h.id);
  const [done, states] = await Promise.all([
    completedHooks(d1, envelope.eventId, ids),
    loadHookStates(d1, ids),
  ]);

  const startedAt = deps.now();
  const writes: D1PreparedStatement[] = [];
  const openers = new Map<number, string>();
  const settings = new Map<ExtensionDefinition, Promise<Record<string, unknown>>>();
  const settingsOf = (e: ExtensionDefinition) => {
    let s = settings.get(e);
    if (!s) {
      s = extensionSettings(db, envelope.guildId, e);
      settings.set(e, s);
    }
    return s;
  };

  for (const hook of hooks) {
    if (done.has(hook.id)) {
      report.results.push({ hookId: hook.id, outcome: 'done' });
      continue;
    }
    const state = states.get(hook.id);
    const now = deps.now();
    const gate = gateOf(state, now);
    if (gate === 'disabled') {
      report.results.push({ hookId: hook.id, outcome: 'disabled' });
      continue;
    }
    if (gate === 'open') {
      const result: HookResult = { hookId: hook.id, outcome: 'open', retryAt: state?.openUntil ?? now };
      report.results.push(result);
      report.pending.push(result);
      continue;
    }
    if (gate === 'expired') writes.push(closeExpired(d1, hook.id, now));

    const started = performance.now();
    try {
      const { config, rest } = deps.services();
      const context: HookContext = {
        env: deps.env,
        config,
        db,
        rest,
        event: envelope.event,
        eventId: envelope.eventId,
        guildId: envelope.guildId,
        emittedAt: envelope.emittedAt,
        settings: await settingsOf(hook.extension),
      };
      await runWithTimeout(
        (signal) => hook.handler.run({ ...context, signal }, envelope.payload as never),
        hook.timeoutMs,
      );
      report.results.push({ hookId: hook.id, outcome: 'ok', ms: performance.now() - started });
    } catch (error) {
      const ms = performance.now() - started;
      const [count, open] = recordFailure(d1, hook.id, ms, deps.now());
      writes.push(count);
      openers.set(writes.length, hook.id);
      writes.push(open);
      const result: HookResult = {
        hookId: hook.id,
        outcome: 'failed',
        ms,
        error: shortError(error),
        retryAt: deps.now() + retryBackoffMs(attempt),
      };
      report.results.push(result);
      report.pending.push(result);
      console.error(`Edgeward: hook ${hook.id} failed on event ${envelope.eventId}:`, result.error);
    }
  }

  const ran = report.results.filter((r) => r.outcome === 'ok' || r.outcome === 'failed');
  const failed = ran.filter((r) => r.outcome === 'failed');
  const succeeded = ran.filter((r) => r.outcome === 'ok');
  const finishedAt = deps.now();
  writes.push(
    ...recordSuccesses(
      d1,
      succeeded.map((r) => ({ hookId: r.hookId, ms: r.ms ?? 0 })),
      finishedAt,
    ),
    ...markCompleted(
      d1,
      envelope.eventId,
      succeeded.map((r) => r.hookId),
      finishedAt,
    ),
  );
  const totalMs = ran.reduce((sum, r) => sum + (r.ms ?? 0), 0);
  const queueDelayMs = Math.max(0, startedAt - envelope.emittedAt);
  if (ran.length > 0) {
    const errors: HistoryError[] = failed.map((r) => ({ hookId: r.hookId, error: r.error ?? 'failed' }));
    writes.push(
      ...recordHistory(d1, {
        eventId: envelope.eventId,
        event: envelope.event,
        guildId: envelope.guildId,
        at: startedAt,
        successCount: ran.length - failed.length,
        errorCount: failed.length,
        errors,
        avgMs: totalMs / ran.length,
        queueDelayMs,
      }),
    );
  }
  const first = attempt === 1;
  const metrics = addMetrics(d1, {
    emissions: first ? 1 : 0,
    executions: ran.length,
    failures: failed.length,
    exec_ms: totalMs,
    queue_delay_ms: first ? queueDelayMs : 0,
    queue_delay_samples: first ? 1 : 0,
  });
  if (metrics) writes.push(metrics);
  if (writes.length > 0) {
    const results = await d1.batch(writes);
    for (const [index, id] of openers) if ((results[index]?.results.length ?? 0) > 0) report.opened.push(id);
  }

  for (const id of report.opened) {
    const error = failed.find((r) => r.hookId === id)?.error ?? 'unknown';
    await sendHookAlert(
      { d1, rest: () => deps.services().rest },
      {
        subject: id,
        title: 'Circuit breaker opened',
        description: [
          `Hook \`${id}\` failed ${BREAKER.threshold} times within ${BREAKER.windowMs / 60_000} minutes.`,
          `It is skipped for ${BREAKER.openMs / 1000} seconds; events meanwhile are retried later.`,
          `Last error: ${error}`,
          `Use \`eh_reset_circuit ${id}\` to close it now, or \`eh_disable ${id}\` to turn it off.`,
        ].join('\n'),
      },
      deps.now(),
    );
  }
  return report;
}

/** How long a failed handler waits before the next delivery: 5 s, 10 s, 20 s, … (at most 15 minutes). */
export function retryBackoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
}
