import type { REST } from '@discordjs/rest';
import type { Env } from '../env';

/** Discord's window for invalid requests, and its ban threshold in it (per IP). */
export const INVALID_WINDOW_MS = 10 * 60 * 1000;
export const DISCORD_INVALID_CEILING = 10_000;

export interface BudgetState {
  /** Invalid requests (401, 403, 429 except shared-scope 429s) seen in the last 10 minutes. */
  invalid: number;
  limit: number;
  /** Background work may write now. */
  ok: boolean;
  /** When it may try again, if not. */
  retryInMs: number;
  reason: string | null;
}

export function budgetState(input: {
  invalid: number;
  limit: number;
  now: number;
  blockedUntil: number;
  blockReason: string | null;
  oldestMinute: number;
}): BudgetState {
  const { invalid, limit, now } = input;
  if (input.blockedUntil > now) {
    return {
      invalid,
      limit,
      ok: false,
      retryInMs: input.blockedUntil - now,
      reason: input.blockReason ?? 'Cloudflare is refusing requests to Discord',
    };
  }
  if (invalid >= limit) {
    // The oldest minute leaves the window first; try again once it has.
    const leaves = Number.isFinite(input.oldestMinute)
      ? (input.oldestMinute + 1) * 60_000 + INVALID_WINDOW_MS - now
      : 60_000;
    return {
      invalid,
      limit,
      ok: false,
      retryInMs: Math.max(5_000, leaves),
      reason: `${invalid} invalid Discord requests in the last 10 minutes reached this deployment's budget of ${limit} (Discord bans at ${DISCORD_INVALID_CEILING}); waiting for the window to clear.`,
    };
  }
  return { invalid, limit, ok: true, retryInMs: 0, reason: null };
}

/** An invalid request as Discord counts it: 401, 403, and 429 except those on a shared bucket. */
export function isInvalid(status: number, scope: string | null): boolean {
  return status === 401 || status === 403 || (status === 429 && scope !== 'shared');
}

/**
 * Counts the invalid requests a REST client makes, so they can be reported to the deployment's budget.
 * `take()` returns the count since the last call.
 */
export function countInvalidRequests(rest: REST): { take(): number } {
  let count = 0;
  rest.on('response', (_request, response) => {
    if (isInvalid(response.status, response.headers.get('x-ratelimit-scope'))) count++;
  });
  return {
    take() {
      const n = count;
      count = 0;
      return n;
    },
  };
}

const budgetStub = (env: Env) => env.REST_BUDGET.get(env.REST_BUDGET.idFromName('deployment'));

/** Reports invalid requests (if any) and answers whether background work may write. */
export async function checkRestBudget(env: Env, limit: number, invalid = 0): Promise<BudgetState> {
  return budgetStub(env).report(invalid, limit);
}

/** Tells every isolate to hold background writes (a Cloudflare-level block was seen). */
export async function reportBlock(env: Env, forMs: number, reason: string): Promise<void> {
  await budgetStub(env).block(forMs, reason);
}

/**
 * Reports each invalid request a request-scoped client makes to the deployment's budget, in the
 * background (invalid requests are rare, so this costs nothing on the normal path).
 */
export function reportInvalidRequests(
  rest: REST,
  env: Env,
  limit: number,
  waitUntil: (work: Promise<unknown>) => void,
): REST {
  rest.on('response', (_request, response) => {
    if (isInvalid(response.status, response.headers.get('x-ratelimit-scope')))
      waitUntil(checkRestBudget(env, limit, 1).catch(() => {}));
  });
  return rest;
}
