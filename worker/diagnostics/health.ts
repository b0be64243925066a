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
}

/** A hook queue this deep means the consumer is not keeping up (or not running): degraded. */
export const HOOK_QUEUE_BACKLOG = 500;

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

export function assessHealth(signals: HealthSignals): Assessment {
  const reasons: string[] = [];
  let tier: Tier = 'healthy';
  const fromErrors = errorRateTier(signals.errorRate, signals.processed);
  if (fromErrors !== 'healthy') {
    tier = worse(tier, fromErrors);
    reasons.push(
      `error rate ${signals.errorRate}% over the last hour (${signals.failed} of ${signals.processed} commands failed)`,
    );
  }
  if (signals.pendingMigrations.length > 0) {
    tier = worse(tier, 'degraded');
    reasons.push(
      `${signals.pendingMigrations.length} D1 migration(s) not applied: ${signals.pendingMigrations.join(', ')}`,
    );
  }
  if (signals.shards && signals.shards.connected < signals.shards.total) {
    tier = worse(tier, 'degraded');
    reasons.push(
      `${signals.shards.total - signals.shards.connected} of ${signals.shards.total} gateway shard(s) down`,
    );
  }
  if (signals.hookQueue >= HOOK_QUEUE_BACKLOG) {
    tier = worse(tier, 'degraded');
    reasons.push(`${signals.hookQueue} hook events waiting in the queue (the consumer is not keeping up)`);
  }
  return { tier, reasons };
}

export const tierIcon: Record<Tier, string> = { healthy: '✅', degraded: '⚠️', critical: '🚨' };
export const tierLabel: Record<Tier, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  critical: 'Critical',
};
