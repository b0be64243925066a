/** The health tiers, the seed's thresholds, and how signals combine into one tier (pure). */

export const TIERS = ['healthy', 'degraded', 'critical'] as const;
export type Tier = (typeof TIERS)[number];

/** Rolling one-hour error rate (failed / ran, typos and invalid input excluded) at or above these. */
export const CRITICAL_ERROR_RATE = 10;
export const DEGRADED_ERROR_RATE = 5;
/** Below this many commands in the hour, the error rate alone makes the tier at most degraded. */
export const MIN_COMMANDS_FOR_CRITICAL = 10;

export const tierRank = (tier: Tier) => TIERS.indexOf(tier);
export const worse = (a: Tier, b: Tier): Tier => (tierRank(a) >= tierRank(b) ? a : b);

export interface HealthSignals {
  errorRate: number;
  processed: number;
  failed: number;
  pendingMigrations: readonly string[];
  /** Gateway shards, when the gateway runs: how many there are and how many are connected and reporting. */
  shards: { total: number; connected: number } | null;
  /** Hook events waiting in the queue (first delivery or retry). */
  hookQueue: number;
  /** Discord REST answers over the last hour: rate limits, and server errors. */
  rest429: number;
  rest5xx: number;
  /** D1 and R2 errors among the last hour's failures. */
  storageErrors: number;
  /** Auto-backup schedules whose last run failed, and backup jobs past their deadline. */
  failingSchedules: number;
  stuckBackups: number;
  /** Backup jobs and restores that failed in the last 24 hours. */
  failedBackups: number;
  failedRestores: number;
}

/** A hook queue this deep means the consumer is not keeping up (or not running): degraded. */
export const HOOK_QUEUE_BACKLOG = 500;
/**
 * Signals that make the tier degraded from these counts (never critical: the error rate alone does that).
 * 429s: a well-behaved client sees some under load, a hundred in an hour means it is fighting the limits.
 */
export const DEGRADED_AT = { rest429: 100, rest5xx: 20, storageErrors: 3 } as const;

export interface Assessment {
  tier: Tier;
  /** Why, one line per signal that is not healthy. */
  reasons: string[];
}

export function errorRateTier(errorRate: number, processed: number): Tier {
  if (errorRate >= CRITICAL_ERROR_RATE)
    return processed >= MIN_COMMANDS_FOR_CRITICAL ? 'critical' : 'degraded';
  if (errorRate >= DEGRADED_ERROR_RATE) return 'degraded';
  return 'healthy';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function assessHealth(signals: HealthSignals): Assessment {
  const reasons: string[] = [];
  let tier: Tier = 'healthy';
  const degrade = (reason: string) => {
    tier = worse(tier, 'degraded');
    reasons.push(reason);
  };
  const fromErrors = errorRateTier(signals.errorRate, signals.processed);
  if (fromErrors !== 'healthy') {
    tier = worse(tier, fromErrors);
    reasons.push(
      `error rate ${signals.errorRate}% over the last hour (${signals.failed} of ${signals.processed} commands failed)`,
    );
  }
  if (signals.pendingMigrations.length > 0)
    degrade(
      `${signals.pendingMigrations.length} D1 migration(s) not applied: ${signals.pendingMigrations.join(', ')}`,
    );
  if (signals.shards && signals.shards.connected < signals.shards.total)
    degrade(
      `${signals.shards.total - signals.shards.connected} of ${signals.shards.total} gateway shard(s) down`,
    );
  if (signals.hookQueue >= HOOK_QUEUE_BACKLOG)
    degrade(`${signals.hookQueue} hook events waiting in the queue (the consumer is not keeping up)`);
  if (signals.rest429 >= DEGRADED_AT.rest429)
    degrade(`Discord rate-limited the bot ${plural(signals.rest429, 'time')} in the last hour (429)`);
  if (signals.rest5xx >= DEGRADED_AT.rest5xx)
    degrade(`Discord answered ${plural(signals.rest5xx, 'server error')} in the last hour (5xx)`);
  if (signals.storageErrors >= DEGRADED_AT.storageErrors)
    degrade(`${plural(signals.storageErrors, 'D1 or R2 error')} in the last hour`);
  if (signals.failingSchedules > 0)
    degrade(`${plural(signals.failingSchedules, 'auto-backup schedule')} failing`);
  if (signals.stuckBackups > 0)
    degrade(`${plural(signals.stuckBackups, 'backup job')} stuck past the deadline`);
  if (signals.failedBackups > 0)
    degrade(`${plural(signals.failedBackups, 'backup')} failed in the last 24 hours`);
  if (signals.failedRestores > 0)
    degrade(`${plural(signals.failedRestores, 'restore')} failed in the last 24 hours`);
  return { tier, reasons };
}

export const tierIcon: Record<Tier, string> = { healthy: '✅', degraded: '⚠️', critical: '🚨' };
export const tierLabel: Record<Tier, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  critical: 'Critical',
};
