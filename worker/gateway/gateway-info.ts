import type { REST } from '@discordjs/rest';
import { type RESTGetAPIGatewayBotResult, Routes } from 'discord-api-types/v10';

/** `GET /gateway/bot`, as the coordinator keeps it. */
export interface GatewayInfo {
  url: string;
  recommendedShards: number;
  sessionStartLimit: { total: number; remaining: number; resetAfter: number; maxConcurrency: number };
  fetchedAt: number;
}

export async function fetchGatewayInfo(rest: REST, now = Date.now()): Promise<GatewayInfo> {
  const res = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return {
    url: res.url,
    recommendedShards: res.shards,
    sessionStartLimit: {
      total: res.session_start_limit.total,
      remaining: res.session_start_limit.remaining,
      resetAfter: res.session_start_limit.reset_after,
      maxConcurrency: res.session_start_limit.max_concurrency,
    },
    fetchedAt: now,
  };
}

/**
 * Identifies of one `max_concurrency` bucket are spaced this far apart: Discord's 5 s per bucket, plus a
 * margin for the time between a grant and Discord receiving the identify (which varies per connection).
 */
export const IDENTIFY_SPACING_MS = 5500;

export interface IdentifyLedger {
  /** rate_limit_key (`shard_id % max_concurrency`) → when its last identify was granted. */
  lastGrant: Record<string, number>;
  /** Session starts left, as counted since the last `GET /gateway/bot`. */
  remaining: number;
  /** When the budget resets (ms since epoch). */
  resetAt: number;
}

export type IdentifyDecision =
  | { ok: true; remaining: number; ledger: IdentifyLedger }
  | { ok: false; waitMs: number; reason: string };

/**
 * Whether a shard may identify now: one identify per `max_concurrency` bucket every 5.5 s (plus up to
 * 1 s of random slack so that shards do not collide), and never past the daily session-start budget (running
 * out makes Discord reset the bot's token).
 */
export function decideIdentify(
  shardId: number,
  info: GatewayInfo,
  ledger: IdentifyLedger,
  now: number,
  random = Math.random(),
): IdentifyDecision {
  if (ledger.remaining < 1) {
    return {
      ok: false,
      waitMs: Math.max(1000, ledger.resetAt - now),
      reason: 'the daily session-start budget is used up',
    };
  }
  const key = String(shardId % Math.max(1, info.sessionStartLimit.maxConcurrency));
  const last = ledger.lastGrant[key];
  if (last !== undefined && now - last < IDENTIFY_SPACING_MS) {
    return {
      ok: false,
      waitMs: IDENTIFY_SPACING_MS - (now - last) + Math.round(random * 1000),
      reason: `identify bucket ${key} is in its 5 s window`,
    };
  }
  const next: IdentifyLedger = {
    ...ledger,
    lastGrant: { ...ledger.lastGrant, [key]: now },
    remaining: ledger.remaining - 1,
  };
  return { ok: true, remaining: next.remaining, ledger: next };
}
