import type { AlertConfig, ShardReport } from '../../../durable-objects/gateway-coordinator';
import type { Services } from '../../framework/context';
import { coordinatorOf } from '../../gateway/coordinator-client';

export interface Fleet {
  reports: ShardReport[];
  alerts: AlertConfig;
  /** The shard count the coordinator runs, null when no shard was ever started. */
  shardCount: number | null;
  now: number;
}

/** Every shard's current report (asked of the shards themselves, so the numbers are live). */
export async function loadFleet(services: Pick<Services, 'env'>): Promise<Fleet> {
  const coordinator = coordinatorOf(services.env);
  const [reports, alerts, shardCount] = await Promise.all([
    coordinator.collect(),
    coordinator.alertConfig(),
    coordinator.knownShardCount(),
  ]);
  return { reports, alerts, shardCount, now: Date.now() };
}

export const NO_SHARDS =
  'No gateway shard is running. Shards start on their own when `GATEWAY_ENABLED` is on (the cron trigger and the first request after a deploy start them); slash commands work without them.';

/** "12 s ago" for a past time. */
export function ago(at: number | null, now: number): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}
